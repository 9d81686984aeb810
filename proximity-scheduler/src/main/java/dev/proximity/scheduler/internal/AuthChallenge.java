package dev.proximity.scheduler.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code WWW-Authenticate} challenge from a registry (RFC 7235 auth-params), such as
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="..."}.
 *
 * @param scheme the lower-cased scheme: {@code bearer} or {@code basic}
 * @param params the auth-params, keys lower-cased
 */
public record AuthChallenge(String scheme, Map<String, String> params) {
  private static final Pattern PARAM =
      Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,]*))");

  /** Copies the parameters. */
  public AuthChallenge {
    params = Map.copyOf(params);
  }

  /**
   * Finds the first Bearer or Basic challenge among a response's {@code WWW-Authenticate} values.
   *
   * @param headerValues the header values
   * @return the challenge, or empty when there is none this client supports
   */
  public static Optional<AuthChallenge> find(List<String> headerValues) {
    for (String value : headerValues) {
      String v = value.trim();
      int space = v.indexOf(' ');
      String scheme = (space < 0 ? v : v.substring(0, space)).toLowerCase(Locale.ROOT);
      if (!scheme.equals("bearer") && !scheme.equals("basic")) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      if (space > 0) {
        Matcher m = PARAM.matcher(v.substring(space + 1));
        while (m.find()) {
          String raw = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
          params.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), raw);
        }
      }
      return Optional.of(new AuthChallenge(scheme, params));
    }
    return Optional.empty();
  }

  /**
   * Returns a parameter.
   *
   * @param name the lower-case name
   * @return the value, or empty
   */
  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }
}
