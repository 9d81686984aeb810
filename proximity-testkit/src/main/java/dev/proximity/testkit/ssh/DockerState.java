package dev.proximity.testkit.ssh;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.proximity.testkit.GuestFs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The simulated Docker engine of one container, kept as a JSON file inside the container's
 * {@link GuestFs} so that clones, backups and restores carry it. Mutable; callers hold the guest
 * file system's monitor while they load, change and save it.
 */
final class DockerState {
  static final String STATE_PATH = "/var/lib/docker/proximity-sim/state.json";
  static final String DOCKER_BINARY = "/usr/bin/docker";
  static final String COMPOSE_PLUGIN = "/usr/libexec/docker/cli-plugins/docker-compose";
  static final String VERSION = "27.3.1";
  static final String COMPOSE_VERSION = "v2.29.7";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** Images by reference ({@code nginx:1.27}). */
  public TreeMap<String, Image> images = new TreeMap<>();
  /** Images a newer pull untagged (dangling), by id; containers created from them still run them. */
  public TreeMap<String, Image> untagged = new TreeMap<>();
  /** Volume names. */
  public List<String> volumes = new ArrayList<>();
  /** Network names. */
  public List<String> networks = new ArrayList<>();
  /** Compose containers by service name. */
  public TreeMap<String, Container> containers = new TreeMap<>();

  /** A pulled image. */
  static final class Image {
    public String id;
    public long size;
    public String created;
    /** {@code <repository>@sha256:...} as Docker records them at pull time. */
    public List<String> repoDigests = new ArrayList<>();
  }

  /**
   * Finds an image by id (also untagged ones).
   *
   * @param id {@code sha256:...}
   * @return the image
   */
  Optional<Image> imageById(String id) {
    return images.values().stream().filter(i -> id.equals(i.id)).findFirst()
        .or(() -> Optional.ofNullable(untagged.get(id)));
  }

  /** A Compose service's container. */
  static final class Container {
    public String service;
    public String project;
    public String name;
    public String id;
    public String image;
    /** The id of the image the container was created from. */
    public String imageId;
    public String command;
    public String state;
    public String health;
    public int healthPolls;
    /** When a {@code starting} service's health check first passes, epoch milliseconds. */
    public long healthyAtMillis;
    /** The health check as this simulated Docker runs it (scaled), null without one. */
    public HealthConfig healthcheck;
    public int exitCode;
    public String created;
    public String started;
    public List<String> volumes = new ArrayList<>();
    public List<LogLine> logs = new ArrayList<>();
  }

  /**
   * A container's health check configuration, durations in nanoseconds as this simulated Docker
   * applies them: the compose file's values with Docker's defaults filled in, times the time scale.
   */
  static final class HealthConfig {
    public List<String> test = new ArrayList<>();
    public long interval;
    public long timeout;
    public long startPeriod;
    public long startInterval;
    public int retries;
  }

  /** One log line. */
  static final class LogLine {
    public String time;
    public String text;

    LogLine() {}

    LogLine(String time, String text) {
      this.time = time;
      this.text = text;
    }
  }

  static boolean installed(GuestFs fs) {
    return fs.read(DOCKER_BINARY).isPresent();
  }

  static DockerState load(GuestFs fs) {
    Optional<GuestFs.GuestFile> file = fs.read(STATE_PATH);
    if (file.isEmpty()) {
      return new DockerState();
    }
    try {
      return MAPPER.readValue(file.get().content(), DockerState.class);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt simulated docker state", e);
    }
  }

  void save(GuestFs fs) {
    try {
      fs.write(STATE_PATH, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this)
          .getBytes(StandardCharsets.UTF_8), 0600);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
