package dev.proximity.examples.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final Handler NOOP = r -> Response.empty(204);

  @Test
  void find_withTemplate_extractsParameters() {
    Router router = new Router().add("POST", "/api/v1/apps/{id}/actions", Access.USER, NOOP);

    Router.Lookup lookup = router.find("POST", List.of("api", "v1", "apps", "web-1", "actions"));

    assertThat(lookup.route()).isNotNull();
    assertThat(lookup.params()).isEqualTo(Map.of("id", "web-1"));
  }

  @Test
  void find_literalAndParameterBothMatch_prefersLiteral() {
    Handler literal = r -> Response.empty(204);
    Router router =
        new Router().add("GET", "/api/v1/apps/{id}", Access.USER, NOOP).add("GET", "/api/v1/apps/updates", Access.USER,
            literal);

    assertThat(router.find("GET", List.of("api", "v1", "apps", "updates")).route().handler()).isSameAs(literal);
    assertThat(router.find("GET", List.of("api", "v1", "apps", "web")).route().handler()).isSameAs(NOOP);
  }

  @Test
  void find_wrongMethod_reportsAllowedMethods() {
    Router router =
        new Router().add("GET", "/api/v1/apps", Access.USER, NOOP).add("POST", "/api/v1/apps", Access.USER, NOOP);

    Router.Lookup lookup = router.find("DELETE", List.of("api", "v1", "apps"));

    assertThat(lookup.route()).isNull();
    assertThat(lookup.allowedMethods()).containsExactly("GET", "POST");
  }

  @Test
  void find_unknownPath_matchesNothing() {
    Router router = new Router().add("GET", "/api/v1/apps/{id}", Access.USER, NOOP);

    Router.Lookup lookup = router.find("GET", List.of("api", "v1", "apps", "a", "b"));

    assertThat(lookup.route()).isNull();
    assertThat(lookup.allowedMethods()).isEmpty();
  }

  @Test
  void add_sameShapeTwice_isRefused() {
    Router router = new Router().add("GET", "/api/v1/apps/{id}", Access.USER, NOOP);

    assertThatThrownBy(() -> router.add("GET", "/api/v1/apps/{name}", Access.USER, NOOP))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void route_malformedTemplate_isRefused() {
    assertThatThrownBy(() -> new Route("GET", "/api//apps", Access.USER, false, NOOP))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Route("GET", "/api/v1/", Access.USER, false, NOOP))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Route("GET", "/api/x{id}", Access.USER, false, NOOP))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
