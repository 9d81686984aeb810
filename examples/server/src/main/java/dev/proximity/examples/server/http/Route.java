package dev.proximity.examples.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One registered endpoint: a method, a path template such as {@code /api/v1/apps/{id}/actions}, who
 * may call it, and its handler.
 *
 * @param method the HTTP method, upper case
 * @param template the path template; {@code {name}} matches one non-empty path segment
 * @param access who may call it
 * @param streaming whether the response is a long-lived stream (no request timeout applies)
 * @param handler the handler
 */
public record Route(String method, String template, Access access, boolean streaming, Handler handler) {
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

  /** Validates the components. */
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(handler, "handler");
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("unsupported method " + method);
    }
    if (!template.startsWith("/") || (template.length() > 1 && template.endsWith("/"))) {
      throw new IllegalArgumentException("template must start and not end with '/': " + template);
    }
    for (String segment : segments(template)) {
      boolean param = segment.startsWith("{") && segment.endsWith("}");
      if (segment.isEmpty() || (!param && (segment.contains("{") || segment.contains("}")))) {
        throw new IllegalArgumentException("bad template segment '" + segment + "' in " + template);
      }
    }
  }

  /**
   * Splits a template or path into its segments.
   *
   * @param path a path starting with '/'
   * @return the segments; empty for {@code /}
   */
  static List<String> segments(String path) {
    List<String> result = new ArrayList<>();
    if (path.equals("/")) {
      return result;
    }
    int start = 1;
    while (true) {
      int slash = path.indexOf('/', start);
      if (slash < 0) {
        result.add(path.substring(start));
        return result;
      }
      result.add(path.substring(start, slash));
      start = slash + 1;
    }
  }

  /**
   * Matches decoded path segments against this template.
   *
   * @param pathSegments the request's decoded segments
   * @param params receives the template parameters on a match
   * @return whether the path matches
   */
  boolean matches(List<String> pathSegments, Map<String, String> params) {
    List<String> own = segments(template);
    if (own.size() != pathSegments.size()) {
      return false;
    }
    for (int i = 0; i < own.size(); i++) {
      String t = own.get(i);
      String p = pathSegments.get(i);
      if (t.startsWith("{")) {
        if (p.isEmpty()) {
          return false;
        }
        params.put(t.substring(1, t.length() - 1), p);
      } else if (!t.equals(p)) {
        return false;
      }
    }
    return true;
  }
}
