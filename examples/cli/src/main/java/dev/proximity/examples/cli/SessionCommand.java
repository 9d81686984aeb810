package dev.proximity.examples.cli;

/**
 * A command that talks to a cluster: checks its arguments, opens the run's {@link Session}, runs,
 * and closes the session (saving the demo state), also when the run is interrupted.
 */
abstract class SessionCommand extends BaseCommand {

  @Override
  public final Integer call() throws Exception {
    try {
      validate();
      try (Session session = Session.open(root())) {
        return run(session);
      }
    } finally {
      root().finished();
    }
  }

  /** Checks the arguments before any connection is made; throws a usage {@link CliException}. */
  void validate() {}

  /**
   * Runs the command.
   *
   * @param session the open session
   * @return the exit code
   */
  abstract int run(Session session) throws Exception;
}
