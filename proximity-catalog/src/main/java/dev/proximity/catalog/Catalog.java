package dev.proximity.catalog;

import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.AppTemplate;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable snapshot of catalog entries, ordered by id, with search.
 *
 * <p>Get one from {@link Catalogs}: the bundled catalog, a directory, or a composition of several
 * where later sources override entries with the same id. Thread-safe.
 *
 * <pre>{@code
 * Catalog catalog = Catalogs.compose(Catalogs.bundled(), Catalogs.directory(Path.of("my-apps")));
 * List<CatalogEntry> monitoring = catalog.search(CatalogSearch.all().inCategory("monitoring"));
 * System.out.print(CatalogListing.render(monitoring));
 * }</pre>
 */
public final class Catalog implements AppCatalog {
  private static final Catalog EMPTY = new Catalog(new TreeMap<>());

  private final Map<String, CatalogEntry> entries;
  private final List<CatalogEntry> ordered;

  private Catalog(TreeMap<String, CatalogEntry> entries) {
    this.entries = Collections.unmodifiableMap(entries);
    this.ordered = List.copyOf(entries.values());
  }

  /**
   * Returns a catalog holding the given entries.
   *
   * @param entries the entries; ids must be unique
   * @return the catalog
   * @throws CatalogException if two entries share an id
   */
  public static Catalog of(Collection<? extends CatalogEntry> entries) {
    TreeMap<String, CatalogEntry> map = new TreeMap<>();
    for (CatalogEntry entry : entries) {
      CatalogEntry previous = map.putIfAbsent(entry.id(), Objects.requireNonNull(entry, "entry"));
      if (previous != null) {
        throw new CatalogException(entry.id(), null, "id", "duplicate id: defined by "
            + previous.origin() + " and " + entry.origin());
      }
    }
    return map.isEmpty() ? EMPTY : new Catalog(map);
  }

  /**
   * Returns a catalog of this one's entries overridden by another's: an entry of {@code other}
   * replaces the entry of this catalog with the same id.
   *
   * @param other the overriding catalog
   * @return the merged catalog
   */
  public Catalog overriddenBy(Catalog other) {
    TreeMap<String, CatalogEntry> map = new TreeMap<>(entries);
    map.putAll(other.entries);
    return new Catalog(map);
  }

  /**
   * Returns the empty catalog.
   *
   * @return a catalog without entries
   */
  public static Catalog empty() {
    return EMPTY;
  }

  /**
   * Finds an entry by id.
   *
   * @param id the catalog id, such as {@code nginx}
   * @return the entry, or empty when there is none with that id
   */
  @Override
  public Optional<AppTemplate> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /**
   * Finds an entry by id, typed as a {@link CatalogEntry}.
   *
   * @param id the id
   * @return the entry, or empty
   */
  public Optional<CatalogEntry> findEntry(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /**
   * Returns the entry with an id, or throws.
   *
   * @param id the id, such as {@code nginx}
   * @return the entry
   * @throws CatalogException if there is no such entry; the message lists close ids
   */
  public CatalogEntry entry(String id) {
    CatalogEntry entry = entries.get(id);
    if (entry == null) {
      List<String> similar = search(CatalogSearch.text(id)).stream()
          .map(CatalogEntry::id).limit(5).toList();
      throw new CatalogException(id, null, null, "no such catalog entry"
          + (similar.isEmpty() ? "; list the catalog to see every id"
              : "; did you mean " + String.join(", ", similar) + "?"));
    }
    return entry;
  }

  /**
   * Lists every entry, ordered by id.
   *
   * @return an immutable list
   */
  @Override
  public List<AppTemplate> list() {
    return List.copyOf(ordered);
  }

  /**
   * Lists every entry, ordered by id.
   *
   * @return an immutable list
   */
  public List<CatalogEntry> entries() {
    return ordered;
  }

  /**
   * Returns the number of entries.
   *
   * @return the size
   */
  public int size() {
    return ordered.size();
  }

  /**
   * Searches the catalog; the best matches come first, ties in id order.
   *
   * @param search the criteria
   * @return the matching entries, immutable
   */
  public List<CatalogEntry> search(CatalogSearch search) {
    Objects.requireNonNull(search, "search");
    return ordered.stream()
        .filter(search::matches)
        .sorted(Comparator.comparingInt((CatalogEntry e) -> -search.score(e))
            .thenComparing(CatalogEntry::id))
        .toList();
  }

  /**
   * Searches the catalog by free text.
   *
   * @param text words that must all occur in an entry's id, name, description, category or tags
   * @return the matching entries, best first
   */
  public List<CatalogEntry> search(String text) {
    return search(CatalogSearch.text(text));
  }

  /**
   * Returns every category used, sorted.
   *
   * @return an immutable list
   */
  public List<String> categories() {
    TreeSet<String> set = new TreeSet<>();
    ordered.forEach(e -> set.add(e.category()));
    return List.copyOf(set);
  }

  /**
   * Returns every tag used, sorted.
   *
   * @return an immutable list
   */
  public List<String> tags() {
    TreeSet<String> set = new TreeSet<>();
    ordered.forEach(e -> set.addAll(e.tags()));
    return List.copyOf(set);
  }

  @Override
  public String toString() {
    return "Catalog[" + ordered.size() + " entries]";
  }
}
