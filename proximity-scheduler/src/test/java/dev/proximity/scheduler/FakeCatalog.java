package dev.proximity.scheduler;

import dev.proximity.App;
import dev.proximity.AppManifest;
import dev.proximity.AppStatus;
import dev.proximity.AppUsage;
import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.AppTemplate;
import dev.proximity.spi.PortSpec;
import dev.proximity.spi.RenderedApp;
import dev.proximity.spi.ResourceHints;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A hand-written catalog of entries with a version and images, for update checks. */
final class FakeCatalog implements AppCatalog {
  private final Map<String, AppTemplate> entries = new ConcurrentHashMap<>();

  FakeCatalog put(String id, String version, String... images) {
    entries.put(id, new Entry(id, version, List.of(images)));
    return this;
  }

  @Override
  public Optional<AppTemplate> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  @Override
  public List<AppTemplate> list() {
    return entries.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
  }

  static App app(String name, int vmid, String catalogId, String version) {
    return new App(name, vmid, "pve", AppStatus.RUNNING, Optional.empty(), List.of(),
        new AppManifest(catalogId, version, Map.of(), "c0ffee" + vmid,
            Instant.parse("2026-05-01T00:00:00Z"), Optional.empty()),
        new AppUsage(0, 1, 0, 0, 0, 0, Duration.ZERO));
  }

  private record Entry(String id, String version, List<String> images) implements AppTemplate {
    @Override
    public String name() {
      return id;
    }

    @Override
    public String description() {
      return id;
    }

    @Override
    public String category() {
      return "test";
    }

    @Override
    public List<String> tags() {
      return List.of();
    }

    @Override
    public Optional<PortSpec> webPort() {
      return Optional.empty();
    }

    @Override
    public List<PortSpec> ports() {
      return List.of();
    }

    @Override
    public List<AppParameter> parameters() {
      return List.of();
    }

    @Override
    public ResourceHints resources() {
      throw new UnsupportedOperationException("not needed by update checks");
    }

    @Override
    public String notes() {
      return "";
    }

    @Override
    public RenderedApp render(Map<String, String> values) {
      throw new UnsupportedOperationException("not needed by update checks");
    }
  }
}
