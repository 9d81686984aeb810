package dev.proximity.testkit;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The simulated file system of one container: a thread-safe map from absolute path to file.
 *
 * <p>The Proxmox simulator copies it on clone, backup and restore; the SSH host simulator reads and
 * writes it for {@code pct push} and the commands it emulates inside the container. The Docker
 * model of a container keeps its state here too, so that a clone carries it along.
 */
public final class GuestFs {
  private final ConcurrentMap<String, GuestFile> files = new ConcurrentHashMap<>();

  /**
   * A file: its content and mode.
   *
   * @param content the file's bytes
   * @param mode the Unix permission bits, e.g. {@code 0644}
   */
  public record GuestFile(byte[] content, int mode) {
    /**
     * Copies the content so the record stays immutable.
     *
     * @param content the file's bytes, copied
     * @param mode the Unix permission bits, e.g. {@code 0644}
     */
    public GuestFile {
      content = content.clone();
    }

    /** @return a copy of the content */
    @Override
    public byte[] content() {
      return content.clone();
    }
  }

  /**
   * Writes a file, replacing any previous one.
   *
   * @param path absolute path
   * @param content file content
   * @param mode file mode
   */
  public void write(String path, byte[] content, int mode) {
    requireAbsolute(path);
    files.put(path, new GuestFile(content, mode));
  }

  /**
   * Reads a file.
   *
   * @param path absolute path
   * @return the file, or empty
   */
  public Optional<GuestFile> read(String path) {
    return Optional.ofNullable(files.get(path));
  }

  /**
   * Removes a file.
   *
   * @param path absolute path
   * @return whether a file was removed
   */
  public boolean delete(String path) {
    return files.remove(path) != null;
  }

  /**
   * Lists files, sorted by path.
   *
   * @return a snapshot of every file
   */
  public Map<String, GuestFile> snapshot() {
    return new TreeMap<>(files);
  }

  /**
   * Copies this file system, for a clone or a restore.
   *
   * @return an independent copy
   */
  public GuestFs copy() {
    GuestFs copy = new GuestFs();
    copy.files.putAll(files);
    return copy;
  }

  private static void requireAbsolute(String path) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path must be absolute: " + path);
    }
  }
}
