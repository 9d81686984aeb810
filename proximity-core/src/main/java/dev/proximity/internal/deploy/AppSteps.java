package dev.proximity.internal.deploy;

import dev.proximity.AppManifest;
import dev.proximity.OperationTimeoutException;
import dev.proximity.RunningImage;
import dev.proximity.ServiceStatus;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.AppTemplate;
import dev.proximity.spi.CommandResult;
import dev.proximity.spi.HostShell;
import dev.proximity.spi.RenderedApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The steps inside an app container, exactly as docs/container-contract.md lists them. */
final class AppSteps {
  private static final Logger log = LoggerFactory.getLogger(AppSteps.class);
  static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);
  static final Duration COMPOSE_TIMEOUT = Duration.ofMinutes(20);
  private static final byte[] INSTALL_SCRIPT = loadInstallScript();

  private final Context ctx;

  AppSteps(Context ctx) {
    this.ctx = ctx;
  }

  static byte[] installScript() {
    return INSTALL_SCRIPT.clone();
  }

  /** Installs Docker with the fixed script unless {@code docker version} already succeeds. */
  void installDocker(Operation op, String node, int vmid) {
    HostShell sh = ctx.shell(node);
    if (sh.exec(vmid, ContainerContract.DOCKER_VERSION, ctx.settings().commandTimeout()).ok()) {
      return;
    }
    sh.exec(vmid, List.of("mkdir", "-p", "/opt/proximity"), ctx.settings().commandTimeout());
    sh.push(vmid, INSTALL_SCRIPT, ContainerContract.INSTALL_SCRIPT, 0700);
    CommandResult r = sh.exec(vmid, ContainerContract.INSTALL_DOCKER,
        Containers.min(INSTALL_TIMEOUT, atLeastOneSecond(op)));
    check(r, "the Docker install script", vmid);
  }

  /** Pushes compose.yaml and secrets.json (0600) and manifest.json (0644). */
  void push(String node, int vmid, String composeYaml, Map<String, String> secrets,
      AppManifest manifest) {
    HostShell sh = ctx.shell(node);
    check(sh.exec(vmid, ContainerContract.MKDIR, ctx.settings().commandTimeout()), "mkdir", vmid);
    sh.push(vmid, composeYaml.getBytes(StandardCharsets.UTF_8), ContainerContract.COMPOSE_FILE,
        0600);
    sh.push(vmid, Secrets.encode(secrets), ContainerContract.SECRETS_FILE, 0600);
    sh.push(vmid, Manifests.toJson(manifest).getBytes(StandardCharsets.UTF_8),
        ContainerContract.MANIFEST_FILE, 0644);
  }

  /**
   * The values an app was rendered with: the public ones from its manifest, the secrets read back
   * from the container, limited to the parameters the entry declares now.
   */
  Map<String, String> renderedValues(String node, int vmid, AppManifest manifest,
      AppTemplate entry) {
    Map<String, String> values = new HashMap<>(manifest.parameters());
    values.putAll(Secrets.decode(read(node, vmid, ContainerContract.SECRETS_FILE)));
    values.keySet().retainAll(entry.parameters().stream().map(AppParameter::name).toList());
    return values;
  }

  /**
   * Pushes a rendered app (compose file, secrets and a manifest of its public values only) and
   * returns that manifest; creation time and owner carry over from {@code previous}.
   */
  AppManifest pushRendered(String node, int vmid, RenderedApp rendered, AppManifest previous) {
    AppManifest next = new AppManifest(rendered.templateId(), rendered.templateVersion(),
        rendered.publicParameters(), Manifests.sha256(rendered.composeYaml()),
        previous.createdAt(), previous.owner());
    push(node, vmid, rendered.composeYaml(), rendered.secrets(), next);
    return next;
  }

  /** Pulls images. */
  void pull(Operation op, String node, int vmid) {
    check(ctx.shell(node).exec(vmid, ContainerContract.PULL,
        Containers.min(COMPOSE_TIMEOUT, atLeastOneSecond(op))), "docker compose pull", vmid);
  }

  /**
   * Runs {@code docker compose up -d --remove-orphans}.
   *
   * @return when it returned, by {@link System#nanoTime()}: every container it started had started
   *     by then, so their health checks run at known times after it ({@link #waitHealthy})
   */
  long up(Operation op, String node, int vmid) {
    check(ctx.shell(node).exec(vmid, ContainerContract.UP,
        Containers.min(COMPOSE_TIMEOUT, atLeastOneSecond(op))), "docker compose up", vmid);
    return System.nanoTime();
  }

  /** Runs {@code docker compose down}. */
  void down(String node, int vmid) {
    check(ctx.shell(node).exec(vmid, ContainerContract.DOWN, COMPOSE_TIMEOUT),
        "docker compose down", vmid);
  }

  /** Reads the service states. */
  List<ServiceStatus> services(String node, int vmid) {
    CommandResult r = ctx.shell(node).exec(vmid, ContainerContract.PS,
        ctx.settings().commandTimeout());
    check(r, "docker compose ps", vmid);
    return ComposeStatus.parse(r.stdout());
  }

  /**
   * Reads the image each service's container was created from, with its registry digests: the
   * Compose containers, then the image id of each container, then the RepoDigests of those images
   * (three fixed, read-only commands; ids are validated before they enter an argv).
   */
  List<RunningImage> runningImages(String node, int vmid) {
    HostShell shell = ctx.shell(node);
    Duration timeout = ctx.settings().commandTimeout();
    CommandResult ps = shell.exec(vmid, ContainerContract.PS, timeout);
    check(ps, "docker compose ps", vmid);
    List<ComposeStatus.Container> containers = ComposeStatus.containers(ps.stdout()).stream()
        .filter(c -> !c.containerId().isEmpty()).toList();
    if (containers.isEmpty()) {
      return List.of();
    }
    CommandResult ci = shell.exec(vmid, ContainerContract.containerImages(
        containers.stream().map(ComposeStatus.Container::containerId).toList()), timeout);
    check(ci, "docker container inspect", vmid);
    Map<String, String> imageOf = new java.util.HashMap<>();
    for (String line : ci.stdout().split("\n")) {
      String[] parts = line.trim().split(" ", 2);
      if (parts.length == 2) {
        imageOf.put(parts[0], parts[1].trim());
      }
    }
    List<String> imageIds = imageOf.values().stream().distinct().sorted().toList();
    Map<String, List<String>> digests = new java.util.HashMap<>();
    if (!imageIds.isEmpty()) {
      CommandResult ii = shell.exec(vmid, ContainerContract.imageDigests(imageIds), timeout);
      check(ii, "docker image inspect", vmid);
      for (String line : ii.stdout().split("\n")) {
        String[] parts = line.trim().split(" ", 2);
        if (parts.length == 2) {
          digests.put(parts[0], parseStrings(parts[1]));
        }
      }
    }
    List<RunningImage> out = new java.util.ArrayList<>();
    for (ComposeStatus.Container c : containers) {
      // compose ps shows short or full ids; inspect prints full ones
      String imageId = imageOf.entrySet().stream().filter(e -> e.getKey().startsWith(c.containerId()))
          .map(Map.Entry::getValue).findFirst().orElse("");
      out.add(new RunningImage(c.service(), c.state(), c.image(), imageId,
          digests.getOrDefault(imageId, List.of())));
    }
    return List.copyOf(out);
  }

  private static List<String> parseStrings(String json) {
    try {
      List<String> out = new java.util.ArrayList<>();
      dev.proximity.internal.json.Json.mapper().readTree(json).forEach(n -> out.add(n.asText()));
      return out;
    } catch (IOException e) {
      return List.of(); // "null" or garbage: no digests recorded
    }
  }

  /**
   * Waits until every service is running and healthy. Fails at once when a service exited or is
   * unhealthy, with the services' log tail.
   *
   * <p>A service's health changes only when Docker runs its check, at times fixed by the check's
   * configuration and the container's start. So the first look is at once (a service without a
   * check is healthy as soon as it runs; a crash shows), and while a service is starting its
   * containers' check configuration is read once and the next looks go right after its check
   * instants, counted from when {@code up} returned ({@link WaitSchedule#health}). Where that is not
   * known, the looks follow the blind schedule.
   *
   * @param upReturnedNanos when {@code docker compose up -d} returned, by {@link System#nanoTime()}
   */
  void waitHealthy(Operation op, String node, int vmid, long upReturnedNanos) {
    long since = System.nanoTime();
    Map<String, ServiceHealthCheck> checks = null;
    for (int looks = 0; ; looks++) {
      op.checkpoint();
      CommandResult ps = ctx.shell(node).exec(vmid, ContainerContract.PS,
          ctx.settings().commandTimeout());
      check(ps, "docker compose ps", vmid);
      List<ServiceStatus> services = ComposeStatus.parse(ps.stdout());
      if (ComposeStatus.healthy(services)) {
        return;
      }
      if (ComposeStatus.failed(services)) {
        throw new CommandFailedException("health check (" + ComposeStatus.describeUnhealthy(
            services) + ")", vmid, 1, logTail(node, vmid));
      }
      if (op.remaining().isZero()) {
        throw new OperationTimeoutException(op.name(), op.step().label(), op.elapsed(),
            ComposeStatus.describeUnhealthy(services));
      }
      if (checks == null && services.stream().anyMatch(s -> "starting".equals(s.health()))) {
        checks = healthChecks(node, vmid, ComposeStatus.containers(ps.stdout()));
      }
      List<ServiceHealthCheck> pending = new ArrayList<>();
      boolean unknown = services.isEmpty();
      for (ServiceStatus s : services) {
        ServiceHealthCheck c = checks == null ? null : checks.get(s.service());
        if (s.healthy()) {
          continue;
        }
        if (c != null && "running".equals(s.state()) && "starting".equals(s.health())) {
          pending.add(c);
        } else {
          unknown = true; // not running yet, or a check we could not read
        }
      }
      long now = System.nanoTime();
      Containers.sleep(op, WaitSchedule.health(pending, unknown, looks + 1,
          (now - upReturnedNanos) / 1_000_000, (now - since) / 1_000_000,
          op.remaining().toMillis()));
    }
  }

  /**
   * Reads the health check configuration of the app's containers, by service. Best effort: a
   * failure leaves the wait on the blind schedule, it does not fail the deploy.
   */
  private Map<String, ServiceHealthCheck> healthChecks(String node, int vmid,
      List<ComposeStatus.Container> containers) {
    Map<String, String> serviceOf = new HashMap<>();
    for (ComposeStatus.Container c : containers) {
      if (!c.containerId().isEmpty()) {
        serviceOf.put(c.containerId(), c.service());
      }
    }
    Map<String, ServiceHealthCheck> out = new HashMap<>();
    if (serviceOf.isEmpty()) {
      return out;
    }
    try {
      CommandResult r = ctx.shell(node).exec(vmid,
          ContainerContract.healthChecks(List.copyOf(serviceOf.keySet())),
          ctx.settings().commandTimeout());
      if (!r.ok()) {
        return out;
      }
      for (String line : r.stdout().split("\n")) {
        String[] parts = line.trim().split(" ", 2);
        if (parts.length < 2) {
          continue;
        }
        // compose ps shows short or full ids; inspect prints full ones
        serviceOf.entrySet().stream().filter(e -> parts[0].startsWith(e.getKey())).findFirst()
            .ifPresent(e -> ServiceHealthCheck.fromInspect(e.getValue(), json(parts[1]))
                .ifPresent(c -> out.put(e.getValue(), c)));
      }
    } catch (RuntimeException e) {
      log.debug("health check configuration of CT {} unreadable, waiting blindly", vmid, e);
    }
    return out;
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return dev.proximity.internal.json.Json.mapper().readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  /** The last log lines of every service, best effort, for error reports. */
  String logTail(String node, int vmid) {
    try {
      CommandResult r = ctx.shell(node).exec(vmid, ContainerContract.logs(30, false),
          ctx.settings().commandTimeout());
      return r.stdout() + r.stderr();
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Reads a file inside the container. */
  String read(String node, int vmid, String path) {
    CommandResult r = ctx.shell(node).exec(vmid, ContainerContract.cat(path),
        ctx.settings().commandTimeout());
    check(r, "reading " + path, vmid);
    return r.stdout();
  }

  static void check(CommandResult r, String what, int vmid) {
    if (!r.ok()) {
      throw new CommandFailedException(what, vmid, r.exitCode(), r.stdout() + "\n" + r.stderr());
    }
  }

  private static Duration atLeastOneSecond(Operation op) {
    Duration d = op.remaining();
    return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
  }

  private static byte[] loadInstallScript() {
    try (InputStream in = AppSteps.class.getResourceAsStream("install-docker.sh")) {
      if (in == null) {
        throw new IllegalStateException("install-docker.sh missing from proximity-core");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
