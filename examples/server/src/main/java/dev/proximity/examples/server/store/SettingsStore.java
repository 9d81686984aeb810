package dev.proximity.examples.server.store;

import dev.proximity.examples.server.config.OperatingMode;
import dev.proximity.examples.server.http.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The server settings that change at run time (the mode), persisted to {@code settings.json} so that
 * a restart keeps them. The configured mode applies until the first change. Thread-safe.
 */
public final class SettingsStore {
  private final Path file;
  private final JsonCodec json;
  private final List<Consumer<OperatingMode>> listeners = new CopyOnWriteArrayList<>();
  private OperatingMode mode;

  /**
   * Opens the settings.
   *
   * @param file the settings file
   * @param json the codec
   * @param initialMode the configured mode, used when the file does not exist
   */
  public SettingsStore(Path file, JsonCodec json, OperatingMode initialMode) {
    this.file = file;
    this.json = json;
    this.mode = initialMode;
    if (Files.exists(file)) {
      try {
        Stored stored = json.read(Files.readAllBytes(file), Stored.class);
        this.mode = OperatingMode.parse(stored.mode());
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalStateException("cannot read the settings file " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** @return the current mode */
  public synchronized OperatingMode mode() {
    return mode;
  }

  /**
   * Changes the mode, persists it and notifies listeners (which start or stop the AutoPilot).
   *
   * @param newMode the new mode
   * @return the previous mode
   */
  public OperatingMode setMode(OperatingMode newMode) {
    OperatingMode previous;
    synchronized (this) {
      previous = mode;
      if (previous == newMode) {
        return previous;
      }
      try {
        AtomicFiles.write(file, json.encode(new Stored(newMode.name())));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the settings file " + file, e);
      }
      mode = newMode;
    }
    for (Consumer<OperatingMode> listener : listeners) {
      listener.accept(newMode);
    }
    return previous;
  }

  /**
   * Registers a listener for mode changes, called after the change is persisted.
   *
   * @param listener receives the new mode
   */
  public void onModeChange(Consumer<OperatingMode> listener) {
    listeners.add(listener);
  }

  /** The file format. */
  record Stored(String mode) {}
}
