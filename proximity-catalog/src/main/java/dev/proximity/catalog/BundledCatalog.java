package dev.proximity.catalog;

import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.AppTemplate;
import java.util.List;
import java.util.Optional;

/**
 * The bundled catalog as a {@link java.util.ServiceLoader} service: registered in
 * {@code META-INF/services/dev.proximity.spi.AppCatalog}, so the Proximity facade uses it by
 * default when proximity-catalog is on the class path.
 *
 * <p>Code that wants search or directory sources uses {@link Catalogs} instead. The catalog is
 * loaded on first use, not on construction. Thread-safe.
 */
public final class BundledCatalog implements AppCatalog {

  /** Creates the service; called by {@link java.util.ServiceLoader}. */
  public BundledCatalog() {
    // Loading is deferred to first use so that service discovery never fails.
  }

  /**
   * Finds a bundled entry.
   *
   * @param id the catalog id
   * @return the entry, or empty
   * @throws CatalogException if the jar's catalog resources are damaged
   */
  @Override
  public Optional<AppTemplate> find(String id) {
    return Catalogs.bundled().find(id);
  }

  /**
   * Lists the bundled entries, ordered by id.
   *
   * @return an immutable list
   * @throws CatalogException if the jar's catalog resources are damaged
   */
  @Override
  public List<AppTemplate> list() {
    return Catalogs.bundled().list();
  }

  @Override
  public String toString() {
    return "BundledCatalog";
  }
}
