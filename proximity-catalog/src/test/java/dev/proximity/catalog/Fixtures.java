package dev.proximity.catalog;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the catalog fixtures under src/test/resources/fixtures. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String relative) {
    URL url = Fixtures.class.getResource("/fixtures/" + relative);
    if (url == null) {
      throw new IllegalArgumentException("no fixture " + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The valid demo entry, which uses every parameter type. */
  static CatalogEntry demo() {
    return Catalogs.directory(path("good")).entry("demo");
  }
}
