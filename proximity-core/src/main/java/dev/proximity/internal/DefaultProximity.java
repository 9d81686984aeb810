package dev.proximity.internal;

import dev.proximity.App;
import dev.proximity.AppHandle;
import dev.proximity.AppSummary;
import dev.proximity.AppNotFoundException;
import dev.proximity.DeploySpec;
import dev.proximity.ProgressListener;
import dev.proximity.Proximity;
import dev.proximity.Templates;
import dev.proximity.audit.AuditSink;
import dev.proximity.internal.deploy.AppReader;
import dev.proximity.internal.deploy.Context;
import dev.proximity.internal.deploy.DefaultAppHandle;
import dev.proximity.internal.deploy.DefaultDeploySpec;
import dev.proximity.internal.deploy.DeployPipeline;
import dev.proximity.internal.deploy.DeployRequest;
import dev.proximity.internal.deploy.GoldenTemplates;
import dev.proximity.internal.deploy.Lifecycle;
import dev.proximity.internal.deploy.PveClusterOps;
import dev.proximity.internal.deploy.Settings;
import dev.proximity.internal.tasks.HostTaskWatch;
import dev.proximity.pve.PveClient;
import dev.proximity.pve.TaskDurationsFileException;
import dev.proximity.pve.model.PermissionReport;
import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.HostShellFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SDK instance: wires the client, the shells, the catalog and the pipeline. */
final class DefaultProximity implements Proximity {
  private static final Logger log = LoggerFactory.getLogger(DefaultProximity.class);
  private static final int OWN_THREADS = 64;

  private final PveClient pve;
  private final HostShellFactory ownedShells;
  /** The watch the client's task waits use; closed before the shells. Null without shells. */
  private final HostTaskWatch taskWatch;
  private final ExecutorService ownedExecutor;
  private final Context ctx;
  private final DeployPipeline pipeline;
  private final AppReader reader;
  private final Lifecycle lifecycle;
  private final GoldenTemplates templates;
  /** Where the client's learned task durations are saved at close; null when they are not kept. */
  private final Path taskDurationsFile;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Wires the instance.
   *
   * @param shells the host shells (given or discovered), or null
   * @param ownedShells the same factory when this instance discovered it and so closes it, or null
   * @param taskWatch the task watch over {@code shells} that {@code pve} uses, or null
   */
  DefaultProximity(PveClient pve, boolean rootPam, HostShellFactory shells,
      HostShellFactory ownedShells, HostTaskWatch taskWatch, AppCatalog catalog,
      Executor executor, Clock clock, List<ProgressListener> listeners, Settings settings,
      AuditSink audit, Path taskDurationsFile) {
    this.pve = pve;
    this.taskDurationsFile = taskDurationsFile;
    this.ownedShells = ownedShells;
    this.taskWatch = taskWatch;
    this.ownedExecutor = executor == null ? newPool() : null;
    this.ctx = new Context(new PveClusterOps(pve, rootPam), shells,
        catalog != null ? catalog : discover(AppCatalog.class),
        executor != null ? executor : ownedExecutor, clock, listeners, settings, audit,
        pve.principal());
    this.pipeline = new DeployPipeline(ctx);
    this.reader = new AppReader(ctx);
    this.lifecycle = new Lifecycle(ctx, reader);
    this.templates = new GoldenTemplates(ctx);
  }

  /**
   * The SDK's own pool. An operation's thread mostly waits (on tasks, SSH commands, health
   * checks), so the pool is sized for concurrent operations, not for cores: with 8 threads, 50
   * concurrent deploys ran 8 at a time. Idle threads end after a minute.
   */
  private static ExecutorService newPool() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(OWN_THREADS, OWN_THREADS, 60,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "proximity-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * The first provider on the class path, or null; services need no priority here.
   *
   * @param type the service type
   * @return the provider, or null
   */
  static <T> T discover(Class<T> type) {
    try {
      return ServiceLoader.load(type).stream()
          .map(ServiceLoader.Provider::get)
          .sorted(Comparator.comparing(p -> p.getClass().getName()))
          .findFirst()
          .orElse(null);
    } catch (ServiceConfigurationError e) {
      log.debug("no usable {} on the class path", type.getSimpleName(), e);
      return null;
    }
  }

  @Override
  public Optional<String> pool() {
    return Optional.ofNullable(ctx.settings().pool());
  }

  @Override
  public PveClient pve() {
    return pve;
  }

  @Override
  public AppCatalog catalog() {
    return ctx.catalog();
  }

  @Override
  public DeploySpec deploy(String catalogId) {
    Objects.requireNonNull(catalogId, "catalogId");
    return new DefaultDeploySpec(ctx, pipeline, DeployRequest.of(catalogId));
  }

  @Override
  public List<AppSummary> apps() {
    return reader.list();
  }

  @Override
  public AppHandle app(String nameOrVmid) {
    Objects.requireNonNull(nameOrVmid, "nameOrVmid");
    return new DefaultAppHandle(ctx, reader, lifecycle, reader.find(nameOrVmid));
  }

  @Override
  public Optional<AppHandle> findApp(String nameOrVmid) {
    try {
      return Optional.of(app(nameOrVmid));
    } catch (AppNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Templates templates() {
    return templates;
  }

  @Override
  public PermissionReport checkPrivileges() {
    String storage = ctx.settings().rootStorage() != null ? ctx.settings().rootStorage()
        : "local-lvm";
    String tmpl = ctx.settings().templateStorage() != null ? ctx.settings().templateStorage()
        : "local";
    String backup = ctx.settings().backupStorage() != null ? ctx.settings().backupStorage()
        : "local";
    return pve.access().preflight(storage, tmpl, backup);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
    if (taskWatch != null) {
      // Before the shells: its sessions end cleanly (end of input) instead of as dropped ones.
      taskWatch.close();
    }
    if (ownedShells != null) {
      try {
        ownedShells.close();
      } catch (RuntimeException e) {
        log.debug("closing the host shells failed", e);
      }
    }
    if (taskDurationsFile != null) {
      try {
        pve.taskDurations().writeTo(taskDurationsFile);
      } catch (TaskDurationsFileException e) {
        // close() never throws; the next client only starts without what this one learned.
        log.warn("{}", e.getMessage());
      }
    }
    pve.close();
  }

  @Override
  public String toString() {
    return "Proximity[" + pve + "]";
  }
}
