package dev.proximity.examples.server.http;

import dev.proximity.examples.server.auth.Caller;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed API request: route parameters, query, body and the authenticated caller.
 *
 * <p>Immutable once built by the dispatcher; handlers may read it from any thread.
 */
public final class Request {
  private final String method;
  private final String path;
  private final Map<String, String> pathParams;
  private final Map<String, List<String>> query;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final InetSocketAddress remote;
  private final Caller caller;
  private final String requestId;
  private final JsonCodec json;

  Request(
      String method,
      String path,
      Map<String, String> pathParams,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      byte[] body,
      InetSocketAddress remote,
      Caller caller,
      String requestId,
      JsonCodec json) {
    this.method = method;
    this.path = path;
    this.pathParams = Map.copyOf(pathParams);
    this.query = Map.copyOf(query);
    this.headers = headers;
    this.body = body;
    this.remote = remote;
    this.caller = caller;
    this.requestId = requestId;
    this.json = json;
  }

  /** @return the HTTP method, upper case */
  public String method() {
    return method;
  }

  /** @return the decoded request path, without the query */
  public String path() {
    return path;
  }

  /** @return the id of this request, also sent as {@code X-Request-Id} */
  public String requestId() {
    return requestId;
  }

  /** @return the client's address as a literal IP */
  public String remoteAddress() {
    return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
  }

  /**
   * Returns a path parameter of the route template.
   *
   * @param name the name in braces in the template
   * @return the decoded value
   * @throws IllegalArgumentException if the template has no such parameter (a programming error)
   */
  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalArgumentException("route has no path parameter " + name);
    }
    return value;
  }

  /**
   * Returns the first value of a query parameter.
   *
   * @param name the parameter name
   * @return the value, or empty when absent
   */
  public Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns every query parameter with its first value.
   *
   * @return the parameters, in request order
   */
  public Map<String, String> queryParams() {
    Map<String, String> first = new java.util.LinkedHashMap<>();
    query.forEach((name, values) -> first.put(name, values.isEmpty() ? "" : values.get(0)));
    return first;
  }

  /**
   * Returns an integer query parameter within bounds.
   *
   * @param name the parameter name
   * @param defaultValue the value when absent
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the value
   * @throws ApiException 400 when the value is not an integer in range
   */
  public int queryInt(String name, int defaultValue, int min, int max) {
    Optional<String> text = query(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value < min || value > max) {
        throw ApiException.invalidField(name, "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.invalidField(name, "must be an integer");
    }
  }

  /**
   * Returns the first value of a request header.
   *
   * @param name the header name, case-insensitive
   * @return the value, or empty when absent
   */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the authenticated caller.
   *
   * @return the caller
   * @throws IllegalStateException on a public route, which has no caller (a programming error)
   */
  public Caller caller() {
    if (caller == null) {
      throw new IllegalStateException("public routes have no caller");
    }
    return caller;
  }

  /**
   * Returns the caller if the request carried a valid token.
   *
   * @return the caller, or empty
   */
  public Optional<Caller> optionalCaller() {
    return Optional.ofNullable(caller);
  }

  /**
   * Whether the request has a non-empty body.
   *
   * @return {@code true} when a body was sent
   */
  public boolean hasBody() {
    return body.length > 0;
  }

  /**
   * Decodes the JSON body into a type; unknown fields, wrong types and malformed JSON are refused.
   *
   * @param type the record or class to decode into
   * @param <T> the type
   * @return the decoded body
   * @throws ApiException 400 with a message naming the problem
   */
  public <T> T body(Class<T> type) {
    Objects.requireNonNull(type, "type");
    if (body.length == 0) {
      throw ApiException.badRequest("a JSON request body is required");
    }
    return json.decode(body, type);
  }
}
