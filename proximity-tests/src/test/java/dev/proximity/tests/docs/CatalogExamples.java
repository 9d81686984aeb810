package dev.proximity.tests.docs;

import dev.proximity.catalog.Catalog;
import dev.proximity.catalog.CatalogEntry;
import dev.proximity.catalog.CatalogListing;
import dev.proximity.catalog.Catalogs;
import dev.proximity.spi.RenderedApp;
import java.nio.file.Path;
import java.util.Map;

/** The examples quoted by docs/catalog.md; {@code DocExamplesTest} runs them. */
public final class CatalogExamples {
  private CatalogExamples() {}

  /** The bundled catalog: an entry, a render and a listing. */
  public static RenderedApp bundled() {
    // region:catalog-bundled
    Catalog catalog = Catalogs.bundled();                          // 28 curated apps
    CatalogEntry entry = catalog.entry("uptime-kuma");             // throws CatalogException if absent
    RenderedApp app = entry.render(Map.of());                      // defaults + generated secrets
    System.out.print(CatalogListing.render(catalog.search("git"))); // aligned ID/NAME/CATEGORY/VERSION
    // endregion
    return app;
  }

  /** Site-local apps over the bundled ones; the directory is a parameter only in the test. */
  public static Catalog composed() {
    // region:catalog-compose
    // Site-local apps, and site-local versions of bundled ones, win over the bundled catalog.
    Catalog catalog = Catalogs.compose(Catalogs.bundled(), Catalogs.directory(Path.of("/etc/proximity/apps")));
    // endregion
    return catalog;
  }
}
