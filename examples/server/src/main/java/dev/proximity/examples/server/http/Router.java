package dev.proximity.examples.server.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The route table: registers endpoints and finds the one a request addresses.
 *
 * <p>Literal segments win over parameters, so {@code /apps/updates} is not taken for
 * {@code /apps/{id}}. Routes are registered once at start-up; matching is then thread-safe.
 */
public final class Router {
  private final List<Route> routes = new ArrayList<>();

  /**
   * Registers a route.
   *
   * @param method the HTTP method
   * @param template the path template
   * @param access who may call it
   * @param handler the handler
   * @return this router
   * @throws IllegalArgumentException if the same method and template are already registered
   */
  public Router add(String method, String template, Access access, Handler handler) {
    return add(new Route(method, template, access, false, handler));
  }

  /**
   * Registers a streaming route (no request timeout).
   *
   * @param template the path template (GET)
   * @param access who may call it
   * @param handler the handler, which returns a {@link Response#stream} response
   * @return this router
   */
  public Router addStream(String template, Access access, Handler handler) {
    return add(new Route("GET", template, access, true, handler));
  }

  /**
   * Registers a route.
   *
   * @param route the route
   * @return this router
   */
  public synchronized Router add(Route route) {
    for (Route existing : routes) {
      if (existing.method().equals(route.method())
          && normalise(existing.template()).equals(normalise(route.template()))) {
        throw new IllegalArgumentException("duplicate route " + route.method() + " " + route.template());
      }
    }
    routes.add(route);
    return this;
  }

  /** @return every registered route, in registration order */
  public synchronized List<Route> routes() {
    return List.copyOf(routes);
  }

  /**
   * Finds the route for a request.
   *
   * @param method the request method
   * @param pathSegments the decoded path segments
   * @return the result of the lookup
   */
  public Lookup find(String method, List<String> pathSegments) {
    List<Route> snapshot = routes();
    Route best = null;
    Map<String, String> bestParams = null;
    int bestScore = -1;
    Set<String> allowed = new TreeSet<>();
    for (Route route : snapshot) {
      Map<String, String> params = new HashMap<>();
      if (!route.matches(pathSegments, params)) {
        continue;
      }
      allowed.add(route.method());
      if (!route.method().equals(method)) {
        continue;
      }
      int score = literalScore(route.template());
      if (score > bestScore) {
        best = route;
        bestParams = params;
        bestScore = score;
      }
    }
    if (best != null) {
      return new Lookup(best, bestParams, Set.of());
    }
    return new Lookup(null, Map.of(), allowed);
  }

  private static int literalScore(String template) {
    int score = 0;
    for (String segment : Route.segments(template)) {
      score = score * 2 + (segment.startsWith("{") ? 0 : 1);
    }
    return score;
  }

  private static String normalise(String template) {
    return template.replaceAll("\\{[^}]*}", "{}");
  }

  /**
   * The outcome of a lookup.
   *
   * @param route the matched route, or null
   * @param params the path parameters of the match
   * @param allowedMethods when no route matched the method: the methods that match the path
   */
  public record Lookup(Route route, Map<String, String> params, Set<String> allowedMethods) {}
}
