package dev.proximity.examples.cli;

/**
 * The exit codes of the {@code proximity} command, stable and documented in {@code --help} and in
 * docs/cli.md.
 */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;
  /** The operation failed (a deploy rolled back, a task failed, doctor found problems). */
  public static final int FAILURE = 1;
  /** Bad usage: unknown command or option, invalid value, unreadable configuration. */
  public static final int USAGE = 2;
  /** The app, catalog entry, backup or node does not exist. */
  public static final int NOT_FOUND = 3;
  /** Refused or in conflict: name taken, app running, disk shrink, unsafe request. */
  public static final int REFUSED = 4;
  /** No usable answer: Proxmox or SSH unreachable, TLS or host key mismatch. */
  public static final int CONNECTION = 5;
  /** Authentication failed or the credentials lack a privilege. */
  public static final int AUTH = 6;
  /** The operation did not finish in time. */
  public static final int TIMEOUT = 7;
  /** Interrupted (Ctrl-C). */
  public static final int INTERRUPTED = 130;

  /** The list shown under "Exit codes:" in {@code proximity --help}, as picocli expects it. */
  static final String[] HELP_LIST = {
    "0:ok",
    "1:operation failed (deploy rolled back, task failed, doctor found problems)",
    "2:usage error (bad command, option, value or configuration)",
    "3:not found (app, catalog entry, backup, node)",
    "4:refused or conflict (name taken, app running, disk shrink)",
    "5:connection failed (Proxmox or SSH unreachable, TLS or host key mismatch)",
    "6:authentication failed or missing privilege",
    "7:timed out",
    "130:interrupted"
  };

  private ExitCodes() {}
}
