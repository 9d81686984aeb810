package dev.proximity.internal.deploy;

import dev.proximity.InvalidRequestException;
import dev.proximity.InvalidRequestException.Reason;
import java.util.regex.Pattern;

/** App name rules: an app name is the container hostname, so it must be an RFC 1123 label. */
public final class Names {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private Names() {}

  /**
   * Validates an app name.
   *
   * @param name the name
   * @return the name
   * @throws InvalidRequestException if it is not a lower-case RFC 1123 label
   */
  public static String requireValid(String name) {
    if (name == null || !LABEL.matcher(name).matches()) {
      throw new InvalidRequestException(Reason.INVALID_NAME,
          "app name '" + name + "' is not a valid hostname: use 1 to 63 lower-case letters, digits"
              + " and '-', starting and ending with a letter or digit (RFC 1123)");
    }
    return name;
  }

  /**
   * Whether a name is a valid app name.
   *
   * @param name the name
   * @return {@code true} when valid
   */
  public static boolean isValid(String name) {
    return name != null && LABEL.matcher(name).matches();
  }
}
