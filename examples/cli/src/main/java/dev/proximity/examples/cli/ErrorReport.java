package dev.proximity.examples.cli;

import dev.proximity.ProximityException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns any failure into a {@link CliException}: an exit code, one line of message and a hint.
 *
 * <p>SDK messages already name the action, the resource and what to do; this class picks the exit
 * code and adds a hint where the SDK cannot know the CLI's flags.
 */
final class ErrorReport {
  private ErrorReport() {}

  static CliException of(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof CliException) {
      return (CliException) t;
    }
    if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new CliException(ExitCodes.INTERRUPTED, "interrupted", "", t);
    }
    if (t instanceof ProximityException) {
      return new CliException(ExitCodes.FAILURE, Printer.oneLine(t.getMessage()), "run again with --debug for details", t);
    }
    if (t instanceof IllegalArgumentException) {
      return new CliException(ExitCodes.USAGE, Printer.oneLine(t.getMessage()), "see the command's --help", t);
    }
    return new CliException(
        ExitCodes.FAILURE,
        "unexpected " + t.getClass().getSimpleName() + ": " + Printer.oneLine(t.getMessage()),
        "run again with --debug and report the stack trace",
        t);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException
            || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
