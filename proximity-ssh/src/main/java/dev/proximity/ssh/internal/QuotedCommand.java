package dev.proximity.ssh.internal;

import java.util.List;

/**
 * A remote command line produced by {@link ShellQuoting}, together with the argv it encodes.
 *
 * <p>The constructor is package-private so that {@link ShellQuoting#command(List)} is the only way
 * to obtain one; {@link SshConnection} accepts nothing else, which is how the "no shell text from
 * input" rule is enforced by the type system (and checked by an architecture test).
 */
public final class QuotedCommand {
  private final List<String> argv;
  private final String line;

  QuotedCommand(List<String> argv, String line) {
    this.argv = argv;
    this.line = line;
  }

  /**
   * Returns the argv this line encodes.
   *
   * @return the immutable argv
   */
  public List<String> argv() {
    return argv;
  }

  /**
   * Returns the quoted line to send in an SSH {@code exec} request.
   *
   * @return the command line
   */
  public String line() {
    return line;
  }

  /** Returns the program name only, since arguments may hold secrets. */
  @Override
  public String toString() {
    return "QuotedCommand[" + argv.get(0) + ", " + argv.size() + " words]";
  }
}
