package dev.proximity.catalog;

import dev.proximity.catalog.internal.Sources;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Factories for catalogs: the bundled one, a directory, and compositions.
 *
 * <pre>{@code
 * Catalog catalog = Catalogs.compose(Catalogs.bundled(), Catalogs.directory(Path.of("/etc/proximity/apps")));
 * RenderedApp app = catalog.entry("nginx").render(Map.of());
 * }</pre>
 *
 * <p>Every method returns an immutable snapshot; load a directory again to see changes.
 * Thread-safe.
 */
public final class Catalogs {
  private Catalogs() {}

  /** The bundled catalog, loaded on first use; a failed load is retried by the next call. */
  private static volatile Catalog bundled;

  /**
   * Returns the catalog bundled in this jar: curated apps, every image pinned, every entry
   * validated. Loaded once, on first use.
   *
   * @return the bundled catalog
   * @throws CatalogException if the jar's catalog resources are damaged
   */
  public static Catalog bundled() {
    Catalog result = bundled;
    if (result == null) {
      synchronized (Catalogs.class) {
        result = bundled;
        if (result == null) {
          // Not a holder class: a damaged jar must surface as CatalogException, not as
          // ExceptionInInitializerError followed by NoClassDefFoundError.
          result = Catalog.of(Sources.bundled());
          bundled = result;
        }
      }
    }
    return result;
  }

  /**
   * Loads a catalog directory: one folder per app, named after the app's id, each holding an
   * {@code app.yaml} and a {@code compose.yaml} (see docs/catalog.md). Hidden folders and plain
   * files are ignored.
   *
   * @param directory the catalog directory
   * @return a snapshot of the directory's entries
   * @throws CatalogException if the directory cannot be read or any entry is invalid; the message
   *     names the file, the field and the rule
   */
  public static Catalog directory(Path directory) {
    Objects.requireNonNull(directory, "directory");
    return Catalog.of(Sources.directory(directory));
  }

  /**
   * Composes catalogs: an entry of a later catalog overrides the entry with the same id in an
   * earlier one.
   *
   * @param catalogs the catalogs, lowest precedence first
   * @return the composed catalog
   */
  public static Catalog compose(Catalog... catalogs) {
    return compose(List.of(catalogs));
  }

  /**
   * Composes catalogs: an entry of a later catalog overrides the entry with the same id in an
   * earlier one.
   *
   * @param catalogs the catalogs, lowest precedence first
   * @return the composed catalog
   */
  public static Catalog compose(List<Catalog> catalogs) {
    Catalog result = Catalog.empty();
    for (Catalog catalog : catalogs) {
      result = result.overriddenBy(Objects.requireNonNull(catalog, "catalog"));
    }
    return result;
  }
}
