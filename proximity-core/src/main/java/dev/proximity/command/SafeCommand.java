package dev.proximity.command;

import dev.proximity.command.SafeCommandRefusedException.Reason;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One of the closed set of read-only diagnostic commands Proximity runs inside an app container:
 * {@code logs}, {@code status}, {@code disk}, {@code processes}, {@code memory}, {@code network},
 * {@code images}, {@code volumes}, {@code config} and {@code system}.
 *
 * <p>Each command is a record with typed, validated parameters and produces one fixed argv (run as
 * {@code pct exec VMID -- argv...}); docs/safe-commands.md lists them all. Text from a caller
 * (an HTTP query string, a CLI argument) enters only through {@link #parse(String, Map)}, which
 * refuses unknown names and bad parameters before any connection is made.
 *
 * <pre>{@code
 * SafeCommand logs = SafeCommand.parse("logs", Map.of("tail", "200", "service", "web"));
 * SafeCommand disk = new DiskCommand();
 * SafeCommandResult r = SafeCommands.run(shell, 101, logs, "alice", AuditSink.slf4j());
 * }</pre>
 */
public sealed interface SafeCommand
    permits LogsCommand, StatusCommand, DiskCommand, ProcessesCommand, MemoryCommand,
        NetworkCommand, ImagesCommand, VolumesCommand, ConfigCommand, SystemCommand {

  /** The app directory inside the container (docs/container-contract.md). */
  String APP_DIR = "/opt/proximity/app";

  /** The Compose file inside the container (docs/container-contract.md). */
  String COMPOSE_FILE = APP_DIR + "/compose.yaml";

  /** The {@code docker compose} prefix every Compose-based command starts with. */
  List<String> COMPOSE =
      List.of("docker", "compose", "--project-directory", APP_DIR, "-f", COMPOSE_FILE);

  /**
   * Returns the command's name, as accepted by {@link #parse(String, Map)}.
   *
   * @return e.g. {@code logs}
   */
  String name();

  /**
   * Returns the exact argv run inside the container.
   *
   * @return an immutable argv
   */
  List<String> argv();

  /**
   * Returns the command's parameters in canonical text form, for audit events and display.
   *
   * @return an immutable map, empty for commands without parameters
   */
  Map<String, String> parameters();

  /**
   * Whether the output is passed through {@link Redaction#redactConfig(String)} before it is
   * returned: true for {@code config}.
   *
   * @return whether secrets are masked in the output
   */
  default boolean redactsOutput() {
    return false;
  }

  /**
   * Returns the names of all safe commands.
   *
   * @return the closed set of names
   */
  static Set<String> names() {
    return Set.of("logs", "status", "disk", "processes", "memory", "network", "images", "volumes",
        "config", "system");
  }

  /**
   * Parses a command from untrusted text, e.g. a request's path and query parameters.
   *
   * @param name the command name, one of {@link #names()}
   * @param parameters the parameters as text; only {@code logs} takes any
   * @return the validated command
   * @throws SafeCommandRefusedException for an unknown name, an unknown parameter, or an invalid
   *     value
   */
  static SafeCommand parse(String name, Map<String, String> parameters) {
    Objects.requireNonNull(parameters, "parameters");
    String requested = name == null ? "null" : name;
    if (name == null || !names().contains(name)) {
      throw new SafeCommandRefusedException(Reason.UNKNOWN_COMMAND, requested, null,
          "unknown safe command " + SafeCommandRefusedException.shown(name)
              + "; allowed: " + String.join(", ", new java.util.TreeSet<>(names())));
    }
    if (name.equals("logs")) {
      return LogsCommand.parse(parameters);
    }
    if (!parameters.isEmpty()) {
      String key = new java.util.TreeSet<>(parameters.keySet()).first();
      throw new SafeCommandRefusedException(Reason.UNKNOWN_PARAMETER, name, key,
          "safe command " + name + " takes no parameters; got "
              + SafeCommandRefusedException.shown(key));
    }
    switch (name) {
      case "status":
        return new StatusCommand();
      case "disk":
        return new DiskCommand();
      case "processes":
        return new ProcessesCommand();
      case "memory":
        return new MemoryCommand();
      case "network":
        return new NetworkCommand();
      case "images":
        return new ImagesCommand();
      case "volumes":
        return new VolumesCommand();
      case "config":
        return new ConfigCommand();
      default:
        return new SystemCommand();
    }
  }
}
