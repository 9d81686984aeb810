package dev.proximity.testkit.ssh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proximity.testkit.GuestFs;
import dev.proximity.testkit.SimGuest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read side of the simulated Docker CLI: {@code docker version}, {@code docker image ls},
 * {@code docker volume ls}, {@code docker compose ps} and {@code docker compose logs}, in the
 * output shapes of Docker 27 and Compose v2.
 */
final class ComposeQueries {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter CREATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'").withZone(ZoneOffset.UTC);
  private static final Pattern GO_DURATION = Pattern.compile("(\\d+)(h|m|s|ms)");

  private ComposeQueries() {}

  static int version(Invocation inv) {
    int format = inv.argv.indexOf("--format");
    if (format > 0 && format + 1 < inv.argv.size()) {
      String template = inv.argv.get(format + 1);
      if (template.equals("{{.Server.Version}}") || template.equals("{{.Client.Version}}")) {
        inv.out.println(DockerState.VERSION);
        return 0;
      }
      return inv.fail(1, "template: :1: unsupported by the simulator: " + template);
    }
    inv.out.println("Client: Docker Engine - Community\n Version:           "
        + DockerState.VERSION + "\n API version:       1.47\n\nServer: Docker Engine - Community"
        + "\n Engine:\n  Version:          " + DockerState.VERSION);
    return 0;
  }

  static int images(Invocation inv, SimGuest guest) {
    DockerState state = DockerState.load(guest.fs());
    inv.out.println(String.format("%-30s %-10s %-14s %-16s %s", "REPOSITORY", "TAG", "IMAGE ID",
        "CREATED", "SIZE"));
    for (Map.Entry<String, DockerState.Image> e : state.images.entrySet()) {
      String ref = e.getKey();
      int colon = ref.lastIndexOf(':');
      String repo = colon > ref.lastIndexOf('/') && colon > 0 ? ref.substring(0, colon) : ref;
      String tag = colon > ref.lastIndexOf('/') && colon > 0 ? ref.substring(colon + 1) : "latest";
      inv.out.println(String.format("%-30s %-10s %-14s %-16s %s", repo, tag,
          e.getValue().id.substring(7, 19), "2 weeks ago",
          Math.round(e.getValue().size / 1_000_000.0) + "MB"));
    }
    return 0;
  }

  /** The templates {@code docker image inspect --format} supports in the simulator. */
  private static final List<String> IMAGE_TEMPLATES = List.of("{{.Id}} {{json .RepoDigests}}",
      "{{json .RepoDigests}}", "{{.Id}}");
  /** The templates {@code docker container inspect --format} supports in the simulator. */
  private static final String HEALTH_TEMPLATE = "{{.Id}} {{json .Config.Healthcheck}}";
  private static final List<String> CONTAINER_TEMPLATES =
      List.of("{{.Id}} {{.Image}}", "{{.Image}}", HEALTH_TEMPLATE);

