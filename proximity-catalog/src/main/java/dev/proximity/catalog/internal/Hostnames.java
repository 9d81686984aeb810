package dev.proximity.catalog.internal;

import java.util.regex.Pattern;

/** RFC 1123 hostname labels, in lower case: what app ids and compose service names must be. */
public final class Hostnames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private Hostnames() {}

  /**
   * Returns whether the text is a lower-case hostname label.
   *
   * @param text the candidate
   * @return true for 1..63 characters of a-z, 0-9 and '-', not starting or ending with '-'
   */
  public static boolean isLabel(String text) {
    return text != null && LABEL.matcher(text).matches();
  }
}
