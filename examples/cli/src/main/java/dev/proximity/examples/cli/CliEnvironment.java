package dev.proximity.examples.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of the CLI sees of the world: its output streams, environment variables, home
 * directory, and whether standard output is a terminal.
 *
 * <p>{@link #system()} describes the real process; tests build their own to capture output, set
 * variables and pretend to be (or not to be) a terminal. Immutable.
 *
 * @param out standard output
 * @param err standard error
 * @param env environment variables
 * @param terminal whether standard output is an interactive terminal (live progress, colours)
 * @param home the user's home directory, for the default config and demo state paths
 */
public record CliEnvironment(
    PrintStream out, PrintStream err, Map<String, String> env, boolean terminal, Path home) {

  /** Validates and copies the components. */
  public CliEnvironment {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    env = Map.copyOf(env);
    Objects.requireNonNull(home, "home");
  }

  /**
   * Describes the running process: {@code System.out}, {@code System.err}, the real environment,
   * {@code $HOME} (else {@code user.home}), and a terminal when the JVM has a console ({@code System.console()}, which on JDK 17 means that
   * both standard input and standard output are terminals).
   *
   * @return the environment of this process
   */
  public static CliEnvironment system() {
    return new CliEnvironment(
        System.out,
        System.err,
        System.getenv(),
        System.console() != null,
        home(System.getenv("HOME")));
  }

  private static Path home(String fromEnv) {
    return Path.of(fromEnv == null || fromEnv.isBlank() ? System.getProperty("user.home") : fromEnv);
  }

  /**
   * Looks up an environment variable, treating an empty value as absent.
   *
   * @param name the variable name
   * @return the value, or empty
   */
  public Optional<String> variable(String name) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * Whether colours may be used: only on a terminal, never when {@code NO_COLOR} is set
   * (<a href="https://no-color.org">no-color.org</a>) or {@code TERM} is {@code dumb}.
   *
   * @return whether ANSI colours may be written to standard output
   */
  public boolean colours() {
    return terminal
        && variable("NO_COLOR").isEmpty()
        && !"dumb".equals(variable("TERM").orElse(""));
  }

  /**
   * Whether a live progress bar may be drawn: on a terminal that understands carriage return
   * and erase-line, that is, anything but {@code TERM=dumb}.
   *
   * @return whether to redraw progress in place
   */
  public boolean liveProgress() {
    return terminal && !"dumb".equals(variable("TERM").orElse(""));
  }

  /**
   * The width of the terminal from {@code COLUMNS}, or 80.
   *
   * @return the number of columns to fit output in
   */
  public int columns() {
    try {
      int columns = Integer.parseInt(variable("COLUMNS").orElse("80").trim());
      return columns >= 20 ? columns : 80;
    } catch (NumberFormatException e) {
      return 80;
    }
  }
}
