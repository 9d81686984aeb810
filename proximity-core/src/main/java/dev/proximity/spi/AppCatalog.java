package dev.proximity.spi;

import java.util.List;
import java.util.Optional;

/**
 * A source of deployable app templates. Implemented by {@code proximity-catalog}.
 *
 * <p>Implementations are immutable snapshots or otherwise thread-safe.
 */
public interface AppCatalog {

  /**
   * Finds an entry by id.
   *
   * @param id the catalog id, such as {@code nginx}
   * @return the entry, or empty when the catalog has none with that id
   */
  Optional<AppTemplate> find(String id);

  /**
   * Lists every entry, ordered by id.
   *
   * @return an immutable list
   */
  List<AppTemplate> list();
}
