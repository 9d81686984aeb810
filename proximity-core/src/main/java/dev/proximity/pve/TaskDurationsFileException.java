package dev.proximity.pve;

import dev.proximity.ProximityException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Learned task durations could not be saved to a file ({@link TaskDurationSnapshot#writeTo(Path)}),
 * e.g. the directory is not writable or the disk is full. The file keeps its previous content.
 */
public final class TaskDurationsFileException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** The file; transient since {@link Path} is not serializable. */
  private final transient Path file;

  /**
   * Creates the exception.
   *
   * @param file the file that could not be written
   * @param message what failed on which file and what to check
   * @param cause the I/O failure
   */
  public TaskDurationsFileException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = Objects.requireNonNull(file, "file");
  }

  /**
   * The file that could not be written.
   *
   * @return the file
   */
  public Path file() {
    return file;
  }
}
