package dev.proximity.internal.deploy;

import dev.proximity.App;
import dev.proximity.AppManifest;
import dev.proximity.AppNotFoundException;
import dev.proximity.AppStatus;
import dev.proximity.AppUsage;
import dev.proximity.ProximityException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads apps: one {@code /cluster/resources} listing finds them (tag {@code proximity}); each
 * app's manifest (config description) and address (interfaces) are then read concurrently.
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
   * Lists every app of the cluster, sorted by name.
   *
   * @return the apps
   */
  public List<App> list() {
    List<Read> reads = new ArrayList<>();
    for (ClusterOps.GuestRow g : ctx.ops().guests()) {
      if (isApp(g)) {
        Read r = new Read(g);
        reads.add(r);
        try {
          ctx.executor().execute(r::run);
        } catch (RejectedExecutionException e) {
          // the caller runs it below
        }
      }
    }
    // The caller runs every read the executor has not started yet, so a busy (or caller-shared)
    // executor can slow the listing down but never deadlock it.
    reads.forEach(Read::run);
    List<App> apps = new ArrayList<>();
    for (Read r : reads) {
      try {
        apps.add(r.result.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw e;
      }
    }
    apps.sort(Comparator.comparing(App::name));
    return List.copyOf(apps);
  }

  /** One app's reads, run once by whichever thread claims it first. */
  private final class Read {
    private final ClusterOps.GuestRow row;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<App> result = new CompletableFuture<>();

    Read(ClusterOps.GuestRow row) {
      this.row = row;
    }

    void run() {
      if (!claimed.compareAndSet(false, true)) {
        return;
      }
      try {
        result.complete(toApp(row));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    }
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
   * Reads one app completely.
   *
   * @param g its listing row
   * @return the app
   */
  public App toApp(ClusterOps.GuestRow g) {
    AppStatus status = AppStatus.fromPve(g.status());
    AppManifest manifest = Manifests.unknown(catalogTag(g));
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
    return new App(g.name(), g.vmid(), g.node(), status, ip, urls, manifest,
        new AppUsage(g.cpu(), g.maxCpu(), g.mem(), g.maxMem(), g.disk(), g.maxDisk(),
            Duration.ofSeconds(g.uptime())));
  }

  private static String catalogTag(ClusterOps.GuestRow g) {
    return g.tags().stream().filter(t -> !t.equals(Resolver.APP_TAG)).findFirst()
        .orElse("unknown");
  }
}
