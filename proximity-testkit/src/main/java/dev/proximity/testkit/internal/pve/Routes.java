package dev.proximity.testkit.internal.pve;

import java.util.HashMap;
import java.util.Map;

/** The route table: {@code "METHOD template"} to handler. */
public final class Routes {
  private final Map<String, Route> routes = new HashMap<>();

  /**
   * @param method HTTP method
   * @param template schema path template
   * @param route handler
   */
  public void add(String method, String template, Route route) {
    if (routes.put(method + " " + template, route) != null) {
      throw new IllegalStateException("duplicate route " + method + " " + template);
    }
  }

  /**
   * @param method HTTP method
   * @param template schema path template
   * @return the handler, or null
   */
  public Route find(String method, String template) {
    return routes.get(method + " " + template);
  }
}
