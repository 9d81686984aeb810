package dev.proximity.examples.cli;

import dev.proximity.examples.demo.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved configuration of one run, with typed accessors that fail as usage errors (exit 2)
 * naming the setting and where its bad value came from. Immutable.
 */
final class CliConfig {
  private final Map<ConfigKey, String> values;
  private final Map<ConfigKey, Secret> secrets;
  private final Map<ConfigKey, String> sources;
  private final Optional<Path> file;

  CliConfig(
      Map<ConfigKey, String> values,
      Map<ConfigKey, Secret> secrets,
      Map<ConfigKey, String> sources,
      Optional<Path> file) {
    this.values = values.isEmpty() ? Map.of() : new EnumMap<>(values);
    this.secrets = secrets.isEmpty() ? Map.of() : new EnumMap<>(secrets);
    this.sources = sources.isEmpty() ? Map.of() : new EnumMap<>(sources);
    this.file = file;
  }

  /** The config file that was read, if any. */
  Optional<Path> file() {
    return file;
  }

  Optional<String> value(ConfigKey key) {
    return Optional.ofNullable(values.get(key));
  }

  Optional<Secret> secret(ConfigKey key) {
    return Optional.ofNullable(secrets.get(key));
  }

  /** Every setting with its source, secrets shown only as set or not. */
  List<Setting> settings() {
    List<Setting> settings = new ArrayList<>();
    for (ConfigKey key : ConfigKey.values()) {
      String source = sources.getOrDefault(key, "unset");
      String shown;
      if (key.secret()) {
        shown = secrets.containsKey(key) ? "(set)" : "-";
      } else {
        shown = values.getOrDefault(key, "-");
      }
      settings.add(new Setting(key.key(), shown, source));
    }
    return settings;
  }

  /** The Proxmox VE API endpoint, {@code https://host:8006}. */
  Optional<URI> endpoint() {
    return value(ConfigKey.ENDPOINT).map(v -> {
      URI uri;
      try {
        uri = URI.create(v.contains("://") ? v : "https://" + v + ":8006");
      } catch (IllegalArgumentException e) {
        throw bad(ConfigKey.ENDPOINT, "is not a URL", "use https://HOST:8006");
      }
      if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw bad(ConfigKey.ENDPOINT, "must be an https URL with a host", "use https://HOST:8006");
      }
      return uri;
    });
  }

  /** The operation timeout, from values such as {@code 90s}, {@code 15m}, {@code 1h} or ISO-8601. */
  Duration timeout() {
    String v = value(ConfigKey.TIMEOUT).orElse("15m");
    Duration d = parseDuration(v);
    if (d == null || d.isNegative() || d.isZero()) {
      throw bad(ConfigKey.TIMEOUT, "is not a positive duration", "use e.g. 90s, 15m or 1h");
    }
    return d;
  }

  /** The SSH port. */
  int sshPort() {
    String v = value(ConfigKey.SSH_PORT).orElse("22");
    try {
      int port = Integer.parseInt(v.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(ConfigKey.SSH_PORT, "is not a port number", "use 1..65535");
  }

  /** The SSH address of each node by name, from {@code NODE=HOST[,NODE=HOST...]}. */
  Map<String, String> sshHosts() {
    Map<String, String> hosts = new LinkedHashMap<>();
    String v = value(ConfigKey.SSH_HOSTS).orElse("");
    for (String pair : v.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 1 || eq == pair.length() - 1) {
        throw bad(ConfigKey.SSH_HOSTS, "must be NODE=HOST pairs", "e.g. --ssh-host pve1=10.0.0.2");
      }
      hosts.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return Map.copyOf(hosts);
  }

  /** A path setting, {@code ~/} expanded by the resolver. */
  Optional<Path> path(ConfigKey key) {
    return value(key).map(Path::of);
  }

  /** Builds the usage error for a bad value, naming where it came from. */
  CliException bad(ConfigKey key, String problem, String hint) {
    return new CliException(
        ExitCodes.USAGE,
        "setting " + key.key() + " (" + sources.getOrDefault(key, "default") + ") " + problem,
        hint);
  }

  /** Parses {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT15M}; null if bad. */
  static Duration parseDuration(String text) {
    String v = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("pt") || v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      if (v.length() < 2) {
        return null;
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      switch (v.charAt(v.length() - 1)) {
        case 's':
          return Duration.ofSeconds(n);
        case 'm':
          return Duration.ofMinutes(n);
        case 'h':
          return Duration.ofHours(n);
        case 'd':
          return Duration.ofDays(n);
        default:
          return null;
      }
    } catch (RuntimeException e) {
      return null;
    }
  }
}
