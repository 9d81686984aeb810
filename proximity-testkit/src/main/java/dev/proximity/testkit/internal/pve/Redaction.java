package dev.proximity.testkit.internal.pve;

import com.sun.net.httpserver.Headers;
import dev.proximity.testkit.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Masks secrets before a request is recorded. */
final class Redaction {
  private static final String MASK = "***";
  private static final Set<String> SECRET_PARAMS = Set.of("password", "otp", "tfa-challenge");

  private Redaction() {}

  static RecordedRequest record(String method, String path, Map<String, List<String>> params, Headers headers,
      String contentType) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    params.forEach((k, v) -> p.put(k, SECRET_PARAMS.contains(k) ? List.of(MASK) : List.copyOf(v)));
    Map<String, String> h = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      String name = k.toLowerCase(Locale.ROOT);
      String value = v.isEmpty() ? "" : v.get(0);
      h.put(name, mask(name, value));
    });
    return new RecordedRequest(method, path, p, h, contentType == null ? "" : contentType);
  }

  private static String mask(String name, String value) {
    switch (name) {
      case "authorization":
        if (value.startsWith("PVEAPIToken")) {
          int eq = value.indexOf('=', "PVEAPIToken=".length());
          return eq < 0 ? "PVEAPIToken=" + MASK : value.substring(0, eq + 1) + MASK;
        }
        int sep = value.indexOf('=');
        return sep < 0 ? MASK : value.substring(0, sep + 1) + MASK;
      case "cookie":
        return value.replaceAll("PVEAuthCookie=[^;]*", "PVEAuthCookie=" + MASK);
      case "csrfpreventiontoken":
        return MASK;
      default:
        return value;
    }
  }
}
