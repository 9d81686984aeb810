package dev.proximity.examples.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files of the data directory atomically and privately.
 *
 * <p>Content goes to a temporary file in the same directory, created with mode 0600, forced to disk,
 * then moved over the target in one atomic rename, so that a reader or a crash never sees a
 * half-written file.
 */
public final class AtomicFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

  private AtomicFiles() {}

  /**
   * Replaces a file's content atomically; the file ends up readable by its owner only.
   *
   * @param target the file
   * @param content the new content
   * @throws IOException if the file cannot be written
   */
  public static void write(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    ensurePrivateDirectory(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", privateFileAttributes(dir));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Creates a file with content only if it does not exist yet, readable by its owner only.
   *
   * @param target the file
   * @param content the content
   * @return whether this call created the file (false when it already existed)
   * @throws IOException if the file cannot be written
   */
  public static boolean createExclusive(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    ensurePrivateDirectory(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", privateFileAttributes(dir));
    try {
      Files.write(temp, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.SYNC);
      try {
        Files.createLink(target, temp);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException e) {
        if (Files.exists(target)) {
          return false;
        }
        Files.move(temp, target);
        return true;
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Creates a directory (and parents) readable by its owner only, when the file system supports it.
   *
   * @param dir the directory
   * @throws IOException if it cannot be created
   */
  public static void ensurePrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (supportsPosix(dir.getParent() == null ? dir : nearestExisting(dir))) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
    } else {
      Files.createDirectories(dir);
    }
  }

  private static Path nearestExisting(Path dir) {
    Path p = dir.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p == null ? dir : p;
  }

  private static FileAttribute<?>[] privateFileAttributes(Path dir) {
    return supportsPosix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  private static boolean supportsPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
