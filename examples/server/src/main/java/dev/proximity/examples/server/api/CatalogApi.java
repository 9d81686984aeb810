package dev.proximity.examples.server.api;

import dev.proximity.catalog.Catalog;
import dev.proximity.catalog.CatalogEntry;
import dev.proximity.catalog.CatalogSearch;
import dev.proximity.examples.server.http.Access;
import dev.proximity.examples.server.http.ApiException;
import dev.proximity.examples.server.http.Request;
import dev.proximity.examples.server.http.Response;
import dev.proximity.examples.server.http.Router;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.PortSpec;
import dev.proximity.spi.ResourceHints;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/v1/catalog} (filter by {@code q}, {@code category}, {@code tag}) and
 * {@code GET /api/v1/catalog/{id}}. Thread-safe.
 */
public final class CatalogApi {
  private final Catalog catalog;

  /**
   * Creates the endpoints.
   *
   * @param catalog the catalog the server deploys from
   */
  public CatalogApi(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Registers the endpoints.
   *
   * @param router the route table
   */
  public void register(Router router) {
    router.add("GET", "/api/v1/catalog", Access.USER, this::list);
    router.add("GET", "/api/v1/catalog/{id}", Access.USER, this::get);
  }

  private Response list(Request request) {
    CatalogSearch search = CatalogSearch.all();
    String text = request.query("q").orElse("");
    if (text.length() > 200) {
      throw ApiException.invalidField("q", "must be at most 200 characters");
    }
    search = search.withText(text)
        .inCategory(request.query("category").orElse(""))
        .withTag(request.query("tag").orElse(""));
    List<Summary> items = catalog.search(search).stream().map(CatalogApi::summary).toList();
    return Response.ok(Map.of("items", items, "total", items.size(), "categories", catalog.categories()));
  }

  private Response get(Request request) {
    String id = request.pathParam("id");
    CatalogEntry entry = catalog.findEntry(id).orElseThrow(() -> ApiException.notFound("catalog entry '" + id + "'"));
    return Response.ok(detail(entry));
  }

  static Summary summary(CatalogEntry e) {
    return new Summary(e.id(), e.name(), e.version(), e.description(), e.category(), e.tags(),
        e.icon().map(Object::toString).orElse(null), e.webPort().map(PortSpec::port).orElse(null),
        hints(e.resources()));
  }

  static Detail detail(CatalogEntry e) {
    List<Parameter> parameters = e.parameters().stream().map(CatalogApi::parameter).toList();
    List<Port> ports = e.ports().stream().map(p -> new Port(p.port(), p.protocol(), p.description())).toList();
    return new Detail(e.id(), e.name(), e.version(), e.description(), e.category(), e.tags(),
        e.icon().map(Object::toString).orElse(null), e.homepage().toString(), e.source().toString(),
        e.webPort().map(PortSpec::port).orElse(null), ports, parameters, hints(e.resources()), e.images(), e.notes());
  }

  private static Parameter parameter(AppParameter p) {
    return new Parameter(p.name(), p.type().name().toLowerCase(Locale.ROOT), p.description(),
        p.secret() ? null : p.defaultValue().orElse(null), p.pattern().orElse(null), p.required(), p.secret(),
        p.generated());
  }

  private static Hints hints(ResourceHints r) {
    return new Hints(r.minCores(), r.minMemoryMb(), r.minDiskGb(), r.recommendedCores(), r.recommendedMemoryMb(),
        r.recommendedDiskGb());
  }

  /**
   * A catalog entry in a list.
   *
   * @param id the catalog id
   * @param name the display name
   * @param version the catalog version
   * @param description the description
   * @param category the category
   * @param tags the tags
   * @param icon the icon URL, or null
   * @param webPort the web port, or null
   * @param resources minimum and recommended resources
   */
  public record Summary(String id, String name, String version, String description, String category,
      List<String> tags, String icon, Integer webPort, Hints resources) {}

  /**
   * A catalog entry with everything needed to deploy it.
   *
   * @param id the catalog id
   * @param name the display name
   * @param version the catalog version
   * @param description the description
   * @param category the category
   * @param tags the tags
   * @param icon the icon URL, or null
   * @param homepage the project home page
   * @param source the project source
   * @param webPort the web port, or null
   * @param ports the published ports
   * @param parameters the parameters a deploy may set
   * @param resources minimum and recommended resources
   * @param images the pinned images
   * @param notes notes shown after a deploy
   */
  public record Detail(String id, String name, String version, String description, String category,
      List<String> tags, String icon, String homepage, String source, Integer webPort, List<Port> ports,
      List<Parameter> parameters, Hints resources, List<String> images, String notes) {}

  /**
   * A deploy parameter.
   *
   * @param name the name
   * @param type the type, lower case
   * @param description the description
   * @param defaultValue the default (never shown for secrets), or null
   * @param pattern the pattern a value must match, or null
   * @param required whether a value is needed
   * @param secret whether it is a secret
   * @param generated whether a value is generated when none is given
   */
  public record Parameter(String name, String type, String description, String defaultValue, String pattern,
      boolean required, boolean secret, boolean generated) {}

  /**
   * A published port.
   *
   * @param port the number
   * @param protocol tcp or udp
   * @param description what it serves
   */
  public record Port(int port, String protocol, String description) {}

  /**
   * Resource hints.
   *
   * @param minCores minimum cores
   * @param minMemoryMb minimum memory (MiB)
   * @param minDiskGb minimum disk (GiB)
   * @param recommendedCores recommended cores
   * @param recommendedMemoryMb recommended memory (MiB)
   * @param recommendedDiskGb recommended disk (GiB)
   */
  public record Hints(int minCores, int minMemoryMb, int minDiskGb, int recommendedCores, int recommendedMemoryMb,
      int recommendedDiskGb) {}
}
