package dev.proximity.internal.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Proxmox API call: method, encoded path below {@code /api2/json} and parameters.
 *
 * <p>Parameters go into the query string for GET and DELETE and into a form body for POST and PUT.
 *
 * @param method HTTP method
 * @param path the encoded path, starting with {@code /}
 * @param params parameters in sending order, values already rendered to Proxmox text
 */
public record ApiRequest(String method, String path, Map<String, String> params) {

  /** Validates and copies the parameters, keeping their order. */
  public ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * Creates a GET request.
   *
   * @param path encoded path
   * @param params query parameters
   * @return the request
   */
  public static ApiRequest get(String path, Map<String, String> params) {
    return new ApiRequest("GET", path, params);
  }

  /**
   * Creates a POST request.
   *
   * @param path encoded path
   * @param params form parameters
   * @return the request
   */
  public static ApiRequest post(String path, Map<String, String> params) {
    return new ApiRequest("POST", path, params);
  }

  /**
   * Creates a PUT request.
   *
   * @param path encoded path
   * @param params form parameters
   * @return the request
   */
  public static ApiRequest put(String path, Map<String, String> params) {
    return new ApiRequest("PUT", path, params);
  }

  /**
   * Creates a DELETE request.
   *
   * @param path encoded path
   * @param params query parameters
   * @return the request
   */
  public static ApiRequest delete(String path, Map<String, String> params) {
    return new ApiRequest("DELETE", path, params);
  }

  /**
   * Tells whether the call may change state (anything but GET), so needs CSRF and is never retried blindly.
   *
   * @return true for POST, PUT and DELETE
   */
  public boolean write() {
    return !"GET".equals(method);
  }

  /**
   * Tells whether parameters travel in a form body.
   *
   * @return true for POST and PUT
   */
  public boolean hasBody() {
    return "POST".equals(method) || "PUT".equals(method);
  }

  /**
   * Renders the request target below the API root: path plus query string where one applies.
   *
   * @return e.g. {@code /nodes/pve/tasks?limit=50}
   */
  public String target() {
    if (hasBody() || params.isEmpty()) {
      return path;
    }
    return path + "?" + FormEncoding.form(params);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
