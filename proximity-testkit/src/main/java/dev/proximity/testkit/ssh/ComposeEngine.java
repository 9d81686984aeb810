package dev.proximity.testkit.ssh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.proximity.testkit.GuestFs;
import dev.proximity.testkit.SimGuest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated Docker CLI and Compose v2 plugin inside one container: {@code docker version},
 * {@code docker image ls}, {@code docker volume ls}, and {@code docker compose up/down/pull/ps/logs}
 * as used by docs/container-contract.md. The Compose file is parsed (YAML) to learn the services,
 * their images, health checks and named volumes; state lives in the container's file system.
 */
final class ComposeEngine {
  private static final ObjectMapper YAML = new YAMLMapper();
  static final DateTimeFormatter NANOS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

  private ComposeEngine() {}

  /** A usage or runtime error with compose's exit code. */
  static final class ComposeError extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;

    ComposeError(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  static int docker(Invocation inv, SimGuest guest) throws InterruptedException {
    List<String> argv = inv.argv;
    if (argv.size() < 2) {
      inv.out.println("Usage:  docker [OPTIONS] COMMAND");
      return 0;
    }
    try {
      switch (argv.get(1)) {
        case "version":
          return ComposeQueries.version(inv);
        case "compose":
          return compose(inv, guest);
        case "images":
          return ComposeQueries.images(inv, guest);
        case "image":
          if (argv.size() >= 3 && (argv.get(2).equals("ls") || argv.get(2).equals("list"))) {
            return ComposeQueries.images(inv, guest);
          }
          if (argv.size() >= 3 && argv.get(2).equals("inspect")) {
            return ComposeQueries.inspectImages(inv, guest, argv.subList(3, argv.size()));
          }
          break;
        case "container":
          if (argv.size() >= 3 && argv.get(2).equals("inspect")) {
            return ComposeQueries.inspectContainers(inv, guest, argv.subList(3, argv.size()));
          }
          break;
        case "volume":
          if (argv.size() >= 3 && (argv.get(2).equals("ls") || argv.get(2).equals("list"))) {
            return ComposeQueries.volumes(inv, guest);
          }
          break;
        default:
          break;
      }
      return inv.fail(1, "docker: '" + String.join(" ", argv.subList(1, argv.size()))
          + "' is not a docker command emulated by the simulator.");
    } catch (ComposeError e) {
      return inv.fail(e.code, e.getMessage());
    }
  }

  /** The global part of a compose command line. */
  record Project(String name, String directory, String file) {}

  private static int compose(Invocation inv, SimGuest guest)
      throws ComposeError, InterruptedException {
    List<String> argv = inv.argv;
    String directory = null;
    String file = null;
    String name = null;
    int i = 2;
    for (; i < argv.size(); i++) {
      String word = argv.get(i);
      if (!word.startsWith("-")) {
        break;
      }
      if (i + 1 >= argv.size()) {
        throw new ComposeError(1, "flag needs an argument: " + word);
      }
      switch (word) {
        case "--project-directory":
          directory = argv.get(++i);
          break;
        case "-f":
        case "--file":
          file = argv.get(++i);
          break;
        case "-p":
        case "--project-name":
          name = argv.get(++i);
          break;
        case "--ansi":
        case "--progress":
          i++;
          break;
        default:
          throw new ComposeError(1, "unknown flag: " + word);
      }
    }
    if (i >= argv.size()) {
      inv.out.println("Usage:  docker compose [OPTIONS] COMMAND");
      return 0;
    }
    if (argv.get(i).equals("version")) {
      inv.out.println("Docker Compose version " + DockerState.COMPOSE_VERSION);
      return 0;
    }
    if (directory == null) {
      directory = file != null && file.contains("/")
          ? file.substring(0, Math.max(1, file.lastIndexOf('/'))) : "/";
    }
    if (file == null) {
      file = directory + "/compose.yaml";
    }
    if (name == null) {
      String base = directory.substring(directory.lastIndexOf('/') + 1);
      name = base.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    }
    Project project = new Project(name, directory, file);
    String sub = argv.get(i);
    List<String> rest = argv.subList(i + 1, argv.size());
    switch (sub) {
      case "up":
        return up(inv, guest, project, rest);
      case "down":
        return down(inv, guest, project, rest);
      case "pull":
        return pull(inv, guest, project, rest);
      case "ps":
        return ComposeQueries.ps(inv, guest, project, rest);
      case "logs":
        return ComposeQueries.logs(inv, guest, project, rest);
      default:
        throw new ComposeError(1, "unknown docker command: \"compose " + sub + "\"");
    }
  }

  /** A service of the compose file. */
  record Service(String name, String image, boolean healthcheck, String containerName,
      List<String> volumes, HealthCheck check) {}

  /**
   * A service's health check as the compose file declares it, with Docker's defaults filled in:
   * interval and timeout 30 s, no start period, a start interval of 5 s (Docker Engine 25+).
   */
  record HealthCheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
      Duration startInterval, int retries) {
    /**
     * When Docker runs the first check after the container starts: one start interval when a
     * start period is set, else one interval (Docker's health monitor arms its timer so).
     */
    Duration firstCheck() {
      return startPeriod.isZero() ? interval : startInterval;
    }
  }

