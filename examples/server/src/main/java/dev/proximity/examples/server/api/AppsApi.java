package dev.proximity.examples.server.api;

import dev.proximity.App;
import dev.proximity.AppHandle;
import dev.proximity.AppNotFoundException;
import dev.proximity.AppSummary;
import dev.proximity.DeleteOption;
import dev.proximity.DeploySpec;
import dev.proximity.Proximity;
import dev.proximity.command.CommandTarget;
import dev.proximity.command.SafeCommandResult;
import dev.proximity.command.SafeCommands;
import dev.proximity.examples.server.audit.AuditTrail;
import dev.proximity.examples.server.auth.Caller;
import dev.proximity.examples.server.deploy.Deployment;
import dev.proximity.examples.server.deploy.Deployments;
import dev.proximity.examples.server.http.Access;
import dev.proximity.examples.server.http.ApiException;
import dev.proximity.examples.server.http.JsonCodec;
import dev.proximity.examples.server.http.Request;
import dev.proximity.examples.server.http.Response;
import dev.proximity.examples.server.http.Router;
import dev.proximity.spi.HostShellFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The app endpoints: list, get, deploy (asynchronous, with progress and an event stream), actions,
 * logs, safe commands and delete. Every endpoint checks ownership through {@link AppAccess}. Thread-safe.
 */
public final class AppsApi {
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final Object STOP = new Object();

  private final Proximity px;
  private final HostShellFactory shells;
  private final AppAccess access;
  private final Deployments deployments;
  private final AuditTrail audit;
  private final JsonCodec json;
  private final Executor readThreads;

  /**
   * Creates the endpoints.
   *
   * @param px the SDK
   * @param shells the SSH shells the safe commands run on
   * @param access ownership and mode checks
   * @param deployments the deployment tracker
   * @param audit the audit log
   * @param json the codec for event data
   * @param readThreads runs the per-app reads of a listing
   */
  public AppsApi(Proximity px, HostShellFactory shells, AppAccess access, Deployments deployments,
      AuditTrail audit, JsonCodec json, Executor readThreads) {
    this.px = px;
    this.shells = shells;
    this.access = access;
    this.deployments = deployments;
    this.audit = audit;
    this.json = json;
    this.readThreads = readThreads;
  }

  /**
   * Registers the endpoints.
   *
   * @param router the route table
   */
  public void register(Router router) {
    router.add("GET", "/api/v1/apps", Access.USER, this::list);
    router.add("POST", "/api/v1/apps", Access.USER, this::deploy);
    router.add("GET", "/api/v1/apps/{id}", Access.USER, this::get);
    router.add("DELETE", "/api/v1/apps/{id}", Access.USER, this::delete);
    router.add("POST", "/api/v1/apps/{id}/actions", Access.USER, this::action);
    router.add("GET", "/api/v1/apps/{id}/logs", Access.USER, this::logs);
    router.add("GET", "/api/v1/apps/{id}/commands/{name}", Access.USER, this::command);
    router.add("GET", "/api/v1/deployments/{id}", Access.USER, r -> Response.ok(deployment(r).view()));
    router.add("DELETE", "/api/v1/deployments/{id}", Access.USER, this::cancel);
    router.addStream("/api/v1/deployments/{id}/events", Access.USER, this::events);
  }

  /**
   * Lists the caller's apps: the one-request listing says which they are (by the owner it
   * carries), then only those are read in full, concurrently, for the addresses and URLs the
   * dashboard shows. An app deleted in between is left out.
   */
  private Response list(Request request) {
    Caller caller = request.caller();
    List<CompletableFuture<Optional<App>>> reads = new ArrayList<>();
    for (AppSummary app : px.apps()) {
      if (access.mayManage(caller, app)) {
        String ref = Integer.toString(app.vmid());
        reads.add(CompletableFuture.supplyAsync(
            () -> px.findApp(ref).map(AppHandle::info), readThreads));
      }
    }
    List<AppViews.AppView> items = new ArrayList<>();
    for (CompletableFuture<Optional<App>> read : reads) {
      try {
        // the manifest is the source of truth: a tag edited by hand never shows another's app
        read.join().filter(app -> access.mayManage(caller, app))
            .ifPresent(app -> items.add(AppViews.app(app, access::ownerName)));
      } catch (CompletionException e) {
        if (e.getCause() instanceof AppNotFoundException) {
          continue; // deleted between the listing and its read
        }
        throw e.getCause() instanceof RuntimeException re ? re : e;
      }
    }
    return Response.ok(Map.of("items", items, "total", items.size()));
  }

