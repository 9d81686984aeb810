package dev.proximity.pve.model;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A storage as seen by one node ({@code GET /nodes/{node}/storage} and {@code .../storage/{storage}/status}).
 *
 * @param storage storage id (null in the single-storage status answer)
 * @param type e.g. {@code dir}, {@code lvmthin}, {@code zfspool}, {@code pbs}
 * @param content comma-separated content types, e.g. {@code vztmpl,iso,backup}
 * @param active the storage is usable now
 * @param enabled the storage is enabled
 * @param shared the storage is shared between nodes
 * @param total size in bytes
 * @param used used bytes
 * @param avail available bytes
 */
public record StorageStatus(String storage, String type, String content, boolean active, boolean enabled,
    boolean shared, long total, long used, long avail) {

  /**
   * Returns the content types as a set.
   *
   * @return e.g. {@code [vztmpl, backup]}
   */
  public Set<String> contentTypes() {
    if (content == null || content.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(content.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Tells whether the storage holds a content type.
   *
   * @param contentType e.g. {@code rootdir}, {@code vztmpl}, {@code backup}
   * @return true when allowed
   */
  public boolean supports(String contentType) {
    return contentTypes().contains(contentType);
  }
}
