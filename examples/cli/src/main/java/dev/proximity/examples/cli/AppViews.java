package dev.proximity.examples.cli;

import dev.proximity.App;
import dev.proximity.AppSummary;
import dev.proximity.AppUsage;
import dev.proximity.Backup;
import dev.proximity.DeployPlan;
import dev.proximity.DeployStep;
import dev.proximity.ServiceStatus;
import dev.proximity.pve.model.NodeSummary;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shapes of the app commands; their field names are part of the CLI's contract. */
final class AppViews {
  private AppViews() {}

  /**
   * One line of {@code apps}: what the one-request listing knows. The address and URLs need a read
   * per app, so they are in {@code app NAME} only.
   */
  record AppSummaryView(
      String name,
      int vmid,
      String node,
      String status,
      String catalogId,
      String version,
      String owner,
      int cores,
      double cpu,
      long memoryBytes,
      long maxMemoryBytes,
      long diskBytes,
      long maxDiskBytes,
      long uptimeSeconds) {
    static AppSummaryView of(AppSummary app) {
      AppUsage u = app.usage();
      return new AppSummaryView(
          app.name(),
          app.vmid(),
          app.node(),
          app.status().name().toLowerCase(Locale.ROOT),
          app.catalogId(),
          app.version(),
          app.owner().orElse(null),
          u.cores(),
          u.cpu(),
          u.memoryBytes(),
          u.maxMemoryBytes(),
          u.diskBytes(),
          u.maxDiskBytes(),
          u.uptime().toSeconds());
    }
  }

  /** One app in full, as {@code app NAME} shows it and as deploy, clone and restore return it. */
  record AppView(
      String name,
      int vmid,
      String node,
      String status,
      String catalogId,
      String version,
      String ipv4,
      List<String> urls,
      int cores,
      double cpu,
      long memoryBytes,
      long maxMemoryBytes,
      long diskBytes,
      long maxDiskBytes,
      long uptimeSeconds,
      String createdAt) {
    static AppView of(App app) {
      AppUsage u = app.usage();
      return new AppView(
          app.name(),
          app.vmid(),
          app.node(),
          AppViews.status(app),
          app.catalogId(),
          app.version(),
          app.ipv4().orElse(null),
          app.urls().stream().map(URI::toString).toList(),
          u.cores(),
          u.cpu(),
          u.memoryBytes(),
          u.maxMemoryBytes(),
          u.diskBytes(),
          u.maxDiskBytes(),
          u.uptime().toSeconds(),
          app.manifest().createdAt().toString());
    }
  }

  /** One app with its services and non-secret parameters, for {@code app NAME}. */
  record AppDetail(AppView app, Map<String, String> parameters, List<Service> services, String servicesError) {}

  /** A Compose service of an app. */
  record Service(String service, String state, String health, boolean healthy) {
    static Service of(ServiceStatus s) {
      return new Service(s.service(), s.state(), s.health(), s.healthy());
    }
  }

  /** A backup of an app. */
  record BackupView(String volid, String node, String storage, int vmid, String createdAt, long sizeBytes, String notes) {
    static BackupView of(Backup b) {
      return new BackupView(b.volid(), b.node(), b.storage(), b.vmid(), b.createdAt().toString(), b.sizeBytes(), b.notes());
    }
  }

  /** What {@code deploy --plan} would do. */
  record PlanView(
      String catalogId,
      String version,
      String name,
      String node,
      int cores,
      int memoryMb,
      int swapMb,
      int diskGb,
      String rootStorage,
      String template,
      String templateAction,
      String net0,
      List<String> tags,
      String pool,
      Map<String, String> parameters,
      List<String> generatedSecrets,
      List<String> steps) {
    static PlanView of(DeployPlan p) {
      return new PlanView(
          p.catalogId(),
          p.version(),
          p.name(),
          p.node(),
          p.cores(),
          p.memoryMb(),
          p.swapMb(),
          p.diskGb(),
          p.rootStorage(),
          p.template(),
          p.templateAction().name().toLowerCase(Locale.ROOT).replace('_', '-'),
          p.net0(),
          p.tags(),
          p.pool().orElse(null),
          new TreeMap<>(p.parameters()),
          p.generatedSecrets(),
          p.steps().stream().map(DeployStep::label).toList());
    }
  }

  /** A cluster node. */
  record NodeView(String node, String status, double cpu, int maxCpu, long memoryBytes, long maxMemoryBytes,
      long uptimeSeconds, int apps) {
    static NodeView of(NodeSummary n, int apps) {
      return new NodeView(n.node(), n.status(), n.cpu(), n.maxCpu(), n.mem(), n.maxMem(), n.uptime(), apps);
    }
  }

  /** The result of an action on an app that returns nothing else. */
  record ActionView(String app, String action, String status) {}

  /** {@code update --check}. */
  record UpdateCheck(String app, String catalogId, String version, String available, boolean updateAvailable) {}

  static String status(App app) {
    return app.status().name().toLowerCase(Locale.ROOT);
  }

  /** Bytes as a short human size: {@code 512M}, {@code 1.5G}. */
  static String bytes(long bytes) {
    if (bytes <= 0) {
      return "0";
    }
    double g = bytes / (1024.0 * 1024 * 1024);
    if (g >= 1) {
      return (g >= 10 ? String.format(Locale.ROOT, "%.0f", g) : String.format(Locale.ROOT, "%.1f", g)) + "G";
    }
    return String.format(Locale.ROOT, "%.0f", bytes / (1024.0 * 1024)) + "M";
  }

  /** A duration as {@code 3d4h}, {@code 5h12m}, {@code 7m}, {@code 12s}. */
  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s <= 0) {
      return "-";
    }
    if (s >= 86_400) {
      return s / 86_400 + "d" + (s % 86_400) / 3600 + "h";
    }
    if (s >= 3600) {
      return s / 3600 + "h" + (s % 3600) / 60 + "m";
    }
    return s >= 60 ? s / 60 + "m" : s + "s";
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }
}
