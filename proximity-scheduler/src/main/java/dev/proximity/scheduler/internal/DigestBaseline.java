package dev.proximity.scheduler.internal;

import dev.proximity.scheduler.SchedulerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The image digests an update check saw first for each app deployment, persisted (optionally) as
 * JSON, so a later check can tell that a tag was pushed again. Keys combine the app, its compose
 * hash and the image, so a redeploy starts a fresh baseline.
 *
 * <p>Thread-safe.
 */
public final class DigestBaseline {
  private record FileContent(int version, Map<String, String> digests) {}

  private final Path file;
  private final Map<String, String> digests = new TreeMap<>();

  /**
   * Loads the baseline file, or starts empty (memory only when {@code file} is null).
   *
   * @param file the file, or null
   * @throws SchedulerException if the file exists but cannot be read
   */
  public DigestBaseline(Path file) {
    this.file = file;
    if (file == null) {
      return;
    }
    try {
      FileContent c = SchedulerJson.mapper().readValue(Files.readAllBytes(file), FileContent.class);
      if (c.digests() != null) {
        digests.putAll(c.digests());
      }
    } catch (NoSuchFileException e) {
      // first use
    } catch (IOException e) {
      throw new SchedulerException("cannot read the digest baseline " + file + " (" + e
          + "): fix or delete it; deleting restarts the baselines", e);
    }
  }

  /**
   * Returns the digest first seen for a key.
   *
   * @param key app, compose hash and image
   * @return the digest, or empty
   */
  public synchronized Optional<String> get(String key) {
    return Optional.ofNullable(digests.get(key));
  }

  /**
   * Records the digest first seen for a key and writes the file.
   *
   * @param key app, compose hash and image
   * @param digest the digest
   */
  public synchronized void put(String key, String digest) {
    digests.put(key, digest);
    write();
  }

  /**
   * Forgets every key that starts with {@code prefix} and writes the file.
   *
   * @param prefix such as {@code "nginx-1|"}
   */
  public synchronized void forget(String prefix) {
    if (digests.keySet().removeIf(k -> k.startsWith(prefix))) {
      write();
    }
  }

  private void write() {
    if (file == null) {
      return;
    }
    try {
      AtomicFiles.write(file, SchedulerJson.mapper().writeValueAsBytes(
          new FileContent(1, digests)));
    } catch (IOException e) {
      throw new SchedulerException("cannot write the digest baseline " + file + " (" + e
          + "): check the directory's permissions and free space", e);
    }
  }
}
