package dev.proximity.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A simulated Proxmox storage: what it holds, whether it is shared, what it supports.
 *
 * <pre>{@code
 * StorageSpec local = StorageSpec.builder("local").type("dir").content("vztmpl", "backup", "iso")
 *     .template("debian-12-standard_12.7-1_amd64.tar.zst").build();
 * }</pre>
 *
 * @param id storage id, e.g. {@code local-lvm}
 * @param type storage type ({@code dir}, {@code lvmthin}, {@code zfspool}, {@code nfs}, ...)
 * @param content content types: {@code vztmpl}, {@code rootdir}, {@code images}, {@code backup}, {@code iso}
 * @param shared whether every node sees the same content
 * @param linkedClones whether linked clones from templates work on it
 * @param snapshots whether container snapshots work on it
 * @param nodes the nodes that have it; empty means all
 * @param templates template file names present in {@code vztmpl} at start
 * @param totalBytes capacity
 * @param pruneBackups the storage's retention ({@code keep-last=3,...}), or null for keep-all
 */
public record StorageSpec(String id, String type, Set<String> content, boolean shared,
    boolean linkedClones, boolean snapshots, Set<String> nodes, List<String> templates,
    long totalBytes, String pruneBackups) {

  /**
   * Validates and copies collections.
   *
   * @param id storage id, e.g. {@code local-lvm}
   * @param type storage type ({@code dir}, {@code lvmthin}, {@code zfspool}, {@code nfs}, ...)
   * @param content content types: {@code vztmpl}, {@code rootdir}, {@code images}, {@code backup}, {@code iso}
   * @param shared whether every node sees the same content
   * @param linkedClones whether linked clones from templates work on it
   * @param snapshots whether container snapshots work on it
   * @param nodes the nodes that have it; empty means all
   * @param templates template file names present in {@code vztmpl} at start
   * @param totalBytes capacity
   * @param pruneBackups the storage's retention ({@code keep-last=3,...}), or null for keep-all
   */
  public StorageSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    content = Set.copyOf(content);
    nodes = Set.copyOf(nodes);
    templates = List.copyOf(templates);
    if (totalBytes <= 0) {
      throw new IllegalArgumentException("totalBytes must be positive");
    }
  }

  /**
   * Starts a builder.
   *
   * @param id storage id
   * @return a builder with type {@code dir}, not shared, 100 GiB
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds a {@link StorageSpec}; not thread-safe. */
  public static final class Builder {
    private final String id;
    private String type = "dir";
    private final Set<String> content = new LinkedHashSet<>();
    private boolean shared;
    private Boolean linkedClones;
    private Boolean snapshots;
    private final Set<String> nodes = new LinkedHashSet<>();
    private final List<String> templates = new ArrayList<>();
    private long totalBytes = 100L << 30;
    private String pruneBackups;

    private Builder(String id) {
      this.id = id;
    }

    /**
     * @param type storage type; {@code lvmthin}, {@code zfspool} and {@code rbd} default to
     *     linked clones and snapshots supported
     * @return this
     */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /**
     * @param types content types to add
     * @return this
     */
    public Builder content(String... types) {
      content.addAll(List.of(types));
      return this;
    }

    /**
     * @param shared whether all nodes share the content
     * @return this
     */
    public Builder shared(boolean shared) {
      this.shared = shared;
      return this;
    }

    /**
     * @param supported whether linked clones work
     * @return this
     */
    public Builder linkedClones(boolean supported) {
      this.linkedClones = supported;
      return this;
    }

    /**
     * @param supported whether snapshots work
     * @return this
     */
    public Builder snapshots(boolean supported) {
      this.snapshots = supported;
      return this;
    }

    /**
     * @param names nodes that have this storage (default: all)
     * @return this
     */
    public Builder nodes(String... names) {
      nodes.addAll(List.of(names));
      return this;
    }

    /**
     * @param fileName a template file present at start, e.g. {@code debian-12-standard_12.7-1_amd64.tar.zst}
     * @return this
     */
    public Builder template(String fileName) {
      templates.add(fileName);
      return this;
    }

    /**
     * @param bytes capacity
     * @return this
     */
    public Builder totalBytes(long bytes) {
      this.totalBytes = bytes;
      return this;
    }

    /**
     * @param retention the storage's {@code prune-backups} value, e.g. {@code keep-last=3}
     * @return this
     */
    public Builder pruneBackups(String retention) {
      this.pruneBackups = retention;
      return this;
    }

    /** @return the spec */
    public StorageSpec build() {
      boolean thin = Set.of("lvmthin", "zfspool", "rbd", "btrfs").contains(type);
      return new StorageSpec(id, type, content, shared,
          linkedClones != null ? linkedClones : thin, snapshots != null ? snapshots : thin,
          nodes, templates, totalBytes, pruneBackups);
    }
  }
}