  private Response get(Request request) {
    AppAccess.Owned owned = access.find(request.caller(), request.pathParam("id"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("app", AppViews.app(owned.app(), access::ownerName));
    body.put("services", owned.handle().services().stream().map(AppViews::service).toList());
    return Response.ok(body);
  }

  private Response deploy(Request request) {
    Caller caller = request.caller();
    DeployRequest body = request.body(DeployRequest.class);
    String name = AppAccess.validName("hostname", body.hostname());
    if (body.node() != null && !body.node().matches("[a-zA-Z0-9][a-zA-Z0-9.-]{0,62}")) {
      throw ApiException.invalidField("node", "must be a Proxmox node name");
    }
    if (px.catalog().find(body.catalogId()).isEmpty()) {
      throw ApiException.invalidField("catalog_id", "no catalog entry '" + body.catalogId() + "'; see GET /api/v1/catalog");
    }
    if (deployments.deploying(name) || px.findApp(name).isPresent()) {
      throw ApiException.conflict("an app named '" + name + "' already exists; choose another hostname",
          Map.of("field", "hostname"));
    }
    DeploySpec spec = px.deploy(body.catalogId()).named(name).ownedBy(caller.userId());
    if (body.node() != null) {
      spec = spec.onNode(body.node());
    }
    if (body.resources() != null) {
      spec = spec.withResources(body.resources()::applyTo);
    }
    for (Map.Entry<String, String> parameter : body.parameters().entrySet()) {
      spec = spec.withParameter(parameter.getKey(), parameter.getValue());
    }
    spec.plan(); // validates parameters, resources and placement now, so that mistakes are a 400 here
    DeploySpec ready = spec;
    Deployment deployment = deployments.start("deploy", caller.userId(), caller.username(), name, body.catalogId(),
        listener -> ready.onProgress(listener::accept).startAsync(),
        (d, error) -> audit.record(caller.username(), "app.deploy", name, error == null ? "success" : "failure",
            request.remoteAddress(), Map.of("catalog_id", body.catalogId(), "deployment", d.id())));
    audit.record(caller.username(), "app.deploy", name, "accepted", request.remoteAddress(),
        Map.of("catalog_id", body.catalogId(), "deployment", deployment.id()));
    return accepted(deployment);
  }

  /**
   * The 202 answer for an accepted asynchronous operation.
   *
   * @param deployment the tracked operation
   * @return the response with a Location header
   */
  static Response accepted(Deployment deployment) {
    String location = "/api/v1/deployments/" + deployment.id();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("deployment_id", deployment.id());
    body.put("app", deployment.app());
    body.put("status_url", location);
    body.put("events_url", location + "/events");
    return Response.json(202, body).withHeader("Location", location);
  }

  private Response delete(Request request) {
    Caller caller = request.caller();
    AppAccess.Owned owned = access.find(caller, request.pathParam("id"));
    List<DeleteOption> options = new ArrayList<>();
    if (flag(request, "force")) {
      options.add(DeleteOption.FORCE);
    }
    if (flag(request, "with_backups")) {
      options.add(DeleteOption.WITH_BACKUPS);
    }
    owned.handle().delete(options.toArray(new DeleteOption[0]));
    audit.record(caller.username(), "app.delete", owned.app().name(), "success", request.remoteAddress(),
        Map.of("options", options.toString()));
    return Response.empty(204);
  }

  private Response action(Request request) {
    Caller caller = request.caller();
    ActionRequest body = request.body(ActionRequest.class);
    AppAccess.Owned owned = access.find(caller, request.pathParam("id"));
    AppHandle handle = owned.handle();
    String action = body.action().toLowerCase(Locale.ROOT);
    switch (action) {
      case "start" -> handle.start();
      case "stop" -> handle.stop();
      case "restart" -> handle.restart();
      case "shutdown" -> handle.shutdown(Duration.ofSeconds(body.timeoutSeconds() == null ? 60 : body.timeoutSeconds()));
      default -> throw ApiException.invalidField("action", "must be start, stop, restart or shutdown");
    }
    audit.record(caller.username(), "app." + action, owned.app().name(), "success", request.remoteAddress(), Map.of());
    return Response.ok(AppViews.app(handle.info(), access::ownerName));
  }

  private Response logs(Request request) {
    AppAccess.Owned owned = access.find(request.caller(), request.pathParam("id"));
    int tail = request.queryInt("tail", 100, 1, 10_000);
    List<String> lines = owned.handle().logs(tail);
    return Response.ok(Map.of("app", owned.app().name(), "lines", lines));
  }

  private Response command(Request request) {
    Caller caller = request.caller();
    AppAccess.Owned owned = access.find(caller, request.pathParam("id"));
    App app = owned.app();
    String name = request.pathParam("name");
    CommandTarget target = new CommandTarget(app.node(), app.vmid(), app.name());
    SafeCommandResult result = SafeCommands.run(shells.forNode(app.node()), target, name, request.queryParams(),
        caller.username(), audit.sink(), SafeCommands.DEFAULT_TIMEOUT);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("app", app.name());
    body.put("command", result.command().name());
    body.put("parameters", result.command().parameters());
    body.put("exit_code", result.exitCode());
    body.put("output", result.output());
    body.put("errors", result.errors());
    body.put("truncated", result.truncated());
    body.put("output_bytes", result.outputBytes());
    body.put("duration_ms", result.duration().toMillis());
    return Response.ok(body);
  }

  private Deployment deployment(Request request) {
    String id = request.pathParam("id");
    Caller caller = request.caller();
    Deployment deployment = deployments.find(id).orElseThrow(() -> ApiException.notFound("deployment '" + id + "'"));
    if (!caller.isAdmin() && !deployment.ownerId().equals(caller.userId())) {
      throw ApiException.notFound("deployment '" + id + "'");
    }
    return deployment;
  }

  private Response cancel(Request request) {
    Deployment deployment = deployment(request);
    if (!deployment.cancel()) {
      throw ApiException.conflict("deployment '" + deployment.id() + "' is not running (" + deployment.state()
          .wireName() + ")", Map.of("state", deployment.state().wireName()));
    }
    audit.record(request.caller().username(), "app.deploy.cancel", deployment.app(), "success",
        request.remoteAddress(), Map.of("deployment", deployment.id()));
    return Response.json(202, deployment.view());
  }

  private Response events(Request request) {
    Deployment deployment = deployment(request);
    int lastSeen = request.header("Last-Event-ID").map(AppsApi::parseIntOrMinusOne).orElse(-1);
    return Response.stream("text/event-stream; charset=utf-8", out -> stream(deployment, lastSeen + 1, out));
  }

  private void stream(Deployment deployment, int from, OutputStream out) throws IOException {
    BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    Runnable unwatch = deployment.watch(d -> signals.offer(Boolean.TRUE));
    Runnable unclose = deployments.onClose(() -> signals.offer(STOP));
    try {
      int sent = Math.max(0, from);
      write(out, "retry: 2000\n\n");
      while (true) {
        Deployment.View view = deployment.view();
        while (sent < view.steps().size()) {
          write(out, "id: " + sent + "\nevent: progress\ndata: " + json.encodeToString(view.steps().get(sent)) + "\n\n");
          sent++;
        }
        if (!view.state().equals(Deployment.State.RUNNING.wireName())) {
          write(out, "id: " + sent + "\nevent: " + view.state() + "\ndata: " + json.encodeToString(view) + "\n\n");
          return;
        }
        Object signal = signals.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        if (signal == STOP) {
          return;
        }
        if (signal == null) {
          write(out, ": keep-alive\n\n");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      unwatch.run();
      unclose.run();
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static int parseIntOrMinusOne(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean flag(Request request, String name) {
    String value = request.query(name).orElse("false");
    if (!value.equals("true") && !value.equals("false")) {
      throw ApiException.invalidField(name, "must be true or false");
    }
    return value.equals("true");
  }

  /**
   * The body of {@code POST /api/v1/apps}.
   *
   * @param catalogId the catalog entry to deploy
   * @param hostname the app name, which becomes the container's hostname
   * @param node the node to place it on, or null to let the SDK choose
   * @param resources resources, or null for the catalog's recommendation
   * @param parameters parameter values by name; secrets are never stored in the manifest
   */
  public record DeployRequest(String catalogId, String hostname, String node, ResourceRequest resources,
      Map<String, String> parameters) {
    /** Checks the required fields and copies the parameters. */
    public DeployRequest {
      if (catalogId == null || catalogId.isBlank()) {
        throw new IllegalArgumentException("catalog_id is required");
      }
      if (hostname == null) {
        throw new IllegalArgumentException("hostname is required");
      }
      parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** Shows parameter names only: values may be secrets. */
    @Override
    public String toString() {
      return "DeployRequest[" + catalogId + ", " + hostname + ", parameters=" + parameters.keySet() + "]";
    }
  }

  /**
   * Resources for a deploy or a resize; absent fields keep their current or recommended value.
   *
   * @param cores cores
   * @param memoryMb memory in MiB
   * @param diskGb root disk in GiB (can only grow)
   * @param swapMb swap in MiB
   */
  public record ResourceRequest(Integer cores, Integer memoryMb, Integer diskGb, Integer swapMb) {
    /**
     * Applies the given fields to a builder.
     *
     * @param builder the SDK's resources builder
     */
    public void applyTo(dev.proximity.Resources.Builder builder) {
      if (cores != null) {
        builder.cores(cores);
      }
      if (memoryMb != null) {
        builder.memoryMb(memoryMb);
      }
      if (diskGb != null) {
        builder.diskGb(diskGb);
      }
      if (swapMb != null) {
        builder.swapMb(swapMb);
      }
    }

    /** @return whether no field is set */
    public boolean isEmpty() {
      return cores == null && memoryMb == null && diskGb == null && swapMb == null;
    }
  }

  /**
   * The body of {@code POST /api/v1/apps/{id}/actions}.
   *
   * @param action start, stop, restart or shutdown
   * @param timeoutSeconds for shutdown: how long to wait for a clean stop (default 60)
   */
  public record ActionRequest(String action, Integer timeoutSeconds) {
    /** Checks the fields. */
    public ActionRequest {
      if (action == null) {
        throw new IllegalArgumentException("action is required (start, stop, restart or shutdown)");
      }
      if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > 3600)) {
        throw new IllegalArgumentException("timeout_seconds must be between 1 and 3600");
      }
    }
  }
}
