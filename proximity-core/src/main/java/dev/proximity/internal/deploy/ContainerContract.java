package dev.proximity.internal.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * The argv lists and paths of docs/container-contract.md, in one place. Nothing here takes user
 * input except validated service names and bounded numbers.
 */
public final class ContainerContract {
  /** The app directory. */
  public static final String APP_DIR = "/opt/proximity/app";
  /** The Docker install script. */
  public static final String INSTALL_SCRIPT = "/opt/proximity/install-docker.sh";
  /** The rendered compose file. */
  public static final String COMPOSE_FILE = APP_DIR + "/compose.yaml";
  /** The secrets file. */
  public static final String SECRETS_FILE = APP_DIR + "/secrets.json";
  /** The manifest file. */
  public static final String MANIFEST_FILE = APP_DIR + "/manifest.json";

  /** {@code mkdir -p /opt/proximity/app}. */
  public static final List<String> MKDIR = List.of("mkdir", "-p", APP_DIR);
  /** Exit 0 when Docker is installed. */
  public static final List<String> DOCKER_VERSION =
      List.of("docker", "version", "--format", "{{.Server.Version}}");
  /** Runs the install script. */
  public static final List<String> INSTALL_DOCKER = List.of("sh", INSTALL_SCRIPT);
  /** Starts the app. */
  public static final List<String> UP = compose("up", "-d", "--remove-orphans");
  /** Pulls the images. */
  public static final List<String> PULL = compose("pull");
  /** Stops the app. */
  public static final List<String> DOWN = compose("down");
  /** Service states, one JSON object per line. */
  public static final List<String> PS = compose("ps", "--all", "--format", "json");

  private static final java.util.regex.Pattern CONTAINER_ID = java.util.regex.Pattern.compile("[0-9a-f]{12,64}");
  private static final java.util.regex.Pattern IMAGE_ID = java.util.regex.Pattern.compile("sha256:[0-9a-f]{64}");

  private ContainerContract() {}

  /**
   * Reads each container's health check configuration: one {@code <container id> <json>} line per
   * container, the JSON being {@code .Config.Healthcheck} ({@code null} without a check). Read-only.
   *
   * @param containerIds container ids as {@code docker compose ps} reports them
   * @return the argv
   * @throws IllegalArgumentException if an id is not a hex container id
   */
  public static List<String> healthChecks(List<String> containerIds) {
    return inspect("{{.Id}} {{json .Config.Healthcheck}}", containerIds);
  }

  /**
   * Reads the image id each container was created from: one {@code <container id> <image id>}
   * line per container. Read-only.
   *
   * @param containerIds container ids as {@code docker compose ps} reports them
   * @return the argv
   * @throws IllegalArgumentException if an id is not a hex container id
   */
  public static List<String> containerImages(List<String> containerIds) {
    return inspect("{{.Id}} {{.Image}}", containerIds);
  }

  private static List<String> inspect(String format, List<String> containerIds) {
    List<String> argv = new ArrayList<>(List.of("docker", "container", "inspect", "--format",
        format));
    for (String id : containerIds) {
      if (!CONTAINER_ID.matcher(id).matches()) {
        throw new IllegalArgumentException("not a container id: '" + id + "'");
      }
      argv.add(id);
    }
    return List.copyOf(argv);
  }

  /**
   * Reads the registry digests of images: one {@code <image id> <JSON array of RepoDigests>} line
   * per image. Read-only.
   *
   * @param imageIds image ids ({@code sha256:} and 64 hex digits)
   * @return the argv
   * @throws IllegalArgumentException if an id is not an image id
   */
  public static List<String> imageDigests(List<String> imageIds) {
    List<String> argv = new ArrayList<>(List.of("docker", "image", "inspect", "--format",
        "{{.Id}} {{json .RepoDigests}}"));
    for (String id : imageIds) {
      if (!IMAGE_ID.matcher(id).matches()) {
        throw new IllegalArgumentException("not an image id: '" + id + "'");
      }
      argv.add(id);
    }
    return List.copyOf(argv);
  }

  /**
   * The logs command.
   *
   * @param tail lines per service
   * @param follow whether to stream
   * @return the argv
   */
  public static List<String> logs(int tail, boolean follow) {
    if (tail < 1 || tail > 10_000) {
      throw new IllegalArgumentException("tail must be 1..10000, got " + tail);
    }
    List<String> argv = new ArrayList<>(
        compose("logs", "--no-color", "--timestamps", "--tail", Integer.toString(tail)));
    if (follow) {
      argv.add("--follow");
    }
    return List.copyOf(argv);
  }

  /**
   * Reads a file.
   *
   * @param path absolute path inside the container
   * @return the argv
   */
  public static List<String> cat(String path) {
    return List.of("cat", path);
  }

  private static List<String> compose(String... args) {
    List<String> argv = new ArrayList<>(List.of(
        "docker", "compose", "--project-directory", APP_DIR, "-f", COMPOSE_FILE));
    argv.addAll(List.of(args));
    return List.copyOf(argv);
  }
}
