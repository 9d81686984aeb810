package dev.proximity.internal.deploy;

import dev.proximity.App;
import dev.proximity.AppManifest;
import dev.proximity.AppNotFoundException;
import dev.proximity.AppStatus;
import dev.proximity.AppSummary;
import dev.proximity.AppUsage;
import dev.proximity.ProximityException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads apps: one {@code /cluster/resources} listing finds and summarises them (tag {@code
 * proximity}); {@link #toApp} reads one app completely (config description and interfaces).
 */
public final class AppReader {
  private final Context ctx;

  /**
   * Creates the reader.
   *
   * @param ctx the shared context
   */
  public AppReader(Context ctx) {
    this.ctx = ctx;
  }

  static boolean isApp(ClusterOps.GuestRow g) {
    return !g.template() && g.tags().contains(Resolver.APP_TAG);
  }

  /**
   * Lists every app of the cluster, sorted by name, from one {@code /cluster/resources} request:
   * everything shown comes from the rows (the manifest's catalog id, version and owner from the
   * tags {@link AppTags} mirrors), so the cost does not grow with the number of apps.
   *
   * @return the apps
   */
  public List<AppSummary> list() {
    List<AppSummary> apps = new ArrayList<>();
    for (ClusterOps.GuestRow g : ctx.ops().guests()) {
      if (isApp(g)) {
        apps.add(summary(g));
      }
    }
    apps.sort(Comparator.comparing(AppSummary::name).thenComparingInt(AppSummary::vmid));
    return List.copyOf(apps);
  }

  static AppSummary summary(ClusterOps.GuestRow g) {
    return new AppSummary(g.name(), g.vmid(), g.node(), AppStatus.fromPve(g.status()),
        AppTags.catalogId(g.tags()).orElse(AppTags.UNKNOWN),
        AppTags.version(g.tags()).orElse(AppTags.UNKNOWN), AppTags.owner(g.tags()), usage(g));
  }

  private static AppUsage usage(ClusterOps.GuestRow g) {
    return new AppUsage(g.cpu(), g.maxCpu(), g.mem(), g.maxMem(), g.disk(), g.maxDisk(),
        Duration.ofSeconds(g.uptime()));
  }

  /**
   * Finds an app's listing row by name or vmid.
   *
   * @param ref the name or vmid
   * @return the row
   * @throws AppNotFoundException when no app matches
   */
  public ClusterOps.GuestRow find(String ref) {
    return ctx.ops().guests().stream()
        .filter(AppReader::isApp)
        .filter(g -> g.name().equals(ref) || Integer.toString(g.vmid()).equals(ref))
        .findFirst()
        .orElseThrow(() -> new AppNotFoundException(ref));
  }

  /**
   * Finds an app by vmid.
   *
   * @param vmid the container id
   * @param ref the name used for the error
   * @return the row
   */
  public ClusterOps.GuestRow find(int vmid, String ref) {
    return ctx.ops().guests().stream()
        .filter(g -> isApp(g) && g.vmid() == vmid)
        .findFirst()
        .orElseThrow(() -> new AppNotFoundException(ref));
  }

  /**
   * Reads one app completely: its manifest from the config (one request) and, when it runs, its
   * address from the interfaces (one more).
   *
   * @param g its listing row
   * @return the app
   */
  public App toApp(ClusterOps.GuestRow g) {
    AppStatus status = AppStatus.fromPve(g.status());
    AppManifest manifest = Manifests.fromTags(g.tags());
    if (status != AppStatus.UNKNOWN) {
      ClusterOps.CtConfig cfg = ctx.ops().config(g.node(), g.vmid());
      manifest = Manifests.parse(cfg.description()).orElse(manifest);
    }
    Optional<String> ip = Optional.empty();
    if (status == AppStatus.RUNNING) {
      try {
        ip = ctx.ops().ipv4(g.node(), g.vmid());
      } catch (ProximityException e) {
        ip = Optional.empty(); // an address is a convenience; the listing stays usable
      }
    }
    List<URI> urls = List.of();
    if (ip.isPresent() && ctx.catalogOrNull() != null) {
      String addr = ip.get();
      urls = ctx.catalogOrNull().find(manifest.catalogId())
          .map(e -> DeployPipeline.urls(e, addr)).orElse(List.of());
    }
    return new App(g.name(), g.vmid(), g.node(), status, ip, urls, manifest, usage(g));
  }
}
