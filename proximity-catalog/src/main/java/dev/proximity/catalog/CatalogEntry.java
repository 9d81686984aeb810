package dev.proximity.catalog;

import dev.proximity.spi.AppTemplate;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * An app of a Proximity catalog: the {@link AppTemplate} the deploy pipeline uses, plus what a
 * catalog browser shows (icon, homepage, upstream source, volumes, health check).
 *
 * <p>Entries are loaded from an {@code app.yaml} and a {@code compose.yaml} (see docs/catalog.md)
 * and fully validated when loaded, so {@link #render(java.util.Map)} fails only on invalid
 * parameter values. Immutable and thread-safe.
 *
 * <pre>{@code
 * CatalogEntry nginx = Catalogs.bundled().entry("nginx");
 * RenderedApp app = nginx.render(Map.of());
 * }</pre>
 */
public interface CatalogEntry extends AppTemplate {

  /**
   * Returns the icon to show next to the app.
   *
   * @return an http(s) URL of an image, empty when the entry has none
   */
  Optional<URI> icon();

  /**
   * Returns the project's home page.
   *
   * @return an http(s) URL
   */
  URI homepage();

  /**
   * Returns where the upstream source code lives.
   *
   * @return an http(s) URL
   */
  URI source();

  /**
   * Returns the named volumes that hold the app's state, in declaration order.
   *
   * @return an immutable list, possibly empty
   */
  List<VolumeSpec> volumes();

  /**
   * Returns the health check written into the compose document on render.
   *
   * @return the health check, empty for images that cannot run one (no shell, no client)
   */
  Optional<HealthCheck> healthCheck();

  /**
   * Returns the compose template as loaded, with parameter markers ({@code ${param:NAME}}) in
   * place.
   *
   * @return the YAML text of {@code compose.yaml}
   */
  String composeTemplate();

  /**
   * Returns where the entry was loaded from, such as {@code classpath:dev/proximity/catalog/bundled/nginx}
   * or a directory path.
   *
   * @return a human-readable location
   */
  String origin();
}
