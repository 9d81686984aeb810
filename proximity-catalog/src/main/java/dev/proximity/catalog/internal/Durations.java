package dev.proximity.catalog.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compose durations ({@code 1m30s}, {@code 500ms}) to and from {@link Duration}. */
final class Durations {
  private static final Pattern FORMAT =
      Pattern.compile("(?:([0-9]{1,4})h)?(?:([0-9]{1,5})m(?!s))?(?:([0-9]{1,6})s)?(?:([0-9]{1,6})ms)?");

  private Durations() {}

  /** Parses a Compose duration, or returns null if the text is not one. */
  static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      return null;
    }
    Duration d = Duration.ZERO;
    if (m.group(1) != null) {
      d = d.plusHours(Long.parseLong(m.group(1)));
    }
    if (m.group(2) != null) {
      d = d.plusMinutes(Long.parseLong(m.group(2)));
    }
    if (m.group(3) != null) {
      d = d.plusSeconds(Long.parseLong(m.group(3)));
    }
    if (m.group(4) != null) {
      d = d.plusMillis(Long.parseLong(m.group(4)));
    }
    return d;
  }

  /** Formats a duration as Compose understands it: whole seconds as {@code 30s}, else millis. */
  static String format(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }
}
