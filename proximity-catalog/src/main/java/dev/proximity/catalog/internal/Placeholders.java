package dev.proximity.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parameter markers inside compose string values: {@code ${param:NAME}}.
 *
 * <p>A template string is a sequence of literal text and markers. Literal text must already be in
 * Compose's escaped form: {@code $$} for a dollar sign. Any other {@code $} would start Compose
 * interpolation of the host environment, which makes a deploy depend on the machine it runs on, so
 * it is refused. Substituted values get every {@code $} doubled, so Compose hands the exact value
 * to the container and never interpolates inside it.
 */
public final class Placeholders {
  /** The marker prefix. */
  static final String PREFIX = "${param:";
  /** Parameter names: upper-case environment-variable style. */
  static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  private Placeholders() {}

  /**
   * Returns whether the text contains a marker, without validating it.
   *
   * @param text a string value
   * @return true when the marker prefix occurs
   */
  public static boolean containsMarker(String text) {
    return text.contains(PREFIX);
  }

  /**
   * Returns the parameter names the text refers to, in order of first use.
   *
   * @param text a template string
   * @return the names, possibly empty
   * @throws IllegalArgumentException with the rule broken, if the text has a bare {@code $} or a
   *     malformed marker
   */
  public static Set<String> references(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (Object part : parse(text)) {
      if (part instanceof Ref) {
        names.add(((Ref) part).name());
      }
    }
    return names;
  }

  /**
   * Replaces every marker with its value, {@code $}-escaped for Compose.
   *
   * @param text a template string, valid per {@link #references(String)}
   * @param values the value of every referenced parameter
   * @return the substituted string
   */
  public static String substitute(String text, Map<String, String> values) {
    StringBuilder out = new StringBuilder(text.length());
    for (Object part : parse(text)) {
      if (part instanceof Ref) {
        String value = values.get(((Ref) part).name());
        if (value == null) {
          throw new IllegalStateException("no value for parameter " + ((Ref) part).name());
        }
        out.append(escape(value));
      } else {
        out.append((String) part);
      }
    }
    return out.toString();
  }

  /**
   * Escapes a value for Compose: every {@code $} becomes {@code $$}.
   *
   * @param value a raw value
   * @return the escaped value
   */
  public static String escape(String value) {
    return value.replace("$", "$$");
  }

  /** A marker inside a template string. */
  private record Ref(String name) {}

  /** Splits a template string into literal strings and {@link Ref}s. */
  private static List<Object> parse(String text) {
    List<Object> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$') {
        literal.append(c);
        i++;
      } else if (text.startsWith("$$", i)) {
        literal.append("$$");
        i += 2;
      } else if (text.startsWith(PREFIX, i)) {
        int end = text.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException(
              "unterminated parameter marker; write ${param:NAME}");
        }
        String name = text.substring(i + PREFIX.length(), end);
        if (!NAME.matcher(name).matches()) {
          throw new IllegalArgumentException(
              "invalid parameter name '" + name + "' in marker; names match " + NAME.pattern());
        }
        if (literal.length() > 0) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        parts.add(new Ref(name));
        i = end + 1;
      } else {
        throw new IllegalArgumentException(
            "a bare '$' starts Compose interpolation of the host environment; write $$ for a"
                + " literal dollar sign or ${param:NAME} for a catalog parameter");
      }
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    return parts;
  }
}
