package dev.proximity.examples.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Collects the server configuration from, in increasing precedence: a properties or JSON file
 * ({@code --config FILE} or {@code PROXIMITY_CONFIG}), environment variables ({@code PROXIMITY_PVE_URL},
 * ...) and command-line options ({@code --demo}, {@code --port}, {@code --data-dir}, {@code --set k=v}).
 *
 * <p>A JSON file may nest objects: {@code {"pve": {"url": "https://..."}}} is the key {@code pve.url}.
 * Unknown keys in a file or on the command line are errors, so that a typo is not silently ignored.
 */
public final class ConfigLoader {
  /** The environment variable naming a configuration file. */
  public static final String CONFIG_ENV = "PROXIMITY_CONFIG";

  private ConfigLoader() {}

  /**
   * Loads the configuration.
   *
   * @param args the command-line arguments
   * @param env the environment, usually {@link System#getenv()}
   * @return the validated configuration
   * @throws ConfigException on an unknown key, an unreadable file or an invalid value
   */
  public static ServerConfig load(List<String> args, Map<String, String> env) {
    Map<String, String> fromArgs = new LinkedHashMap<>();
    String configFile = env.get(CONFIG_ENV);
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--demo" -> fromArgs.put("demo", "true");
        case "--config" -> configFile = value(args, ++i, arg);
        case "--port" -> fromArgs.put("listen.port", value(args, ++i, arg));
        case "--listen" -> fromArgs.put("listen.address", value(args, ++i, arg));
        case "--data-dir" -> fromArgs.put("data_dir", value(args, ++i, arg));
        case "--mode" -> fromArgs.put("mode", value(args, ++i, arg));
        case "--set" -> {
          String pair = value(args, ++i, arg);
          int eq = pair.indexOf('=');
          if (eq <= 0) {
            throw new ConfigException("--set takes key=value");
          }
          String key = pair.substring(0, eq);
          if (ServerConfig.key(key).map(ServerConfig.Key::secret).orElse(false)) {
            throw new ConfigException(key + " is a secret: give it in the environment or a file, not on the"
                + " command line where other users can read it");
          }
          fromArgs.put(key, pair.substring(eq + 1));
        }
        default -> throw new ConfigException("unknown option '" + arg + "'; see --help");
      }
    }
    Map<String, String> settings = new LinkedHashMap<>();
    if (configFile != null && !configFile.isBlank()) {
      settings.putAll(readFile(Path.of(configFile)));
    }
    for (ServerConfig.Key key : ServerConfig.KEYS) {
      String value = env.get(key.envName());
      if (value != null) {
        settings.put(key.name(), value);
      }
    }
    settings.putAll(fromArgs);
    return ServerConfig.fromSettings(settings);
  }

  /**
   * Reads a properties ({@code .properties}) or JSON ({@code .json}) configuration file.
   *
   * @param file the file
   * @return its settings, flattened to dotted keys
   * @throws ConfigException if it cannot be read or parsed
   */
  public static Map<String, String> readFile(Path file) {
    String name = file.getFileName().toString();
    try {
      if (name.endsWith(".json")) {
        JsonNode root = JsonMapper.builder().build().readTree(file.toFile());
        if (root == null || !root.isObject()) {
          throw new ConfigException(file + ": a JSON configuration must be an object");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", root, flat, file);
        return flat;
      }
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      Map<String, String> result = new LinkedHashMap<>();
      for (String key : properties.stringPropertyNames()) {
        result.put(key, properties.getProperty(key));
      }
      return result;
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getClass().getSimpleName());
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flatten(key, value, out, file);
      } else if (value.isValueNode() && !value.isNull()) {
        out.put(key, value.asText());
      } else if (!value.isNull()) {
        throw new ConfigException(file + ": " + key + " must be a string, number or boolean");
      }
    }
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new ConfigException(option + " needs a value");
    }
    return args.get(index);
  }

  /**
   * Describes every option and key, for {@code --help}.
   *
   * @return the help text
   */
  public static String help() {
    List<String> lines = new ArrayList<>();
    lines.add("Usage: proximity-server [--demo] [--config FILE] [--listen ADDR] [--port N] [--data-dir DIR]");
    lines.add("                        [--mode AUTO|PRO] [--set key=value]...");
    lines.add("");
    lines.add("Settings (file key / environment variable, default):");
    for (ServerConfig.Key key : ServerConfig.KEYS) {
      lines.add(String.format("  %-32s %-40s %s%s", key.name(), key.envName(), key.description(),
          key.defaultValue() == null ? "" : " [" + key.defaultValue() + "]"));
    }
    lines.add("");
    lines.add("Secrets (*.secret, *.password, *.passphrase) are read from the environment or a file only.");
    return String.join(System.lineSeparator(), lines);
  }
}
