package dev.proximity.catalog;

import java.util.Objects;

/**
 * A named Compose volume of a catalog app: where the app keeps its state. Immutable and
 * thread-safe.
 *
 * @param name the volume name, as declared under the compose file's top-level {@code volumes}
 * @param description what the volume holds, possibly empty
 */
public record VolumeSpec(String name, String description) {

  /**
   * Validates the components.
   *
   * @param name the volume name
   * @param description what the volume holds; null becomes empty
   */
  public VolumeSpec {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
  }
}
