package dev.proximity.internal.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.ServiceStatus;
import dev.proximity.internal.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Parses {@code docker compose ps --format json}: one object per line, or one array (old Compose). */
public final class ComposeStatus {
  private ComposeStatus() {}

  /**
   * Parses the output.
   *
   * @param stdout the command output
   * @return the services, sorted by name
   */
  public static List<ServiceStatus> parse(String stdout) {
    List<ServiceStatus> out = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      String trimmed = line.trim();
      if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
        continue;
      }
      JsonNode node = read(trimmed);
      if (node == null) {
        continue;
      }
      if (node.isArray()) {
        node.forEach(n -> out.add(toStatus(n)));
      } else if (node.isObject()) {
        out.add(toStatus(node));
      }
    }
    out.sort(Comparator.comparing(ServiceStatus::service));
    return List.copyOf(out);
  }

  /**
   * Whether an app with these services is healthy: at least one service, all healthy.
   *
   * @param services the parsed services
   * @return {@code true} when healthy
   */
  public static boolean healthy(List<ServiceStatus> services) {
    return !services.isEmpty() && services.stream().allMatch(ServiceStatus::healthy);
  }

  /**
   * Describes what is not healthy, for timeouts and errors.
   *
   * @param services the parsed services
   * @return e.g. {@code db: running/starting}
   */
  public static String describeUnhealthy(List<ServiceStatus> services) {
    if (services.isEmpty()) {
      return "no services are running";
    }
    StringBuilder sb = new StringBuilder();
    for (ServiceStatus s : services) {
      if (!s.healthy()) {
        sb.append(sb.length() == 0 ? "" : ", ").append(s.service()).append(": ").append(s.state());
        if (!s.health().isEmpty()) {
          sb.append('/').append(s.health());
        }
      }
    }
    return sb.length() == 0 ? "all services healthy" : sb.toString();
  }

  /**
   * Whether any service has failed for good (exited or unhealthy), so waiting longer is useless.
   *
   * @param services the parsed services
   * @return {@code true} when a service exited or reports unhealthy
   */
  public static boolean failed(List<ServiceStatus> services) {
    return services.stream()
        .anyMatch(s -> "exited".equals(s.state()) || "unhealthy".equals(s.health()));
  }

  /**
   * One container of {@code docker compose ps --all --format json}.
   *
   * @param service the service
   * @param state the container state
   * @param containerId the container id
   * @param image the image reference of the service
   */
  record Container(String service, String state, String containerId, String image) {}

  /**
   * Parses the containers with their ids and images.
   *
   * @param stdout the command output
   * @return the containers, sorted by service
   */
  static List<Container> containers(String stdout) {
    List<Container> out = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      String trimmed = line.trim();
      JsonNode node = trimmed.startsWith("{") || trimmed.startsWith("[") ? read(trimmed) : null;
      if (node == null) {
        continue;
      }
      for (JsonNode n : node.isArray() ? node : List.of(node)) {
        out.add(new Container(n.path("Service").asText(n.path("Name").asText("?")),
            n.path("State").asText(""), n.path("ID").asText(""), n.path("Image").asText("")));
      }
    }
    out.sort(Comparator.comparing(Container::service));
    return List.copyOf(out);
  }

  private static JsonNode read(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (IOException e) {
      return null; // a stray line that is not JSON: not a service
    }
  }

  private static ServiceStatus toStatus(JsonNode n) {
    return new ServiceStatus(
        n.path("Service").asText(n.path("Name").asText("?")),
        n.path("State").asText(""),
        n.path("Health").asText(""));
  }
}