  /**
   * {@code docker image inspect --format TEMPLATE IMAGE...}: images by id, id prefix or reference;
   * {@code RepoDigests} printed as Docker's {@code json} template function does.
   */
  static int inspectImages(Invocation inv, SimGuest guest, List<String> args) {
    String template = template(args);
    if (template == null || !IMAGE_TEMPLATES.contains(template)) {
      return inv.fail(1, "template: unsupported by the simulator: " + template);
    }
    DockerState state = DockerState.load(guest.fs());
    int code = 0;
    for (String name : operands(args)) {
      DockerState.Image image = state.images.get(name);
      if (image == null) {
        image = state.imageById(name.startsWith("sha256:") ? name : "sha256:" + name)
            .or(() -> state.images.values().stream().filter(i -> i.id.startsWith("sha256:" + name)).findFirst())
            .orElse(null);
      }
      if (image == null) {
        inv.err.println("Error: No such image: " + name);
        code = 1;
        continue;
      }
      String digests;
      try {
        digests = JSON.writeValueAsString(image.repoDigests == null ? List.of() : image.repoDigests);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      inv.out.println(template.replace("{{.Id}}", image.id).replace("{{json .RepoDigests}}", digests));
    }
    return code;
  }

  /** {@code docker container inspect --format TEMPLATE CONTAINER...}: by id, id prefix or name. */
  static int inspectContainers(Invocation inv, SimGuest guest, List<String> args) {
    String template = template(args);
    if (template == null || !CONTAINER_TEMPLATES.contains(template)) {
      return inv.fail(1, "template: unsupported by the simulator: " + template);
    }
    DockerState state = DockerState.load(guest.fs());
    int code = 0;
    for (String name : operands(args)) {
      DockerState.Container c = state.containers.values().stream()
          .filter(x -> x.id.startsWith(name) || x.name.equals(name)).findFirst().orElse(null);
      if (c == null) {
        inv.err.println("Error: No such container: " + name);
        code = 1;
        continue;
      }
      // containers from before image ids were recorded run the image their reference names
      String imageId = c.imageId != null ? c.imageId
          : state.images.containsKey(c.image) ? state.images.get(c.image).id : "";
      inv.out.println(template.replace("{{.Id}}", c.id).replace("{{.Image}}", imageId)
          .replace("{{json .Config.Healthcheck}}", healthJson(c.healthcheck)));
    }
    return code;
  }

  /** {@code .Config.Healthcheck} as Docker prints it with {@code json}: null without a check. */
  private static String healthJson(DockerState.HealthConfig h) {
    if (h == null) {
      return "null";
    }
    ObjectNode node = JSON.createObjectNode();
    h.test.forEach(node.putArray("Test")::add);
    node.put("Interval", h.interval);
    node.put("Timeout", h.timeout);
    if (h.startPeriod != 0) {
      node.put("StartPeriod", h.startPeriod);
    }
    node.put("StartInterval", h.startInterval);
    node.put("Retries", h.retries);
    return node.toString();
  }

  private static String template(List<String> args) {
    int i = args.indexOf("--format");
    if (i < 0) {
      i = args.indexOf("-f");
    }
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
  }

  private static List<String> operands(List<String> args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--format") || args.get(i).equals("-f")) {
        i++;
      } else if (!args.get(i).startsWith("-")) {
        out.add(args.get(i));
      }
    }
    return out;
  }

  static int volumes(Invocation inv, SimGuest guest) {
    DockerState state = DockerState.load(guest.fs());
    inv.out.println("DRIVER    VOLUME NAME");
    for (String volume : state.volumes) {
      inv.out.println("local     " + volume);
    }
    return 0;
  }

  static int ps(Invocation inv, SimGuest guest, ComposeEngine.Project project, List<String> flags)
      throws ComposeEngine.ComposeError {
    boolean all = false;
    boolean json = false;
    List<String> only = new ArrayList<>();
    for (int i = 0; i < flags.size(); i++) {
      String flag = flags.get(i);
      if (flag.equals("-a") || flag.equals("--all")) {
        all = true;
      } else if (flag.equals("--format") && i + 1 < flags.size()) {
        String format = flags.get(++i);
        if (!format.equals("json") && !format.equals("table")) {
          throw new ComposeEngine.ComposeError(1, "unsupported format in the simulator: " + format);
        }
        json = format.equals("json");
      } else if (flag.startsWith("-")) {
        throw new ComposeEngine.ComposeError(1, "unknown flag: " + flag);
      } else {
        only.add(flag);
      }
    }
    GuestFs fs = guest.fs();
    List<DockerState.Container> shown = new ArrayList<>();
    synchronized (fs) {
      DockerState state = DockerState.load(fs);
      for (DockerState.Container c : state.containers.values()) {
        if ("starting".equals(c.health) && "running".equals(c.state)) {
          if (c.healthPolls > 0) {
            c.healthPolls--;
          } else if (!inv.now().isBefore(java.time.Instant.ofEpochMilli(c.healthyAtMillis))) {
            c.health = "healthy";
          }
        }
        if ((all || "running".equals(c.state)) && (only.isEmpty() || only.contains(c.service))) {
          shown.add(c);
        }
      }
      state.save(fs);
    }
    Instant now = inv.now();
    if (!json) {
      inv.out.println(String.format("%-20s %-24s %-24s %-10s %-16s %s", "NAME", "IMAGE",
          "COMMAND", "SERVICE", "CREATED", "STATUS"));
    }
    for (DockerState.Container c : shown) {
      if (json) {
        inv.out.println(psJson(c, project, now));
      } else {
        inv.out.println(String.format("%-20s %-24s %-24s %-10s %-16s %s", c.name, c.image,
            c.command, c.service, ago(c.created, now) + " ago", status(c, now)));
      }
    }
    return 0;
  }

  private static String psJson(DockerState.Container c, ComposeEngine.Project project, Instant now) {
    ObjectNode node = JSON.createObjectNode();
    node.put("Command", c.command);
    node.put("CreatedAt", CREATED.format(Instant.parse(c.created)));
    node.put("ExitCode", c.exitCode);
    node.put("Health", c.health == null ? "" : c.health);
    node.put("ID", c.id);
    node.put("Image", c.image);
    node.put("Labels", "com.docker.compose.project=" + project.name()
        + ",com.docker.compose.service=" + c.service
        + ",com.docker.compose.project.working_dir=" + project.directory()
        + ",com.docker.compose.project.config_files=" + project.file()
        + ",com.docker.compose.container-number=1,com.docker.compose.oneoff=False");
    node.put("LocalVolumes", Integer.toString(c.volumes.size()));
    node.put("Mounts", String.join(",", c.volumes));
    node.put("Name", c.name);
    node.put("Names", c.name);
    node.put("Networks", project.name() + "_default");
    node.putArray("Publishers");
    node.put("Project", c.project);
    node.put("RunningFor", ago(c.created, now) + " ago");
    node.put("Service", c.service);
    node.put("Size", "0B");
    node.put("State", c.state);
    node.put("Status", status(c, now));
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String status(DockerState.Container c, Instant now) {
    if ("running".equals(c.state)) {
      String health = c.health == null || c.health.isEmpty() ? ""
          : " (" + ("starting".equals(c.health) ? "health: starting" : c.health) + ")";
      return "Up " + ago(c.started, now) + health;
    }
    return "Exited (" + c.exitCode + ") " + ago(c.started, now) + " ago";
  }

  private static String ago(String time, Instant now) {
    long seconds = Math.max(0, Duration.between(Instant.parse(time), now).getSeconds());
    if (seconds < 1) {
      return "Less than a second";
    }
    if (seconds < 60) {
      return seconds + " seconds";
    }
    if (seconds < 120) {
      return "About a minute";
    }
    if (seconds < 3600) {
      return seconds / 60 + " minutes";
    }
    if (seconds < 7200) {
      return "About an hour";
    }
    if (seconds < 172_800) {
      return seconds / 3600 + " hours";
    }
    return seconds / 86_400 + " days";
  }

  static int logs(Invocation inv, SimGuest guest, ComposeEngine.Project project, List<String> flags)
      throws ComposeEngine.ComposeError, InterruptedException {
    boolean timestamps = false;
    boolean follow = false;
    boolean prefix = true;
    int tail = -1;
    Instant since = null;
    List<String> only = new ArrayList<>();
    for (int i = 0; i < flags.size(); i++) {
      String flag = flags.get(i);
      switch (flag) {
        case "--no-color":
          break;
        case "-t":
        case "--timestamps":
          timestamps = true;
          break;
        case "-f":
        case "--follow":
          follow = true;
          break;
        case "--no-log-prefix":
          prefix = false;
          break;
        case "-n":
        case "--tail":
          if (i + 1 >= flags.size()) {
            throw new ComposeEngine.ComposeError(1, "flag needs an argument: " + flag);
          }
          String value = flags.get(++i);
          if (!value.equals("all")) {
            try {
              tail = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              throw new ComposeEngine.ComposeError(1, "invalid argument \"" + value + "\" for \"-n, --tail\"");
            }
          }
          break;
        case "--since":
          if (i + 1 >= flags.size()) {
            throw new ComposeEngine.ComposeError(1, "flag needs an argument: " + flag);
          }
          since = since(flags.get(++i), inv.now());
          break;
        default:
          if (flag.startsWith("-")) {
            throw new ComposeEngine.ComposeError(1, "unknown flag: " + flag);
          }
          only.add(flag);
      }
    }
    GuestFs fs = guest.fs();
    DockerState state;
    synchronized (fs) {
      ComposeEngine.parse(fs, project, new ArrayList<>());
      state = DockerState.load(fs);
    }
    for (String service : only) {
      if (!state.containers.containsKey(service)) {
        throw new ComposeEngine.ComposeError(1, "no such service: " + service);
      }
    }
    int width = 0;
    for (DockerState.Container c : state.containers.values()) {
      width = Math.max(width, (c.service + "-1").length());
    }
    for (DockerState.Container c : state.containers.values()) {
      if (!only.isEmpty() && !only.contains(c.service)) {
        continue;
      }
      List<DockerState.LogLine> lines = new ArrayList<>();
      for (DockerState.LogLine line : c.logs) {
        if (since == null || !Instant.parse(line.time).isBefore(since)) {
          lines.add(line);
        }
      }
      if (tail >= 0 && lines.size() > tail) {
        lines = lines.subList(lines.size() - tail, lines.size());
      }
      for (DockerState.LogLine line : lines) {
        StringBuilder out = new StringBuilder();
        if (prefix) {
          out.append(String.format("%-" + width + "s  | ", c.service + "-1"));
        }
        if (timestamps) {
          out.append(line.time).append(' ');
        }
        out.append(line.text);
        inv.out.println(out);
      }
    }
    if (follow) {
      inv.awaitChannelClosed();
    }
    return 0;
  }

  private static Instant since(String value, Instant now) throws ComposeEngine.ComposeError {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      Matcher m = GO_DURATION.matcher(value);
      long millis = 0;
      int end = 0;
      while (m.find() && m.start() == end) {
        long amount = Long.parseLong(m.group(1));
        switch (m.group(2)) {
          case "h":
            millis += amount * 3_600_000;
            break;
          case "m":
            millis += amount * 60_000;
            break;
          case "s":
            millis += amount * 1000;
            break;
          default:
            millis += amount;
        }
        end = m.end();
      }
      if (end == 0 || end != value.length()) {
        throw new ComposeEngine.ComposeError(1, "invalid value for \"since\": " + value);
      }
      return now.minusMillis(millis);
    }
  }
}
