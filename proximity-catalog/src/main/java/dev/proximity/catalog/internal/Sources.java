package dev.proximity.catalog.internal;

import dev.proximity.catalog.CatalogEntry;
import dev.proximity.catalog.CatalogException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads catalog entries from the class path and from directories. */
public final class Sources {
  private static final Logger log = LoggerFactory.getLogger(Sources.class);

  /** Where the bundled catalog lives on the class path. */
  public static final String BUNDLED_ROOT = "dev/proximity/catalog/bundled/";
  /** The bundled catalog's list of entry folders, one per line. */
  public static final String BUNDLED_INDEX = BUNDLED_ROOT + "index.txt";
  /** The largest catalog file read, in bytes. */
  static final int MAX_FILE_BYTES = 1024 * 1024;

  private Sources() {}

  /**
   * Loads the bundled catalog from the class path.
   *
   * @return the entries, in index order
   * @throws CatalogException if the index or an entry is missing or invalid
   */
  public static List<CatalogEntry> bundled() {
    ClassLoader loader = Sources.class.getClassLoader();
    String index = resource(loader, BUNDLED_INDEX, null);
    List<CatalogEntry> entries = new ArrayList<>();
    for (String line : index.split("\n")) {
      String folder = line.strip();
      if (folder.isEmpty() || folder.startsWith("#")) {
        continue;
      }
      String app = resource(loader, BUNDLED_ROOT + folder + "/" + EntryLoader.APP_FILE, folder);
      String compose =
          resource(loader, BUNDLED_ROOT + folder + "/" + EntryLoader.COMPOSE_FILE, folder);
      entries.add(EntryLoader.load(folder, app, compose, "classpath:" + BUNDLED_ROOT + folder));
    }
    log.debug("loaded {} bundled catalog entries", entries.size());
    return entries;
  }

  private static String resource(ClassLoader loader, String name, String entryId) {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new CatalogException(entryId, "classpath:" + name, null,
            "is missing from the class path; is the proximity-catalog jar intact?");
      }
      return decode(in.readNBytes(MAX_FILE_BYTES + 1), entryId, "classpath:" + name);
    } catch (IOException e) {
      throw new CatalogException(entryId, "classpath:" + name, null, "cannot be read: " + e, e);
    }
  }

  /**
   * Loads every entry folder of a directory: each subdirectory holding an app.yaml and a
   * compose.yaml. Hidden subdirectories (starting with '.') and plain files are skipped.
   *
   * @param root the catalog directory
   * @return the entries, in folder-name order
   * @throws CatalogException if the directory cannot be read or an entry is invalid
   */
  public static List<CatalogEntry> directory(Path root) {
    if (!Files.isDirectory(root)) {
      throw new CatalogException(null, root.toString(), null,
          "is not a directory; a catalog directory holds one folder per app");
    }
    TreeMap<String, Path> folders = new TreeMap<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
      for (Path child : stream) {
        String name = child.getFileName().toString();
        if (Files.isDirectory(child) && !name.startsWith(".")) {
          folders.put(name, child);
        }
      }
    } catch (IOException e) {
      throw new CatalogException(null, root.toString(), null, "cannot be listed: " + e, e);
    }
    List<CatalogEntry> entries = new ArrayList<>();
    for (var folder : folders.entrySet()) {
      String app = file(folder.getValue(), EntryLoader.APP_FILE, folder.getKey());
      String compose = file(folder.getValue(), EntryLoader.COMPOSE_FILE, folder.getKey());
      entries.add(EntryLoader.load(folder.getKey(), app, compose, folder.getValue().toString()));
    }
    log.debug("loaded {} catalog entries from {}", entries.size(), root);
    return entries;
  }

  private static String file(Path folder, String name, String entryId) {
    Path path = folder.resolve(name);
    String display = entryId + "/" + name;
    if (!Files.isRegularFile(path)) {
      throw new CatalogException(entryId, display, null,
          "is missing; every app folder holds " + EntryLoader.APP_FILE + " and "
              + EntryLoader.COMPOSE_FILE);
    }
    try (InputStream in = Files.newInputStream(path)) {
      return decode(in.readNBytes(MAX_FILE_BYTES + 1), entryId, display);
    } catch (IOException e) {
      throw new CatalogException(entryId, display, null, "cannot be read: " + e, e);
    }
  }

  private static String decode(byte[] bytes, String entryId, String file) {
    if (bytes.length > MAX_FILE_BYTES) {
      throw new CatalogException(entryId, file, null,
          "is larger than " + MAX_FILE_BYTES + " bytes");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CatalogException(entryId, file, null, "is not valid UTF-8", e);
    }
  }
}
