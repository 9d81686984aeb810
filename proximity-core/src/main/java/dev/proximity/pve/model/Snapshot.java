package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A snapshot of a container; the list also holds a {@code current} entry for the live state.
 *
 * @param name snapshot name, or {@code current}
 * @param description description
 * @param parent parent snapshot, or null
 * @param snapTime creation time in epoch seconds, or null for {@code current}
 */
public record Snapshot(String name, String description, String parent, @JsonProperty("snaptime") Long snapTime) {

  /**
   * Tells whether this is the {@code current} pseudo-entry rather than a snapshot.
   *
   * @return true for {@code current}
   */
  public boolean isCurrent() {
    return "current".equals(name);
  }
}
