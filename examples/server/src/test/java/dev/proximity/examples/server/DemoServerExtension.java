package dev.proximity.examples.server;

import dev.proximity.examples.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Starts a demo-mode server (simulators in-process, fast simulated time) on a random loopback port. */
public final class DemoServerExtension implements AutoCloseable {
  /** Simulated Proxmox time runs this much faster than real time in tests. */
  public static final double TEST_TIME_SCALE = 0.0005;

  private final Path dataDir;
  private final ProximityServer server;

  /**
   * Starts the server.
   *
   * @param clock the server's clock (tokens, throttling, audit)
   * @param extra further settings
   */
  public DemoServerExtension(Clock clock, Map<String, String> extra) {
    try {
      dataDir = Files.createTempDirectory("proximity-server-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> settings = new HashMap<>();
    settings.put("demo", "true");
    settings.put("listen.port", "0");
    settings.put("data_dir", dataDir.toString());
    settings.putAll(extra);
    ServerConfig config = ServerConfig.fromSettings(settings);
    server = ProximityServer.start(config, clock, Backend.create(config, Clock.systemUTC(), TEST_TIME_SCALE));
  }

  /** @return the server */
  public ProximityServer server() {
    return server;
  }

  /** @return a client for it */
  public ApiClient client() {
    return new ApiClient(server.baseUri());
  }

  /** @return the data directory */
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    server.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
