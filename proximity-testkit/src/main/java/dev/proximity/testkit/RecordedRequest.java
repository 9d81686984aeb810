package dev.proximity.testkit;

import java.util.List;
import java.util.Map;

/**
 * One request the simulator received, with secrets masked: the {@code Authorization} header keeps
 * its scheme and token id but not the secret or ticket; {@code Cookie} and
 * {@code CSRFPreventionToken} values and the {@code password}, {@code otp} and {@code tfa-challenge}
 * parameters read {@code ***}.
 *
 * @param method HTTP method
 * @param path raw request path, e.g. {@code /api2/json/nodes/pve/lxc}
 * @param params query and body parameters (a key may repeat)
 * @param headers request headers (lower-case names, first value)
 * @param contentType the request's content type, or empty
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> params,
    Map<String, String> headers, String contentType) {

  /**
   * Copies the collections.
   *
   * @param method HTTP method
   * @param path raw request path, e.g. {@code /api2/json/nodes/pve/lxc}
   * @param params query and body parameters (a key may repeat)
   * @param headers request headers (lower-case names, first value)
   * @param contentType the request's content type, or empty
   */
  public RecordedRequest {
    params = Map.copyOf(params);
    headers = Map.copyOf(headers);
  }

  /**
   * @param name parameter name
   * @return its first value, or null
   */
  public String param(String name) {
    List<String> v = params.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
