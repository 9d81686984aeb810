package dev.proximity.examples.cli;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Shows the progress of a long operation: a live bar redrawn in place on a terminal, one plain line
 * per step otherwise.
 *
 * <p>Updates may come from SDK threads; implementations synchronise, so the lines never interleave.
 */
interface ProgressView extends AutoCloseable {

  /**
   * Reports progress.
   *
   * @param step the current step, such as {@code create-container}
   * @param percent overall completion, 0..100
   * @param message detail for the step, possibly empty
   */
  void update(String step, int percent, String message);

  /** Ends the display: the bar's line is finished with a newline. Idempotent. */
  @Override
  void close();

  /**
   * Chooses the display for the environment.
   *
   * @param env the run's environment
   * @param style colours, or none
   * @param title what is in progress, e.g. {@code deploy web}
   * @param plainTarget where plain lines go: standard output, or standard error with {@code --json}
   * @return a live bar on a terminal, plain lines otherwise
   */
  static ProgressView forEnvironment(CliEnvironment env, Style style, String title, PrintStream plainTarget) {
    return env.liveProgress()
        ? new Bar(env.out(), style, title, env.columns())
        : new Lines(plainTarget, title);
  }

  /** Redraws one line in place with carriage return and erase-line. */
  final class Bar implements ProgressView {
    static final int WIDTH = 24;

    private final PrintStream out;
    private final Style style;
    private final String title;
    private final int columns;
    private boolean drawn;
    private boolean closed;

    Bar(PrintStream out, Style style, String title, int columns) {
      this.out = Objects.requireNonNull(out);
      this.style = style;
      this.title = title;
      this.columns = columns;
    }

    @Override
    public synchronized void update(String step, int percent, String message) {
      if (closed) {
        return;
      }
      out.print("\r\u001b[2K" + render(step, percent, message));
      out.flush();
      drawn = true;
    }

    /** The bar line, cut to the terminal width (not counting escape sequences). */
    String render(String step, int percent, String message) {
      int p = Math.max(0, Math.min(100, percent));
      int filled = p * WIDTH / 100;
      String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
      String head = title + " [" + bar + "] " + String.format("%3d%%", p) + " ";
      String tail = message == null || message.isBlank() ? step : step + ": " + message;
      int room = columns - 1 - head.length();
      if (tail.length() > room) {
        tail = room > 1 ? tail.substring(0, room - 1) + "~" : "";
      }
      return title + " [" + style.cyan(bar) + "] " + String.format("%3d%%", p) + " " + style.bold(tail);
    }

    @Override
    public synchronized void close() {
      if (!closed && drawn) {
        out.println();
        out.flush();
      }
      closed = true;
    }
  }

  /** Prints a line each time the step changes. */
  final class Lines implements ProgressView {
    private final PrintStream out;
    private final String title;
    private String lastStep;

    Lines(PrintStream out, String title) {
      this.out = Objects.requireNonNull(out);
      this.title = title;
    }

    @Override
    public synchronized void update(String step, int percent, String message) {
      if (step.equals(lastStep)) {
        return;
      }
      lastStep = step;
      String detail = message == null || message.isBlank() ? "" : "  " + message;
      out.println(title + " " + String.format("[%3d%%]", Math.max(0, Math.min(100, percent))) + " " + step + detail);
      out.flush();
    }

    @Override
    public void close() {
      // each line is already complete
    }
  }
}
