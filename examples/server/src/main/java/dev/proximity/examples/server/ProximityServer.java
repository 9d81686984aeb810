package dev.proximity.examples.server;

import com.sun.net.httpserver.HttpServer;
import dev.proximity.Proximity;
import dev.proximity.examples.server.api.AppAccess;
import dev.proximity.examples.server.api.AppOpsApi;
import dev.proximity.examples.server.api.AppsApi;
import dev.proximity.examples.server.api.CatalogApi;
import dev.proximity.examples.server.api.DashboardEndpoint;
import dev.proximity.examples.server.api.OpenApiEndpoint;
import dev.proximity.examples.server.api.SdkErrors;
import dev.proximity.examples.server.api.SystemApi;
import dev.proximity.examples.server.audit.AuditTrail;
import dev.proximity.examples.server.auth.AuthApi;
import dev.proximity.examples.server.auth.BearerAuthenticator;
import dev.proximity.examples.server.auth.LoginThrottle;
import dev.proximity.examples.server.auth.PasswordHasher;
import dev.proximity.examples.server.auth.RevokedTokens;
import dev.proximity.examples.server.auth.TokenService;
import dev.proximity.examples.server.auth.UserStore;
import dev.proximity.examples.server.config.ServerConfig;
import dev.proximity.examples.server.deploy.Deployments;
import dev.proximity.examples.server.http.AccessLog;
import dev.proximity.examples.server.http.Dispatcher;
import dev.proximity.examples.server.http.JsonCodec;
import dev.proximity.examples.server.http.Route;
import dev.proximity.examples.server.http.Router;
import dev.proximity.examples.server.http.WorkerThreads;
import dev.proximity.examples.server.store.AtomicFiles;
import dev.proximity.examples.server.store.SettingsStore;
import dev.proximity.examples.server.store.TaskDurationsSaver;
import dev.proximity.examples.server.config.OperatingMode;
import dev.proximity.scheduler.AppUpdate;
import dev.proximity.scheduler.AutoPilot;
import dev.proximity.scheduler.AutoPilotListener;
import dev.proximity.scheduler.BackupRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example REST server: the Proximity API over the JDK's {@link HttpServer}.
 *
 * <pre>{@code
 * try (ProximityServer server = ProximityServer.start(ConfigLoader.load(List.of("--demo"), System.getenv()))) {
 *   System.out.println("listening on " + server.baseUri());
 *   server.awaitShutdown();
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} shuts down gracefully: new requests get 503, requests in flight may
 * finish within the configured grace period, then the listener and the worker threads stop.
 */
public final class ProximityServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProximityServer.class);

  private final ServerConfig config;
  private final HttpServer httpServer;
  private final Dispatcher dispatcher;
  private final Router router;
  private final Backend backend;
  private final Deployments deployments;
  private final AuditTrail audit;
  private final AutoPilot autopilot;
  private final TaskDurationsSaver taskDurations;
  private final List<ExecutorService> executors;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

  private ProximityServer(ServerConfig config, HttpServer httpServer, Dispatcher dispatcher, Router router,
      Backend backend, Deployments deployments, AutoPilot autopilot, AuditTrail audit,
      TaskDurationsSaver taskDurations, List<ExecutorService> executors) {
    this.autopilot = autopilot;
    this.taskDurations = taskDurations;
    this.audit = audit;
    this.config = config;
    this.httpServer = httpServer;
    this.dispatcher = dispatcher;
    this.router = router;
    this.backend = backend;
    this.deployments = deployments;
    this.executors = executors;
  }

  /**
   * Starts a server with the system clock.
   *
   * @param config the configuration
   * @return the running server
   * @throws UncheckedIOException if the port cannot be bound or the data directory is unusable
   */
  public static ProximityServer start(ServerConfig config) {
    return start(config, Clock.systemUTC());
  }

  /**
   * Starts a server.
   *
   * @param config the configuration
   * @param clock the clock for tokens, throttling and audit (injectable for tests)
   * @return the running server
   * @throws UncheckedIOException if the port cannot be bound or the data directory is unusable
   */
  public static ProximityServer start(ServerConfig config, Clock clock) {
    return start(config, clock, Backend.create(config, Clock.systemUTC()));
  }

  /**
   * Starts a server on a given backend, which the server then owns and closes.
   *
   * @param config the configuration
   * @param clock the clock for tokens, throttling and audit (injectable for tests)
   * @param backend the SDK and its connections
   * @return the running server
   * @throws UncheckedIOException if the port cannot be bound or the data directory is unusable
   */
  public static ProximityServer start(ServerConfig config, Clock clock, Backend backend) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(backend, "backend");
    try {
      return startOn(config, clock, backend);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  private static ProximityServer startOn(ServerConfig config, Clock clock, Backend backend) {
    configureHttpServerTimeouts();
    Path dataDir = config.dataDir();
    try {
      AtomicFiles.ensurePrivateDirectory(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
    }
    JsonCodec json = new JsonCodec();
    AuditTrail audit = new AuditTrail(dataDir.resolve("audit.jsonl"), json, clock);
    UserStore users = new UserStore(dataDir.resolve("users.json"), json);
    RevokedTokens revoked = new RevokedTokens(dataDir.resolve("revoked-tokens.json"), json, clock);
    TokenService tokens =
        new TokenService(TokenService.loadOrCreateKey(config.jwtSecret(), dataDir), config.tokenTtl(), clock);
    SettingsStore settings = new SettingsStore(dataDir.resolve("settings.json"), json, config.mode());

    ExecutorService requestThreads = WorkerThreads.create("px-http", config.platformThreads());
    ExecutorService handlerThreads = WorkerThreads.create("px-handler", config.platformThreads());
    ExecutorService operationThreads = WorkerThreads.create("px-ops", config.platformThreads());
    // app detail reads for listings: apart from operations, so a long deploy never delays a listing
    ExecutorService readThreads = WorkerThreads.create("px-reads", config.platformThreads());
    Proximity px = backend.proximity();
    AppAccess access = new AppAccess(px, users, settings);
    Deployments deployments = new Deployments(clock, SdkErrors::describe);

    AutoPilot autopilot = startAutoPilot(px, settings, audit, dataDir);

    Router router = new Router();
    new OpenApiEndpoint().register(router);
    new DashboardEndpoint().register(router);
    new SystemApi(px, autopilot, access, config, settings, audit, clock).register(router);
    new AuthApi(users, new PasswordHasher(), tokens, revoked, new LoginThrottle(5, Duration.ofMinutes(1), clock),
        audit, config.registration(), clock).register(router);
    new CatalogApi(backend.catalog()).register(router);
    new AppsApi(px, backend.shells(), access, deployments, audit, json, readThreads).register(router);
    new AppOpsApi(px, access, deployments, audit, operationThreads).register(router);

    Dispatcher dispatcher = new Dispatcher(router, json, new BearerAuthenticator(tokens, revoked, users),
        new AccessLog(json), handlerThreads, config.maxBodyBytes(), config.requestTimeout(), clock, SdkErrors::map);
    HttpServer httpServer;
    try {
      httpServer = HttpServer.create(new InetSocketAddress(config.listenAddress(), config.listenPort()), 128);
    } catch (IOException e) {
      requestThreads.shutdownNow();
      handlerThreads.shutdownNow();
      readThreads.shutdownNow();
      operationThreads.shutdownNow();
      autopilot.close();
      audit.close();
      throw new UncheckedIOException(
          "cannot listen on " + config.listenAddress() + ":" + config.listenPort() + " (" + e.getMessage() + ")", e);
    }
    httpServer.createContext("/", dispatcher);
    httpServer.setExecutor(requestThreads);
    httpServer.start();
    TaskDurationsSaver taskDurations = TaskDurationsSaver.start(px.pve(), Backend.taskDurationsFile(config), clock);
    ProximityServer server = new ProximityServer(config, httpServer, dispatcher, router, backend, deployments,
        autopilot, audit, taskDurations, List.of(handlerThreads, operationThreads, readThreads, requestThreads));
    log.info("listening on {} (data in {})", server.baseUri(), dataDir);
    return server;
  }

  /**
   * Creates and starts the AutoPilot (AUTO mode: Proxmox backup job, weekly update checks) in the
   * persisted mode. A refusal by Proxmox (e.g. a token without {@code Sys.Modify}) is logged and
   * leaves the server running, so that an admin can see and fix it.
   */
  private static AutoPilot startAutoPilot(Proximity px, SettingsStore settings, AuditTrail audit, Path dataDir) {
    AutoPilot autopilot = AutoPilot.builder(px)
        .stateFile(dataDir.resolve("autopilot.json"))
        .mode(settings.mode() == OperatingMode.AUTO ? AutoPilot.Mode.AUTO : AutoPilot.Mode.PRO)
        .addListener(new AutoPilotListener() {
          @Override
          public void onBackupRun(BackupRun run) {
            audit.record("autopilot", "autopilot.backup", "", "success", "", Map.of(
                "apps", Integer.toString(run.apps().size())));
          }

          @Override
          public void onUpdateAvailable(AppUpdate update) {
            audit.record("autopilot", "autopilot.update_available", update.app(), "success", "", Map.of(
                "from", update.deployedVersion(), "to", update.catalogVersion()));
          }
        })
        .build();
    try {
      autopilot.start();
    } catch (RuntimeException e) {
      log.error("the AutoPilot could not start; AUTO mode is not active: {}", e.getMessage());
    }
    return autopilot;
  }

  /**
   * Bounds how long a client may take to send a request, against slow-request attacks. Set before the
   * first server is created (the JDK reads them once); values already set by the operator win.
   */
  private static void configureHttpServerTimeouts() {
    System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", "30");
    System.getProperties().putIfAbsent("sun.net.httpserver.maxReqHeaders", "100");
    System.getProperties().putIfAbsent("sun.net.httpserver.idleInterval", "60");
  }

  /** @return the URL of the server, such as {@code http://127.0.0.1:8765} */
  public URI baseUri() {
    InetSocketAddress address = httpServer.getAddress();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort());
  }

  /** @return every registered route, for documentation and its test */
  public List<Route> routes() {
    return router.routes();
  }

  /** @return the SDK and its connections, for tests and embedding */
  public Backend backend() {
    return backend;
  }

  /** @return the configuration the server runs with */
  public ServerConfig config() {
    return config;
  }

  /**
   * Blocks until {@link #close()} has completed (for {@code main}).
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /**
   * Shuts down gracefully: refuses new requests, lets requests in flight finish within the grace
   * period, ends open event streams, then stops the listener and the threads. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    deployments.close();
    boolean drained = dispatcher.drain(config.shutdownGrace());
    if (!drained) {
      log.warn("shutdown: requests still running after {} s are abandoned", config.shutdownGrace().toSeconds());
    }
    httpServer.stop(0);
    executors.forEach(ExecutorService::shutdownNow);
    try {
      for (ExecutorService executor : executors) {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    autopilot.close();
    taskDurations.close();
    backend.close();  // the SDK saves the learned task durations as it closes
    audit.close();
    stopped.countDown();
    log.info("stopped");
  }
}