  private static final java.util.regex.Pattern GO_DURATION_PART =
      java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h)");

  /** Parses a Go duration as Compose accepts it ({@code 1m30s}, {@code 500ms}, {@code 1.5s}). */
  static Duration goDuration(String text, String field) throws ComposeError {
    java.util.regex.Matcher m = GO_DURATION_PART.matcher(text);
    double nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double value = Double.parseDouble(m.group(1));
      nanos += value * switch (m.group(2)) {
        case "ns" -> 1d;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
      end = m.end();
    }
    if (text.isEmpty() || end != text.length()) {
      throw new ComposeError(15, field + ": invalid duration \"" + text + "\"");
    }
    return Duration.ofNanos((long) nanos);
  }

  private static Duration healthDuration(JsonNode hc, String key, Duration fallback,
      String service) throws ComposeError {
    JsonNode value = hc.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    Duration d = goDuration(value.asText(), "services." + service + ".healthcheck." + key);
    return d.isZero() ? fallback : d;
  }

  private static HealthCheck healthCheck(JsonNode hc, String service) throws ComposeError {
    List<String> test = new ArrayList<>();
    JsonNode t = hc.path("test");
    if (t.isArray()) {
      t.forEach(item -> test.add(item.asText()));
    } else if (t.isTextual()) {
      test.add("CMD-SHELL");
      test.add(t.asText());
    }
    Duration thirty = Duration.ofSeconds(30);
    return new HealthCheck(test, healthDuration(hc, "interval", thirty, service),
        healthDuration(hc, "timeout", thirty, service),
        healthDuration(hc, "start_period", Duration.ZERO, service),
        healthDuration(hc, "start_interval", Duration.ofSeconds(5), service),
        hc.path("retries").asInt(3));
  }

  static Map<String, Service> parse(GuestFs fs, Project project, List<String> volumes)
      throws ComposeError {
    Optional<GuestFs.GuestFile> file = fs.read(project.file());
    if (file.isEmpty()) {
      throw new ComposeError(1, "open " + project.file() + ": no such file or directory");
    }
    JsonNode root;
    try {
      root = YAML.readTree(file.get().content());
    } catch (IOException e) {
      throw new ComposeError(15, "yaml: " + (e instanceof com.fasterxml.jackson.core.JacksonException je ? je.getOriginalMessage() : e.getMessage()));
    }
    JsonNode services = root == null ? null : root.get("services");
    if (services == null || !services.isObject() || services.size() == 0) {
      throw new ComposeError(15, "no service selected: " + project.file()
          + " declares no services");
    }
    JsonNode declared = root.get("volumes");
    if (declared != null && declared.isObject()) {
      declared.fieldNames().forEachRemaining(v -> volumes.add(project.name() + "_" + v));
    }
    Map<String, Service> result = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = services.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      JsonNode s = e.getValue();
      if (!e.getKey().matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
        throw new ComposeError(15, "invalid service name \"" + e.getKey() + "\"");
      }
      String image = s.path("image").asText(null);
      if (image == null || image.isBlank()) {
        throw new ComposeError(1, "service \"" + e.getKey() + "\" has neither an image nor a"
            + " build context specified: invalid compose project");
      }
      JsonNode hc = s.get("healthcheck");
      boolean health = hc != null && hc.isObject() && !hc.path("disable").asBoolean(false)
          && !(hc.path("test").isArray() && hc.path("test").size() > 0
              && hc.path("test").get(0).asText().equals("NONE"));
      List<String> serviceVolumes = new ArrayList<>();
      for (JsonNode v : s.path("volumes")) {
        String source = v.isTextual() ? v.asText().split(":")[0] : v.path("source").asText("");
        if (!source.isEmpty() && !source.startsWith("/") && !source.startsWith(".")) {
          serviceVolumes.add(project.name() + "_" + source);
        }
      }
      result.put(e.getKey(), new Service(e.getKey(), image, health,
          s.path("container_name").asText(null), serviceVolumes,
          health ? healthCheck(hc, e.getKey()) : null));
    }
    return result;
  }

  private static int up(Invocation inv, SimGuest guest, Project project, List<String> flags)
      throws ComposeError, InterruptedException {
    boolean removeOrphans = false;
    for (String flag : flags) {
      switch (flag) {
        case "-d":
        case "--detach":
        case "--wait":
        case "--quiet-pull":
        case "--force-recreate":
          break;
        case "--remove-orphans":
          removeOrphans = true;
          break;
        default:
          throw new ComposeError(1, "unknown flag: " + flag);
      }
    }
    GuestFs fs = guest.fs();
    if (inv.work(upTime(inv, fs, project))) {
      return 130; // the client gave up before the containers ran
    }
    synchronized (fs) {
      List<String> volumes = new ArrayList<>();
      Map<String, Service> services = parse(fs, project, volumes);
      DockerState state = DockerState.load(fs);
      Instant now = inv.now();
      for (Service s : services.values()) {
        if (!state.images.containsKey(s.image())) {
          inv.err.println(" " + s.name() + " Pulling ");
          pullImage(inv, state, s.image(), now);
          inv.err.println(" " + s.name() + " Pulled ");
        }
      }
      String network = project.name() + "_default";
      if (!state.networks.contains(network)) {
        state.networks.add(network);
        inv.err.println(" Network " + network + "  Creating");
        inv.err.println(" Network " + network + "  Created");
      }
      for (String volume : volumes) {
        if (!state.volumes.contains(volume)) {
          state.volumes.add(volume);
          inv.err.println(" Volume \"" + volume + "\"  Creating");
          inv.err.println(" Volume \"" + volume + "\"  Created");
        }
      }
      if (removeOrphans) {
        state.containers.keySet().removeIf(service -> {
          if (!services.containsKey(service)) {
            inv.err.println(" Container " + state.containers.get(service).name + "  Removed");
            return true;
          }
          return false;
        });
      }
      for (Service s : services.values()) {
        DockerState.Container c = state.containers.get(s.name());
        String name = s.containerName() != null ? s.containerName()
            : project.name() + "-" + s.name() + "-1";
        String imageId = state.images.get(s.image()).id;
        if (c == null || !c.image.equals(s.image()) || (c.imageId != null && !c.imageId.equals(imageId))) {
          c = new DockerState.Container();
          c.service = s.name();
          c.project = project.name();
          c.name = name;
          c.id = HexFormat.of().formatHex(sha256(project.name() + "/" + s.name() + "/" + now))
              .substring(0, 64);
          c.image = s.image();
          c.imageId = imageId;
          c.command = "\"/docker-entrypoint.…\"";
          c.created = NANOS.format(now);
          c.volumes = s.volumes();
          state.containers.put(s.name(), c);
          inv.err.println(" Container " + name + "  Created");
        }
        if (!"running".equals(c.state)) {
          c.state = "running";
          c.exitCode = 0;
          c.started = NANOS.format(now);
          // healthy when the first check runs (Docker's checks pass or fail only then), unless
          // the simulator counts compose ps calls instead
          double scale = inv.sim.timeScale();
          Duration healthy = s.healthcheck() ? scaled(s.check().firstCheck(), scale) : Duration.ZERO;
          c.health = s.healthcheck() ? (inv.sim.healthyAfterPolls() > 0 || !healthy.isZero()
              ? "starting" : "healthy") : "";
          c.healthPolls = s.healthcheck() ? inv.sim.healthyAfterPolls() : 0;
          c.healthyAtMillis = now.plus(healthy).toEpochMilli();
          c.healthcheck = s.healthcheck() ? healthConfig(s.check(), scale) : null;
          c.logs.add(new DockerState.LogLine(NANOS.format(now),
              "[sim] starting " + s.name() + " from image " + s.image()));
          c.logs.add(new DockerState.LogLine(NANOS.format(now),
              "[sim] " + s.name() + " is ready to accept connections"));
          inv.err.println(" Container " + name + "  Starting");
          inv.err.println(" Container " + name + "  Started");
        } else {
          inv.err.println(" Container " + name + "  Running");
        }
      }
      state.save(fs);
    }
    return 0;
  }

  private static Duration scaled(Duration d, double scale) {
    return Duration.ofNanos((long) (d.toNanos() * scale));
  }

  /**
   * The configuration {@code docker container inspect} shows: what this Docker applies, scaled,
   * at least 1 ms (Docker's smallest interval; zero would read as "the default").
   */
  private static DockerState.HealthConfig healthConfig(HealthCheck check, double scale) {
    DockerState.HealthConfig h = new DockerState.HealthConfig();
    h.test = new ArrayList<>(check.test());
    long floor = 1_000_000L;
    h.interval = Math.max(floor, scaled(check.interval(), scale).toNanos());
    h.timeout = Math.max(floor, scaled(check.timeout(), scale).toNanos());
    h.startPeriod = check.startPeriod().isZero() ? 0
        : Math.max(floor, scaled(check.startPeriod(), scale).toNanos());
    h.startInterval = Math.max(floor, scaled(check.startInterval(), scale).toNanos());
    h.retries = check.retries();
    return h;
  }

  /**
   * How long {@code compose up} works before its effect: each missing image is pulled, then the
   * containers that do not run yet are started.
   */
  private static Duration upTime(Invocation inv, GuestFs fs, Project project) throws ComposeError {
    GuestTimings t = inv.sim.timings();
    if (t.imagePull().isZero() && t.containerStart().isZero()) {
      return Duration.ZERO;
    }
    synchronized (fs) {
      Map<String, Service> services = parse(fs, project, new ArrayList<>());
      DockerState state = DockerState.load(fs);
      long missing = services.values().stream().map(Service::image).distinct()
          .filter(image -> !state.images.containsKey(image)).count();
      boolean starts = services.values().stream().anyMatch(s -> {
        DockerState.Container c = state.containers.get(s.name());
        return c == null || !c.image.equals(s.image()) || !"running".equals(c.state);
      });
      return t.imagePull().multipliedBy(missing).plus(starts ? t.containerStart() : Duration.ZERO);
    }
  }

  private static int down(Invocation inv, SimGuest guest, Project project, List<String> flags)
      throws ComposeError {
    boolean removeVolumes = false;
    for (String flag : flags) {
      switch (flag) {
        case "-v":
        case "--volumes":
          removeVolumes = true;
          break;
        case "--remove-orphans":
          break;
        default:
          throw new ComposeError(1, "unknown flag: " + flag);
      }
    }
    GuestFs fs = guest.fs();
    synchronized (fs) {
      DockerState state = DockerState.load(fs);
      for (DockerState.Container c : state.containers.values()) {
        inv.err.println(" Container " + c.name + "  Stopping");
        inv.err.println(" Container " + c.name + "  Stopped");
        inv.err.println(" Container " + c.name + "  Removed");
        if (removeVolumes) {
          state.volumes.removeAll(c.volumes);
        }
      }
      state.containers.clear();
      String network = project.name() + "_default";
      if (state.networks.remove(network)) {
        inv.err.println(" Network " + network + "  Removed");
      }
      state.save(fs);
    }
    return 0;
  }

  private static int pull(Invocation inv, SimGuest guest, Project project, List<String> flags)
      throws ComposeError, InterruptedException {
    for (String flag : flags) {
      if (!flag.equals("-q") && !flag.equals("--quiet") && !flag.equals("--ignore-pull-failures")) {
        throw new ComposeError(1, "unknown flag: " + flag);
      }
    }
    GuestFs fs = guest.fs();
    long missing;
    synchronized (fs) {
      DockerState present = DockerState.load(fs);
      missing = parse(fs, project, new ArrayList<>()).values().stream().map(Service::image)
          .distinct().filter(image -> !present.images.containsKey(image)).count();
    }
    // an image that is present costs a manifest check only, which the model leaves out
    if (inv.work(inv.sim.timings().imagePull().multipliedBy(missing))) {
      return 130;
    }
    synchronized (fs) {
      Map<String, Service> services = parse(fs, project, new ArrayList<>());
      DockerState state = DockerState.load(fs);
      for (Service s : services.values()) {
        inv.err.println(" " + s.name() + " Pulling ");
        pullImage(inv, state, s.image(), inv.now());
        inv.err.println(" " + s.name() + " Pulled ");
      }
      state.save(fs);
    }
    return 0;
  }

  private static void pullImage(Invocation inv, DockerState state, String reference, Instant now) {
    DockerState.Image image = new DockerState.Image();
    String repoDigest = inv.sim.registryDigestOf(reference);
    byte[] digest = sha256(reference);
    boolean defaultDigest = repoDigest.equals("sha256:" + HexFormat.of().formatHex(digest));
    // a reference pulled at another registry digest is another image, with another id
    image.id = "sha256:" + HexFormat.of().formatHex(defaultDigest ? digest : sha256(reference + "@" + repoDigest));
    image.repoDigests = new ArrayList<>(List.of(repository(reference) + "@" + repoDigest));
    DockerState.Image before = state.images.get(reference);
    if (before != null && !before.id.equals(image.id)) {
      state.untagged.put(before.id, before);
    }
    image.size = 20_000_000L + Math.floorMod(digest[0] * 1_000_003L + digest[1] * 7919L,
        380_000_000L);
    image.created = NANOS.format(now.minus(Duration.ofDays(14)));
    state.images.put(reference, image);
  }

  /**
   * The repository as Docker writes it in RepoDigests: without tag or digest, Docker Hub names
   * short ({@code nginx}, {@code bitnami/redis}), other registries in full.
   */
  static String repository(String reference) {
    String ref = reference;
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
    }
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      ref = ref.substring(0, colon);
    }
    for (String hub : List.of("docker.io/", "index.docker.io/", "registry-1.docker.io/")) {
      if (ref.startsWith(hub)) {
        ref = ref.substring(hub.length());
      }
    }
    return ref.startsWith("library/") ? ref.substring("library/".length()) : ref;
  }

  static String shortId(String name) {
    return HexFormat.of().formatHex(sha256(name)).substring(0, 12);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Appends a log line to a service, for tests and demos. */
  static boolean appendLog(GuestFs fs, String service, Instant time, String text) {
    synchronized (fs) {
      DockerState state = DockerState.load(fs);
      DockerState.Container c = state.containers.get(service);
      if (c == null) {
        return false;
      }
      c.logs.add(new DockerState.LogLine(NANOS.format(time), text));
      state.save(fs);
      return true;
    }
  }

  /** Sets a service's health or state, for tests and demos. */
  static boolean setHealth(GuestFs fs, String service, String state, String health) {
    synchronized (fs) {
      DockerState docker = DockerState.load(fs);
      DockerState.Container c = docker.containers.get(service);
      if (c == null) {
        return false;
      }
      c.state = state;
      c.health = health;
      c.healthPolls = 0;
      if (!"running".equals(state)) {
        c.exitCode = 1;
      }
      docker.save(fs);
      return true;
    }
  }
}
