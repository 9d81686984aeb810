package dev.proximity.examples.server.api;

import dev.proximity.AppSummary;
import dev.proximity.AppStatus;
import dev.proximity.Proximity;
import dev.proximity.examples.server.audit.AuditTrail;
import dev.proximity.examples.server.auth.Caller;
import dev.proximity.examples.server.config.OperatingMode;
import dev.proximity.examples.server.config.ServerConfig;
import dev.proximity.examples.server.http.Access;
import dev.proximity.examples.server.http.ApiException;
import dev.proximity.examples.server.http.Request;
import dev.proximity.examples.server.http.Response;
import dev.proximity.examples.server.http.Router;
import dev.proximity.examples.server.http.WorkerThreads;
import dev.proximity.examples.server.store.SettingsStore;
import dev.proximity.scheduler.AutoPilot;
import dev.proximity.scheduler.AutoPilotStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health, server information, settings, the mode switch and the audit log.
 *
 * <p>Thread-safe.
 */
public final class SystemApi {
  private final Proximity px;
  private final AutoPilot autopilot;
  private final AppAccess access;
  private final ServerConfig config;
  private final SettingsStore settings;
  private final AuditTrail audit;
  private final Clock clock;
  private final Instant startedAt;

  /**
   * Creates the endpoints.
   *
   * @param px the SDK
   * @param autopilot runs AUTO mode; switched with the mode
   * @param access decides which apps the caller sees, for the counts
   * @param config the configuration
   * @param settings the run-time settings
   * @param audit the audit log
   * @param clock the clock
   */
  public SystemApi(Proximity px, AutoPilot autopilot, AppAccess access, ServerConfig config, SettingsStore settings, AuditTrail audit, Clock clock) {
    this.px = px;
    this.autopilot = autopilot;
    this.access = access;
    this.config = config;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  /**
   * Registers the endpoints.
   *
   * @param router the route table
   */
  public void register(Router router) {
    router.add("GET", "/health", Access.PUBLIC, r -> Response.ok(Map.of("status", "ok")));
    router.add("GET", "/api/v1/system/info", Access.USER, this::info);
    router.add("GET", "/api/v1/system/nodes", Access.USER, r -> Response.ok(Map.of("items", nodes())));
    router.add("GET", "/api/v1/system/settings", Access.ADMIN, r -> Response.ok(settingsView()));
    router.add("PUT", "/api/v1/system/settings/mode", Access.ADMIN, this::setMode);
    router.add("GET", "/api/v1/system/audit", Access.ADMIN, this::auditPage);
  }

  /**
   * The server part of {@code GET /api/v1/system/info}.
   *
   * @return version, mode, runtime and uptime facts
   */
  public Map<String, Object> serverInfo() {
    Map<String, Object> info = new LinkedHashMap<>();
    String version = SystemApi.class.getPackage().getImplementationVersion();
    info.put("version", version == null ? "dev" : version);
    info.put("mode", settings.mode().name());
    info.put("demo", config.demo());
    info.put("java_version", Runtime.version().toString());
    info.put("virtual_threads", WorkerThreads.virtualThreadsAvailable());
    info.put("started_at", startedAt.toString());
    AutoPilotStatus status = autopilot.status();
    status.nextBackup().ifPresent(t -> info.put("next_backup", t.toString()));
    status.nextUpdateCheck().ifPresent(t -> info.put("next_update_check", t.toString()));
    info.put("uptime_seconds", Duration.between(startedAt, clock.instant()).toSeconds());
    return info;
  }

  private Response info(Request request) {
    Caller caller = request.caller();
    Map<String, Object> info = serverInfo();
    List<AppSummary> apps = px.apps().stream().filter(a -> access.mayManage(caller, a)).toList();
    info.put("apps", apps.size());
    info.put("apps_running", apps.stream().filter(a -> a.status() == AppStatus.RUNNING).count());
    List<NodeView> nodes = nodes();
    info.put("nodes", nodes.size());
    info.put("nodes_online", nodes.stream().filter(n -> n.status().equals("online")).count());
    return Response.ok(info);
  }

  private List<NodeView> nodes() {
    return px.pve().nodes().stream()
        .map(n -> new NodeView(n.node(), n.status(), n.cpu(), n.maxCpu(), n.mem(), n.maxMem(), n.uptime()))
        .sorted(java.util.Comparator.comparing(NodeView::name))
        .toList();
  }

  /**
   * A cluster node.
   *
   * @param name the node name
   * @param status online or offline
   * @param cpu CPU use, 0..1
   * @param maxCpu cores
   * @param memoryBytes memory in use
   * @param maxMemoryBytes memory size
   * @param uptimeSeconds uptime
   */
  public record NodeView(String name, String status, double cpu, int maxCpu, long memoryBytes, long maxMemoryBytes,
      long uptimeSeconds) {}

  private Map<String, Object> settingsView() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("mode", settings.mode().name());
    view.put("registration", config.registration().name().toLowerCase(java.util.Locale.ROOT));
    view.put("token_ttl_seconds", config.tokenTtl().toSeconds());
    view.put("max_body_bytes", config.maxBodyBytes());
    view.put("request_timeout_seconds", config.requestTimeout().toSeconds());
    view.put("demo", config.demo());
    config.pveUrl().ifPresent(u -> view.put("pve_url", u.toString()));
    view.put("autopilot", autopilotView());
    return view;
  }

  private Map<String, Object> autopilotView() {
    AutoPilotStatus status = autopilot.status();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("mode", status.mode().name());
    view.put("backup_strategy", status.backupStrategy().name().toLowerCase(java.util.Locale.ROOT));
    status.nextBackup().ifPresent(t -> view.put("next_backup", t.toString()));
    status.nextUpdateCheck().ifPresent(t -> view.put("next_update_check", t.toString()));
    status.lastBackupRun().ifPresent(r -> view.put("last_backup_run", r.finishedAt().toString()));
    status.lastUpdateCheck().ifPresent(r -> {
      view.put("last_update_check", r.checkedAt().toString());
      view.put("updates_available", r.apps().stream().filter(u -> u.problem() == null
          && !u.deployedVersion().equals(u.catalogVersion())).count());
    });
    return view;
  }

  private Response setMode(Request request) {
    ModeRequest body = request.body(ModeRequest.class);
    OperatingMode mode;
    try {
      mode = OperatingMode.parse(body.mode());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("mode", "must be AUTO or PRO");
    }
    Caller caller = request.caller();
    // Switch the AutoPilot first: if Proxmox refuses (e.g. the backup job), the mode stays as it was.
    autopilot.switchTo(mode == OperatingMode.AUTO ? AutoPilot.Mode.AUTO : AutoPilot.Mode.PRO);
    OperatingMode previous = settings.setMode(mode);
    audit.record(caller.username(), "settings.mode", "mode", "success", request.remoteAddress(),
        Map.of("from", previous.name(), "to", mode.name()));
    return Response.ok(settingsView());
  }

  private Response auditPage(Request request) {
    int offset = request.queryInt("offset", 0, 0, Integer.MAX_VALUE);
    int limit = request.queryInt("limit", 50, 1, 500);
    return Response.ok(audit.page(offset, limit));
  }

  /**
   * The body of {@code PUT /api/v1/system/settings/mode}.
   *
   * @param mode {@code AUTO} or {@code PRO}
   */
  public record ModeRequest(String mode) {
    /** Checks that the mode is present. */
    public ModeRequest {
      if (mode == null) {
        throw new IllegalArgumentException("mode is required (AUTO or PRO)");
      }
    }
  }
}
