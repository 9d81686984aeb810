package dev.proximity.examples.server.api;

import dev.proximity.App;
import dev.proximity.AppUsage;
import dev.proximity.Backup;
import dev.proximity.ServiceStatus;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The JSON shapes of apps, backups and services. */
public final class AppViews {
  private AppViews() {}

  /**
   * Converts an app.
   *
   * @param app the app
   * @param ownerName resolves an owner id to a user name
   * @return the view
   */
  public static AppView app(App app, Function<String, String> ownerName) {
    AppUsage u = app.usage();
    return new AppView(app.name(), app.vmid(), app.node(), app.status().name().toLowerCase(Locale.ROOT),
        app.ipv4().orElse(null), app.urls().stream().map(URI::toString).toList(), app.catalogId(), app.version(),
        app.manifest().owner().map(ownerName).orElse(null), app.manifest().createdAt().toString(),
        app.manifest().parameters(),
        new Usage(u.cpu(), u.cores(), u.memoryBytes(), u.maxMemoryBytes(), u.diskBytes(), u.maxDiskBytes(),
            u.uptime().toSeconds()));
  }

  /**
   * Converts a backup.
   *
   * @param b the backup
   * @return the view
   */
  public static BackupView backup(Backup b) {
    return new BackupView(b.volid(), b.node(), b.storage(), b.vmid(), b.createdAt().toString(), b.sizeBytes(),
        b.notes());
  }

  /**
   * Converts a service state.
   *
   * @param s the state
   * @return the view
   */
  public static ServiceView service(ServiceStatus s) {
    return new ServiceView(s.service(), s.state(), s.health(), s.healthy());
  }

  /**
   * An app.
   *
   * @param name the app name (its hostname)
   * @param vmid the container id
   * @param node the node it runs on
   * @param status running, stopped or unknown
   * @param ipv4 its address, or null
   * @param urls where its web interface is
   * @param catalogId the catalog entry
   * @param version the catalog version deployed
   * @param owner the owning user's name, or null
   * @param createdAt when it was deployed
   * @param parameters its non-secret parameters
   * @param usage current resource use
   */
  public record AppView(String name, int vmid, String node, String status, String ipv4, List<String> urls,
      String catalogId, String version, String owner, String createdAt, Map<String, String> parameters,
      Usage usage) {}

  /**
   * Resource use.
   *
   * @param cpu CPU use, 0..cores
   * @param cores cores
   * @param memoryBytes memory in use
   * @param maxMemoryBytes memory limit
   * @param diskBytes disk in use
   * @param maxDiskBytes disk size
   * @param uptimeSeconds seconds since start
   */
  public record Usage(double cpu, int cores, long memoryBytes, long maxMemoryBytes, long diskBytes,
      long maxDiskBytes, long uptimeSeconds) {}

  /**
   * A backup.
   *
   * @param id the volume id, used in backup paths (URL-encode it)
   * @param node the node
   * @param storage the storage
   * @param vmid the container id it was taken from
   * @param createdAt when
   * @param sizeBytes its size
   * @param notes its notes
   */
  public record BackupView(String id, String node, String storage, int vmid, String createdAt, long sizeBytes,
      String notes) {}

  /**
   * A Compose service of an app.
   *
   * @param service the service name
   * @param state running, exited, restarting or created
   * @param health healthy, unhealthy, starting or empty
   * @param healthy whether it counts as healthy
   */
  public record ServiceView(String service, String state, String health, boolean healthy) {}
}
