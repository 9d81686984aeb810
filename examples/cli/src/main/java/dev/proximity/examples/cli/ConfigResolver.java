package dev.proximity.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.examples.demo.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Resolves the configuration of one run: flags, then environment variables, then the config file,
 * then defaults.
 *
 * <p>The config file is {@code --config FILE}, else {@code $PROXIMITY_CONFIG}, else
 * {@code $XDG_CONFIG_HOME/proximity/config.json}, else {@code ~/.config/proximity/config.json}; the
 * default file may be absent, a named one must exist. Unknown keys in it are refused, so a typo does
 * not silently fall back to a default.
 */
final class ConfigResolver {
  private final CliEnvironment env;

  ConfigResolver(CliEnvironment env) {
    this.env = env;
  }

  /**
   * Resolves the configuration.
   *
   * @param configFlag the {@code --config} value, or null
   * @param flags values given as flags (for secrets: the file named by the flag), by key
   * @return the resolved configuration
   * @throws CliException (exit 2) when the config file or a secret file cannot be read
   */
  CliConfig resolve(Path configFlag, Map<ConfigKey, String> flags) {
    Optional<Path> file = configFile(configFlag);
    Map<String, String> fileValues = file.map(this::readFile).orElse(Map.of());
    String fileSource = file.map(f -> "file " + f).orElse("");

    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    Map<ConfigKey, Secret> secrets = new EnumMap<>(ConfigKey.class);
    Map<ConfigKey, String> sources = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      String flag = flags.get(key);
      if (key.secret()) {
        if (flag != null) {
          secrets.put(key, readSecret(expand(flag), key, "flag " + key.flag()));
          sources.put(key, "flag " + key.flag());
        } else if (env.variable(key.env()).isPresent()) {
          secrets.put(key, Secret.of(env.variable(key.env()).get()));
          sources.put(key, "env " + key.env());
        } else if (env.variable(key.envFile()).isPresent()) {
          secrets.put(key, readSecret(expand(env.variable(key.envFile()).get()), key, "env " + key.envFile()));
          sources.put(key, "env " + key.envFile());
        } else if (fileValues.containsKey(key.fileKey())) {
          secrets.put(key, readSecret(expand(fileValues.get(key.fileKey())), key, fileSource));
          sources.put(key, fileSource);
        }
        continue;
      }
      String value;
      String source;
      if (flag != null) {
        value = flag;
        source = "flag " + key.flag();
      } else if (env.variable(key.env()).isPresent()) {
        value = env.variable(key.env()).get();
        source = "env " + key.env();
      } else if (fileValues.containsKey(key.fileKey())) {
        value = fileValues.get(key.fileKey());
        source = fileSource;
      } else if (key.defaultValue().isPresent()) {
        value = key.defaultValue().get();
        source = "default";
      } else {
        continue;
      }
      values.put(key, isPath(key) ? expand(value) : value);
      sources.put(key, source);
    }
    return new CliConfig(values, secrets, sources, file);
  }

  private static boolean isPath(ConfigKey key) {
    return key == ConfigKey.CA_FILE || key == ConfigKey.CATALOG_DIR || key == ConfigKey.SSH_KEY_FILE || key == ConfigKey.SSH_KNOWN_HOSTS;
  }

  /** The config file to read, if any. */
  Optional<Path> configFile(Path configFlag) {
    if (configFlag != null) {
      return Optional.of(requireExists(Path.of(expand(configFlag.toString())), "--config"));
    }
    Optional<String> fromEnv = env.variable("PROXIMITY_CONFIG");
    if (fromEnv.isPresent()) {
      return Optional.of(requireExists(Path.of(expand(fromEnv.get())), "PROXIMITY_CONFIG"));
    }
    Path base = env.variable("XDG_CONFIG_HOME").map(Path::of).orElse(env.home().resolve(".config"));
    Path path = base.resolve("proximity").resolve("config.json");
    return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
  }

  private static Path requireExists(Path path, String origin) {
    if (!Files.isRegularFile(path)) {
      throw new CliException(
          ExitCodes.USAGE,
          "config file " + path + " (from " + origin + ") does not exist",
          "create it, or drop " + origin + " to use ~/.config/proximity/config.json");
    }
    return path;
  }

  /** Reads the config file into dotted keys, refusing unknown keys and non-scalar values. */
  private Map<String, String> readFile(Path path) {
    JsonNode root;
    try {
      root = CliJson.mapper().readTree(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot read config file " + path + ": " + Printer.oneLine(e.getMessage()),
          "the file must be a JSON object, see docs/cli.md");
    }
    if (root == null || !root.isObject()) {
      throw new CliException(
          ExitCodes.USAGE, "config file " + path + " is not a JSON object", "see docs/cli.md for an example");
    }
    Map<String, String> known = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKey.values()) {
      known.put(key.fileKey(), key.key());
    }
    Map<String, String> values = new LinkedHashMap<>();
    flatten("", root, values, path);
    for (String key : values.keySet()) {
      if (!known.containsKey(key)) {
        StringJoiner names = new StringJoiner(", ");
        new TreeSet<>(known.keySet()).forEach(names::add);
        throw new CliException(
            ExitCodes.USAGE, "unknown key '" + key + "' in config file " + path, "known keys: " + names);
      }
    }
    return values;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path path) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix + field.getKey();
      JsonNode value = field.getValue();
      if ("ssh.hosts".equals(key) && value.isObject()) {
        StringJoiner pairs = new StringJoiner(",");
        value.fields().forEachRemaining(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
        out.put(key, pairs.toString());
      } else if (value.isObject() && prefix.isEmpty()) {
        flatten(key + ".", value, out, path);
      } else if (value.isValueNode() && !value.isNull()) {
        out.put(key, value.asText());
      } else {
        throw new CliException(
            ExitCodes.USAGE,
            "config key '" + key + "' in " + path + " must be a string or number",
            "see docs/cli.md for an example");
      }
    }
  }

  private Secret readSecret(String file, ConfigKey key, String origin) {
    Path path = Path.of(file);
    try {
      String content = Files.readString(path, StandardCharsets.UTF_8).strip();
      if (content.isEmpty()) {
        throw new CliException(
            ExitCodes.USAGE, "secret file " + path + " for " + key.key() + " (" + origin + ") is empty", "");
      }
      return Secret.of(content.lines().findFirst().orElse(content).strip());
    } catch (NoSuchFileException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "secret file " + path + " for " + key.key() + " (" + origin + ") does not exist",
          "or set " + key.env() + " in the environment instead");
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot read secret file " + path + " for " + key.key() + ": " + e.getClass().getSimpleName(),
          "check the file's permissions");
    }
  }

  /** Expands a leading {@code ~/} to the home directory. */
  String expand(String path) {
    if (path.equals("~")) {
      return env.home().toString();
    }
    if (path.startsWith("~/")) {
      return env.home().resolve(path.substring(2)).toString();
    }
    return path;
  }
}
