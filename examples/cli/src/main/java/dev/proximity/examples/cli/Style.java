package dev.proximity.examples.cli;

/**
 * ANSI styling that switches itself off: colours only on a terminal, never with {@code NO_COLOR}
 * or {@code --no-color}. Immutable.
 */
final class Style {
  private static final String RESET = "\u001b[0m";

  private final boolean enabled;

  Style(boolean enabled) {
    this.enabled = enabled;
  }

  boolean enabled() {
    return enabled;
  }

  String bold(String text) {
    return wrap("1", text);
  }

  String dim(String text) {
    return wrap("2", text);
  }

  String red(String text) {
    return wrap("31", text);
  }

  String green(String text) {
    return wrap("32", text);
  }

  String yellow(String text) {
    return wrap("33", text);
  }

  String cyan(String text) {
    return wrap("36", text);
  }

  /** Colours a status word: running and ok green, stopped yellow, failures red. */
  String status(String status) {
    switch (status) {
      case "running":
      case "ok":
      case "healthy":
        return green(status);
      case "stopped":
      case "warn":
        return yellow(status);
      case "fail":
      case "unhealthy":
      case "error":
        return red(status);
      default:
        return status;
    }
  }

  private String wrap(String code, String text) {
    return enabled ? "\u001b[" + code + "m" + text + RESET : text;
  }

  /** The length of text as it shows on screen, ignoring ANSI escape sequences. */
  static int visibleLength(String text) {
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u001b') {
        while (i < text.length() && text.charAt(i) != 'm') {
          i++;
        }
      } else {
        length++;
      }
    }
    return length;
  }
}
