package dev.proximity.catalog.internal;

import dev.proximity.catalog.CatalogException;
import dev.proximity.spi.AppParameter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Checks a parameter value against its type and pattern.
 *
 * <p>Error messages describe the rule, never the value: the value may be a secret.
 */
final class ParameterValues {
  /** The longest value accepted for any parameter, in UTF-16 chars. */
  static final int MAX_LENGTH = 65_536;

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern EMAIL =
      Pattern.compile("[^\\s@\\p{Cntrl}]{1,64}@[^\\s@\\p{Cntrl}]+\\.[^\\s@\\p{Cntrl}.]+");

  private ParameterValues() {}

  /**
   * Validates a value, or throws.
   *
   * @param def the parameter
   * @param value the value
   * @param entryId the entry id, for the error
   * @param file the file, for load-time checks of defaults, or null at render time
   * @param field the field to blame
   * @throws CatalogException naming the parameter and the rule broken
   */
  static void check(ParamDef def, String value, String entryId, String file, String field) {
    String problem = problem(def, value);
    if (problem != null) {
      throw new CatalogException(entryId, file, field, problem);
    }
  }

  /** Returns the rule the value breaks, or null when it is valid. */
  static String problem(ParamDef def, String value) {
    AppParameter p = def.parameter();
    if (value.length() > MAX_LENGTH) {
      return "value is longer than " + MAX_LENGTH + " characters";
    }
    if (value.indexOf('\0') >= 0) {
      return "value contains a NUL character, which no environment variable can hold";
    }
    if (value.isEmpty() && p.required()) {
      return "value must not be empty: the parameter is required";
    }
    String typeProblem = value.isEmpty() && !p.required() ? null : typeProblem(p.type(), value);
    if (typeProblem != null) {
      return typeProblem;
    }
    if (def.pattern() != null && !def.pattern().matcher(value).matches()) {
      return "value does not match the pattern " + def.pattern().pattern();
    }
    return null;
  }

  private static String typeProblem(AppParameter.Type type, String value) {
    switch (type) {
      case STRING:
        return null;
      case PASSWORD:
        return hasControl(value) ? "a password must not contain control characters" : null;
      case INTEGER:
        return INTEGER.matcher(value).matches() ? null : "value must be a decimal integer";
      case BOOLEAN:
        return value.equals("true") || value.equals("false")
            ? null
            : "value must be true or false";
      case PORT:
        if (!PORT.matcher(value).matches()) {
          return "value must be a port number 1..65535";
        }
        int port = Integer.parseInt(value);
        return port >= 1 && port <= 65535 ? null : "value must be a port number 1..65535";
      case EMAIL:
        return value.length() <= 254 && EMAIL.matcher(value).matches()
            ? null
            : "value must be an e-mail address such as admin@example.com";
      case URL:
        return urlProblem(value);
      default:
        throw new IllegalStateException("unhandled type " + type);
    }
  }

  private static String urlProblem(String value) {
    if (value.length() > 2048 || hasControl(value) || value.chars().anyMatch(Character::isWhitespace)) {
      return "value must be an absolute http(s) URL without spaces, at most 2048 characters";
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        return "value must be an absolute http(s) URL such as https://app.example.com";
      }
      return null;
    } catch (URISyntaxException e) {
      return "value must be an absolute http(s) URL such as https://app.example.com";
    }
  }

  private static boolean hasControl(String value) {
    return value.chars().anyMatch(Character::isISOControl);
  }
}
