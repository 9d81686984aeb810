package dev.proximity.examples.server.api;

import dev.proximity.App;
import dev.proximity.AppHandle;
import dev.proximity.AppSummary;
import dev.proximity.Backup;
import dev.proximity.Proximity;
import dev.proximity.examples.server.audit.AuditTrail;
import dev.proximity.examples.server.auth.Caller;
import dev.proximity.examples.server.deploy.Deployment;
import dev.proximity.examples.server.deploy.Deployments;
import dev.proximity.examples.server.http.Access;
import dev.proximity.examples.server.http.ApiException;
import dev.proximity.examples.server.http.Request;
import dev.proximity.examples.server.http.Response;
import dev.proximity.examples.server.http.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The maintenance endpoints of an app: clone, resources, backups, restore, updates. Clone, resource
 * edits and manual backups are PRO-mode operations. Thread-safe.
 */
public final class AppOpsApi {
  private static final Duration DELETE_TIMEOUT = Duration.ofMinutes(5);

  private final Proximity px;
  private final AppAccess access;
  private final Deployments deployments;
  private final AuditTrail audit;
  private final ExecutorService operations;

  /**
   * Creates the endpoints.
   *
   * @param px the SDK
   * @param access ownership and mode checks
   * @param deployments tracks updates like deploys
   * @param audit the audit log
   * @param operations runs blocking SDK operations that the API answers with 202
   */
  public AppOpsApi(Proximity px, AppAccess access, Deployments deployments, AuditTrail audit,
      ExecutorService operations) {
    this.px = px;
    this.access = access;
    this.deployments = deployments;
    this.audit = audit;
    this.operations = operations;
  }

  /**
   * Registers the endpoints.
   *
   * @param router the route table
   */
  public void register(Router router) {
    router.add("POST", "/api/v1/apps/{id}/clone", Access.USER, this::cloneApp);
    router.add("PUT", "/api/v1/apps/{id}/resources", Access.USER, this::resize);
    router.add("GET", "/api/v1/apps/{id}/backups", Access.USER, this::backups);
    router.add("POST", "/api/v1/apps/{id}/backups", Access.USER, this::backup);
    router.add("POST", "/api/v1/apps/{id}/backups/{backup}/restore", Access.USER, this::restore);
    router.add("DELETE", "/api/v1/apps/{id}/backups/{backup}", Access.USER, this::deleteBackup);
    router.add("POST", "/api/v1/apps/{id}/update", Access.USER, this::update);
    router.add("GET", "/api/v1/apps/updates", Access.USER, this::updates);
  }

  private Response cloneApp(Request request) {
    Caller caller = request.caller();
    CloneRequest body = request.body(CloneRequest.class);
    String name = AppAccess.validName("hostname", body.hostname());
    access.requirePro("clone");
    AppAccess.Owned owned = access.find(caller, request.pathParam("id"));
    if (px.findApp(name).isPresent()) {
      throw ApiException.conflict("an app named '" + name + "' already exists", Map.of("field", "hostname"));
    }
    App clone = owned.handle().clone(name);
    audit.record(caller.username(), "app.clone", owned.app().name(), "success", request.remoteAddress(),
        Map.of("clone", clone.name()));
    return Response.json(201, AppViews.app(clone, access::ownerName));
  }

  private Response resize(Request request) {
    Caller caller = request.caller();
    AppsApi.ResourceRequest body = request.body(AppsApi.ResourceRequest.class);
    if (body.isEmpty()) {
      throw ApiException.badRequest("give at least one of cores, memory_mb, disk_gb, swap_mb");
    }
    access.requirePro("resource editing");
    AppAccess.Owned owned = access.find(caller, request.pathParam("id"));
    App resized = owned.handle().resize(body::applyTo);
    audit.record(caller.username(), "app.resize", owned.app().name(), "success", request.remoteAddress(),
        resourceDetails(body));
    return Response.ok(AppViews.app(resized, access::ownerName));
  }

  private Response backups(Request request) {
    AppAccess.Owned owned = access.find(request.caller(), request.pathParam("id"));
    List<AppViews.BackupView> items = owned.handle().backups().stream().map(AppViews::backup).toList();
    return Response.ok(Map.of("app", owned.app().name(), "items", items));
  }

  private Response backup(Request request) {
    Caller caller = request.caller();
    BackupRequest body = request.hasBody() ? request.body(BackupRequest.class) : new BackupRequest(null);
    access.requirePro("a manual backup");
    AppAccess.Owned owned = access.find(caller, request.pathParam("id"));
    Backup backup = owned.handle().backup(body.notes() == null ? "manual backup by " + caller.username() : body.notes());
    audit.record(caller.username(), "app.backup", owned.app().name(), "success", request.remoteAddress(),
        Map.of("backup", backup.volid()));
    return Response.json(201, AppViews.backup(backup));
  }

