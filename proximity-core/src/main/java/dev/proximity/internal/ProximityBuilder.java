package dev.proximity.internal;

import dev.proximity.InvalidRequestException;
import dev.proximity.ProgressListener;
import dev.proximity.Proximity;
import dev.proximity.audit.AuditSink;
import dev.proximity.internal.deploy.Settings;
import dev.proximity.internal.tasks.HostTaskWatch;
import dev.proximity.pve.PveClient;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TaskDurationSnapshot;
import dev.proximity.pve.TlsTrust;
import dev.proximity.pve.model.PermissionReport;
import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.HostShellFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/** The builder behind {@link Proximity#builder()}. */
public final class ProximityBuilder implements Proximity.Builder {
  private URI endpoint;
  private PveCredentials credentials;
  private TlsTrust trust = TlsTrust.system();
  private Duration connectTimeout;
  private Duration requestTimeout;
  private Duration operationTimeout = Duration.ofMinutes(30);
  private HostShellFactory shells;
  private AppCatalog catalog;
  private Executor executor;
  private Clock clock = Clock.systemUTC();
  private final List<ProgressListener> listeners = new ArrayList<>();
  private String pool;
  private String rootStorage;
  private String templateStorage;
  private String backupStorage;
  private String baseTemplate = Settings.DEFAULT_BASE_TEMPLATE;
  private boolean golden = true;
  private boolean verify;
  private AuditSink audit = AuditSink.slf4j();
  private Path taskDurationsFile;

  @Override
  public Proximity.Builder endpoint(URI endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    return this;
  }

  @Override
  public Proximity.Builder credentials(PveCredentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    return this;
  }

  @Override
  public Proximity.Builder trust(TlsTrust trust) {
    this.trust = Objects.requireNonNull(trust, "trust");
    return this;
  }

  @Override
  public Proximity.Builder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  @Override
  public Proximity.Builder requestTimeout(Duration timeout) {
    this.requestTimeout = positive(timeout, "requestTimeout");
    return this;
  }

  @Override
  public Proximity.Builder operationTimeout(Duration timeout) {
    this.operationTimeout = positive(timeout, "operationTimeout");
    return this;
  }

  @Override
  public Proximity.Builder hostShell(HostShellFactory factory) {
    this.shells = Objects.requireNonNull(factory, "factory");
    return this;
  }

  @Override
  public Proximity.Builder catalog(AppCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    return this;
  }

  @Override
  public Proximity.Builder executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  @Override
  public Proximity.Builder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  @Override
  public Proximity.Builder progressListener(ProgressListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  @Override
  public Proximity.Builder pool(String pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
    return this;
  }

  @Override
  public Proximity.Builder rootStorage(String storage) {
    this.rootStorage = Objects.requireNonNull(storage, "storage");
    return this;
  }

  @Override
  public Proximity.Builder templateStorage(String storage) {
    this.templateStorage = Objects.requireNonNull(storage, "storage");
    return this;
  }

  @Override
  public Proximity.Builder backupStorage(String storage) {
    this.backupStorage = Objects.requireNonNull(storage, "storage");
    return this;
  }

  @Override
  public Proximity.Builder baseTemplate(String prefix) {
    this.baseTemplate = Objects.requireNonNull(prefix, "prefix");
    return this;
  }

  @Override
  public Proximity.Builder goldenTemplates(boolean enabled) {
    this.golden = enabled;
    return this;
  }

  @Override
  public Proximity.Builder auditSink(AuditSink sink) {
    this.audit = Objects.requireNonNull(sink, "sink");
    return this;
  }

  @Override
  public Proximity.Builder verifyPrivileges(boolean verify) {
    this.verify = verify;
    return this;
  }

  @Override
  public Proximity.Builder taskDurations(Path file) {
    this.taskDurationsFile = Objects.requireNonNull(file, "file");
    return this;
  }

  @Override
  public Proximity build() {
    if (endpoint == null || credentials == null) {
      throw new IllegalStateException("Proximity needs endpoint(..) and credentials(..)");
    }
    PveClient.Builder pb = PveClient.builder().endpoint(endpoint).credentials(credentials)
        .trust(trust).clock(clock);
    if (connectTimeout != null) {
      pb.connectTimeout(connectTimeout);
    }
    if (requestTimeout != null) {
      pb.requestTimeout(requestTimeout);
    }
    if (taskDurationsFile != null) {
      pb.taskDurations(TaskDurationSnapshot.readFrom(taskDurationsFile));
    }
    Settings settings = new Settings(pool, rootStorage, templateStorage, backupStorage,
        baseTemplate, golden, operationTimeout, Duration.ofMinutes(2), "vmbr0");
    // Discovered here, not by the instance, so that the task watch uses the same factory.
    HostShellFactory found = shells == null ? DefaultProximity.discover(HostShellFactory.class)
        : null;
    HostShellFactory effective = shells != null ? shells : found;
    HostTaskWatch taskWatch = effective == null ? null : new HostTaskWatch(effective, clock);
    if (taskWatch != null) {
      pb.taskEndWatch(taskWatch);
    }
    PveClient client;
    try {
      client = pb.build();
    } catch (RuntimeException e) {
      if (taskWatch != null) {
        taskWatch.close();
      }
      if (found != null) {
        found.close();
      }
      throw e;
    }
    DefaultProximity px = new DefaultProximity(client, credentials.isRootPam(), effective, found,
        taskWatch, catalog, executor, clock, listeners, settings, audit, taskDurationsFile);
    if (verify) {
      PermissionReport report;
      try {
        report = px.checkPrivileges();
      } catch (RuntimeException e) {
        px.close();
        throw e;
      }
      if (!report.allGranted()) {
        px.close();
        throw new InvalidRequestException(InvalidRequestException.Reason.MISSING_PRIVILEGES,
            report.summary());
      }
    }
    return px;
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
    return d;
  }
}
