package dev.proximity.examples.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The output layer of one run: tables or {@code --json} on standard output, one-line errors with a
 * hint on standard error, and progress displays. Thread-safe for progress; commands print from their
 * own thread.
 */
final class Printer {
  private final CliEnvironment env;
  private final boolean json;
  private final Style style;

  private final ProximityCommand root;

  Printer(CliEnvironment env, boolean json, boolean noColor, ProximityCommand root) {
    this.env = env;
    this.root = root;
    this.json = json;
    this.style = new Style(env.colours() && !noColor);
  }

  boolean json() {
    return json;
  }

  Style style() {
    return style;
  }

  PrintStream out() {
    return env.out();
  }

  /**
   * Prints a result: its JSON form with {@code --json}, otherwise the text the supplier renders.
   *
   * @param view the view record or list of them, whose field names are the JSON contract
   * @param text the human form
   */
  void emit(Object view, Supplier<List<String>> text) {
    if (json) {
      env.out().println(CliJson.write(view));
    } else {
      text.get().forEach(env.out()::println);
    }
    env.out().flush();
  }

  /** Renders a table with status words coloured. */
  List<String> table(Table table) {
    return table.render(style, style::status);
  }

  /** Renders key/value pairs as two aligned columns, values cleaned of control characters. */
  List<String> fields(List<String[]> pairs) {
    int width = pairs.stream().mapToInt(p -> p[0].length()).max().orElse(0);
    return pairs.stream()
        .map(p -> style.bold(p[0] + ":") + " ".repeat(width - p[0].length() + 1) + style.status(clean(p[1])))
        .toList();
  }

  /** Wraps text at word boundaries to lines of at most {@code width} characters (longer words stay whole). */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** Replaces control characters (escape sequences, line breaks) by {@code ?}, tabs by a space. */
  static String clean(String text) {
    if (text == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (cp == '\t') {
        out.append(' ');
      } else if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
        out.append('?');
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  /** Prints a line of text (not in {@code --json} mode, where only the result is printed). */
  void info(String line) {
    if (!json) {
      env.out().println(line);
      env.out().flush();
    }
  }

  /**
   * Prints an error: one line, then a hint line when there is one.
   *
   * @param message what went wrong
   * @param hint what to do, possibly empty
   */
  void error(String message, String hint) {
    PrintStream err = env.err();
    err.println(style.red("error:") + " " + oneLine(message));
    if (hint != null && !hint.isBlank()) {
      err.println(style.dim("hint:") + " " + oneLine(hint));
    }
    err.flush();
  }

  /**
   * Opens a progress display for a long operation; the SDK's progress events go to it until it is
   * closed.
   */
  ProgressView progress(String title) {
    ProgressView view = ProgressView.forEnvironment(env, style, title, json ? env.err() : env.out());
    root.showProgress(view);
    return new ProgressView() {
      @Override
      public void update(String step, int percent, String message) {
        view.update(step, percent, message);
      }

      @Override
      public void close() {
        root.hideProgress(view);
        view.close();
      }
    };
  }

  /** Collapses a possibly multi-line message into its first non-blank line. */
  static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    for (String line : message.strip().split("\\R")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return message.strip();
  }
}