  private Response restore(Request request) {
    Caller caller = request.caller();
    RestoreRequest body = request.hasBody() ? request.body(RestoreRequest.class) : new RestoreRequest(null);
    AppAccess.Owned owned = access.find(caller, request.pathParam("id"));
    Backup backup = findBackup(owned.handle(), request.pathParam("backup"));
    App restored;
    if (body.hostname() != null) {
      String name = AppAccess.validName("hostname", body.hostname());
      restored = owned.handle().restoreAs(backup.volid(), name);
    } else {
      restored = owned.handle().restore(backup.volid());
    }
    audit.record(caller.username(), "app.restore", owned.app().name(), "success", request.remoteAddress(),
        Map.of("backup", backup.volid(), "into", restored.name()));
    return Response.ok(AppViews.app(restored, access::ownerName));
  }

  private Response deleteBackup(Request request) {
    Caller caller = request.caller();
    AppAccess.Owned owned = access.find(caller, request.pathParam("id"));
    Backup backup = findBackup(owned.handle(), request.pathParam("backup"));
    px.pve().node(backup.node()).storage(backup.storage()).deleteContent(backup.volid())
        .ifPresent(task -> task.await(DELETE_TIMEOUT));
    audit.record(caller.username(), "app.backup.delete", owned.app().name(), "success", request.remoteAddress(),
        Map.of("backup", backup.volid()));
    return Response.empty(204);
  }

  private Response update(Request request) {
    Caller caller = request.caller();
    AppAccess.Owned owned = access.find(caller, request.pathParam("id"));
    AppHandle handle = owned.handle();
    String name = owned.app().name();
    Optional<String> available = handle.availableUpdate();
    if (available.isEmpty()) {
      throw ApiException.conflict("app '" + name + "' is at the catalog's version " + owned.app().version(),
          Map.of("version", owned.app().version()));
    }
    if (deployments.deploying(name)) {
      throw ApiException.conflict("an operation on app '" + name + "' is already running", Map.of());
    }
    Deployment deployment = deployments.start("update", caller.userId(), caller.username(), name,
        owned.app().catalogId(),
        listener -> CompletableFuture.supplyAsync(() -> handle.update(listener::accept), operations),
        (d, error) -> audit.record(caller.username(), "app.update", name, error == null ? "success" : "failure",
            request.remoteAddress(), Map.of("to", available.get(), "deployment", d.id())));
    return AppsApi.accepted(deployment);
  }

  private Response updates(Request request) {
    Caller caller = request.caller();
    List<Map<String, Object>> items = new ArrayList<>();
    for (AppSummary app : px.apps()) {
      if (!access.mayManage(caller, app)) {
        continue;
      }
      Optional<String> available = px.app(app.name()).availableUpdate();
      if (available.isPresent()) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("app", app.name());
        item.put("catalog_id", app.catalogId());
        item.put("current_version", app.version());
        item.put("available_version", available.get());
        items.add(item);
      }
    }
    return Response.ok(Map.of("items", items, "total", items.size()));
  }

  private static Backup findBackup(AppHandle handle, String id) {
    return handle.backups().stream().filter(b -> b.volid().equals(id)).findFirst()
        .orElseThrow(() -> ApiException.notFound("backup '" + id + "' of this app"));
  }

  private static Map<String, String> resourceDetails(AppsApi.ResourceRequest body) {
    Map<String, String> details = new LinkedHashMap<>();
    if (body.cores() != null) {
      details.put("cores", body.cores().toString());
    }
    if (body.memoryMb() != null) {
      details.put("memory_mb", body.memoryMb().toString());
    }
    if (body.diskGb() != null) {
      details.put("disk_gb", body.diskGb().toString());
    }
    if (body.swapMb() != null) {
      details.put("swap_mb", body.swapMb().toString());
    }
    return details;
  }

  /**
   * The body of {@code POST /api/v1/apps/{id}/clone}.
   *
   * @param hostname the name of the clone
   */
  public record CloneRequest(String hostname) {
    /** Checks the field. */
    public CloneRequest {
      if (hostname == null) {
        throw new IllegalArgumentException("hostname is required");
      }
    }
  }

  /**
   * The optional body of {@code POST /api/v1/apps/{id}/backups}.
   *
   * @param notes notes stored with the backup
   */
  public record BackupRequest(String notes) {
    /** Checks the field. */
    public BackupRequest {
      if (notes != null && notes.length() > 500) {
        throw new IllegalArgumentException("notes must be at most 500 characters");
      }
    }
  }

  /**
   * The optional body of {@code POST /api/v1/apps/{id}/backups/{backup}/restore}.
   *
   * @param hostname restore into a new app of this name instead of over the app
   */
  public record RestoreRequest(String hostname) {}
}
