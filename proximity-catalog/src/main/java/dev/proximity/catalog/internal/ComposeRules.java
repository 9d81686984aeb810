package dev.proximity.catalog.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.catalog.CatalogException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rules a catalog {@code compose.yaml} must follow beyond the Compose Specification.
 *
 * <p>Conformance with the specification itself is checked by the official JSON schema in tests;
 * these rules are what makes a compose file deployable by Proximity: pinned images only, no
 * build, parameters only where a value cannot turn into syntax, published ports declared in
 * {@code app.yaml}, no relative bind mounts (the project directory holds {@code secrets.json}).
 */
final class ComposeRules {
  private static final Set<String> TOP_LEVEL_KEYS =
      Set.of("name", "services", "networks", "volumes", "configs", "secrets");
  private static final Set<String> REFUSED_SERVICE_KEYS =
      Set.of("build", "container_name", "env_file", "extends", "develop");
  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

  private final String entryId;
  private final String file;
  private final Set<String> images = new LinkedHashSet<>();
  private final Map<String, String> references = new LinkedHashMap<>();
  private final Map<String, String> publishedPorts = new HashMap<>();
  private final Set<String> services = new LinkedHashSet<>();
  private final Map<String, String> contentReferences = new LinkedHashMap<>();

  private ComposeRules(String entryId, String file) {
    this.entryId = entryId;
    this.file = file;
  }

  /** What the rules found in a valid compose file. */
  record Result(List<String> images, Map<String, String> references,
      Map<String, String> contentReferences, Map<String, String> publishedPorts,
      Set<String> services, Set<String> volumes) {}

  /**
   * Checks a compose tree.
   *
   * @param compose the parsed compose.yaml
   * @param entryId the entry id
   * @param file the file name for messages
   * @return the images, referenced parameters, published ports ("80/tcp" to field) and services
   * @throws CatalogException for the first rule broken
   */
  static Result check(JsonNode compose, String entryId, String file) {
    ComposeRules rules = new ComposeRules(entryId, file);
    return rules.run(compose);
  }

  private Result run(JsonNode compose) {
    Iterator<String> keys = compose.fieldNames();
    while (keys.hasNext()) {
      String key = keys.next();
      if (!TOP_LEVEL_KEYS.contains(key) && !key.startsWith("x-")) {
        fail(key, "unknown or unsupported top-level key; allowed: " + new TreeSet<>(TOP_LEVEL_KEYS));
      }
    }
    JsonNode name = compose.get("name");
    if (name != null && !(name.isTextual() && name.asText().equals(entryId))) {
      fail("name", "the project name must be omitted or equal the entry id '" + entryId + "'");
    }
    JsonNode servicesNode = compose.get("services");
    if (servicesNode == null || !servicesNode.isObject() || servicesNode.isEmpty()) {
      fail("services", "must be a mapping with at least one service");
    }
    Set<String> volumes = new LinkedHashSet<>();
    JsonNode volumesNode = compose.get("volumes");
    if (volumesNode != null) {
      if (!volumesNode.isObject()) {
        fail("volumes", "must be a mapping of volume names");
      }
      volumesNode.fields().forEachRemaining(e -> {
        volumes.add(e.getKey());
        JsonNode definition = e.getValue();
        for (String refused : List.of("driver_opts", "external")) {
          if (definition != null && definition.has(refused)) {
            fail("volumes." + e.getKey() + "." + refused, "is not supported: a catalog volume is"
                + " a plain named volume that lives in the app's container");
          }
        }
      });
    }
    for (String section : List.of("configs", "secrets")) {
      JsonNode node = compose.get(section);
      if (node == null) {
        continue;
      }
      if (!node.isObject()) {
        fail(section, "must be a mapping");
      }
      node.fields().forEachRemaining(e -> {
        JsonNode definition = e.getValue();
        if (definition == null || !definition.isObject() || !definition.has("content")
            || definition.has("file") || definition.has("environment")
            || definition.has("external")) {
          fail(section + "." + e.getKey(), "must be inline content: 'file' would read from the"
              + " project directory, which holds the app's secrets, and 'environment' from the"
              + " host");
        }
      });
    }
    servicesNode.fields().forEachRemaining(e -> service(e.getKey(), e.getValue(), volumes));
    walk(compose, compose, List.of());
    return new Result(List.copyOf(images), references, contentReferences, publishedPorts, services,
        volumes);
  }

  private void service(String name, JsonNode service, Set<String> volumes) {
    String at = "services." + name;
    if (!Hostnames.isLabel(name)) {
      fail(at, "service name is not a valid hostname label (a-z, 0-9 and '-', 1..63 chars,"
          + " no leading or trailing '-')");
    }
    services.add(name);
    if (!service.isObject()) {
      fail(at, "must be a mapping");
    }
    for (String refused : REFUSED_SERVICE_KEYS) {
      if (service.has(refused)) {
        fail(at + "." + refused, "is not supported in catalog apps: images are pulled, never"
            + " built, and containers are named by the project");
      }
    }
    JsonNode image = service.get("image");
    if (image == null || !image.isTextual()) {
      fail(at + ".image", "every service needs an image reference");
    }
    checkPinned(at + ".image", image.asText());
    images.add(image.asText());
    JsonNode ports = service.get("ports");
    if (ports != null) {
      if (!ports.isArray()) {
        fail(at + ".ports", "must be a list");
      }
      for (int i = 0; i < ports.size(); i++) {
        port(at + ".ports[" + i + "]", ports.get(i));
      }
    }
    JsonNode mounts = service.get("volumes");
    if (mounts != null && mounts.isArray()) {
      for (int i = 0; i < mounts.size(); i++) {
        mount(at + ".volumes[" + i + "]", mounts.get(i), volumes);
      }
    }
  }

  private void checkPinned(String at, String image) {
    if (Placeholders.containsMarker(image) || image.contains("$")) {
      fail(at, "image '" + image + "' must be a literal reference; parameters cannot choose images");
    }
    int at2 = image.indexOf('@');
    if (at2 >= 0) {
      if (!DIGEST.matcher(image.substring(at2 + 1)).matches()) {
        fail(at, "image '" + image + "' has a malformed digest; use @sha256:<64 hex digits>");
      }
      return;
    }
    String last = image.substring(image.lastIndexOf('/') + 1);
    int colon = last.indexOf(':');
    String tag = colon < 0 ? "" : last.substring(colon + 1);
    if (tag.isEmpty() || tag.equals("latest")) {
      fail(at, "image '" + image + "' is not pinned (no tag or 'latest'); pin a version tag such as "
          + last.replaceAll(":.*$", "") + ":1.2.3");
    }
    if (!TAG.matcher(tag).matches() || tag.chars().noneMatch(Character::isDigit)) {
      fail(at, "image '" + image + "' uses the floating tag '" + tag + "'; pin a version tag"
          + " (a tag that contains a version number)");
    }
  }

  private void port(String at, JsonNode port) {
    if (port.toString().contains(Placeholders.PREFIX)) {
      fail(at, "parameters cannot be used in ports: every app has its own container address,"
          + " so ports are fixed and declared in " + EntryLoader.APP_FILE);
    }
    String published;
    String protocol = "tcp";
    if (port.isObject()) {
      JsonNode p = port.get("published");
      if (p == null) {
        return;
      }
      published = p.asText();
      JsonNode proto = port.get("protocol");
      if (proto != null) {
        protocol = proto.asText();
      }
    } else if (port.isTextual() || port.isNumber()) {
      String text = port.asText();
      int slash = text.indexOf('/');
      if (slash >= 0) {
        protocol = text.substring(slash + 1);
        text = text.substring(0, slash);
      }
      int last = text.lastIndexOf(':');
      if (last < 0) {
        return; // container port only: not published
      }
      String rest = text.substring(0, last);
      published = rest.substring(rest.lastIndexOf(':') + 1);
      if (published.isEmpty()) {
        return; // ip::container - ephemeral host port, nothing to declare
      }
    } else {
      fail(at, "must be a port string or mapping");
      return;
    }
    if (Placeholders.containsMarker(published) || published.contains("-")) {
      fail(at, "published port '" + published + "' must be one literal port number");
    }
    int number;
    try {
      number = Integer.parseInt(published);
    } catch (NumberFormatException e) {
      fail(at, "published port '" + published + "' is not a number");
      return;
    }
    if (number < 1 || number > 65535) {
      fail(at, "published port " + number + " is out of range 1..65535");
    }
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      fail(at, "protocol must be tcp or udp, got '" + protocol + "'");
    }
    String key = number + "/" + protocol;
    String previous = publishedPorts.putIfAbsent(key, at);
    if (previous != null) {
      fail(at, "duplicate port " + key + ", already published at " + previous);
    }
  }

  private void mount(String at, JsonNode mount, Set<String> volumes) {
    String source = null;
    if (mount.isTextual()) {
      String text = mount.asText();
      int colon = text.indexOf(':');
      source = colon < 0 ? null : text.substring(0, colon);
    } else if (mount.isObject() && mount.has("source")) {
      source = mount.get("source").asText();
    }
    if (source == null || source.isEmpty()) {
      return;
    }
    if (source.startsWith(".") || source.startsWith("~")) {
      fail(at, "relative bind mount '" + source + "' is refused: the project directory holds"
          + " the app's secrets; use a named volume");
    }
    String normalized = source.replaceAll("/+", "/").replaceAll("/$", "");
    if (source.startsWith("/") && (normalized.isEmpty() || normalized.contains("/..")
        || normalized.equals("/opt") || normalized.startsWith("/opt/proximity"))) {
      fail(at, "bind mount '" + source + "' is refused: it would expose the host root or"
          + " /opt/proximity, which holds the app's secrets");
    }
    if (!source.startsWith("/") && !volumes.contains(source)) {
      fail(at, "named volume '" + source + "' is not declared under the top-level volumes");
    }
  }

  /** Checks every key and string value for '$' use and parameter placement. */
  private void walk(JsonNode root, JsonNode node, List<String> path) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        List<String> child = append(path, e.getKey());
        if (e.getKey().contains("$")) {
          fail(render(child), "keys must not contain '$' or parameter markers");
        }
        walk(root, e.getValue(), child);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(root, node.get(i), append(path, "[" + i + "]"));
      }
    } else if (node.isTextual()) {
      Set<String> names;
      try {
        names = Placeholders.references(node.asText());
      } catch (IllegalArgumentException e) {
        fail(render(path), e.getMessage());
        return;
      }
      if (!names.isEmpty()) {
        String problem = placementProblem(root, path);
        if (problem != null) {
          fail(render(path), problem);
        }
        names.forEach(n -> references.putIfAbsent(n, render(path)));
        if (path.get(0).equals("configs")) {
          names.forEach(n -> contentReferences.putIfAbsent(n, render(path)));
        }
      }
    }
  }

  /**
   * Parameters may appear only where a value stays one value: environment and label values,
   * exec-form command/entrypoint items (unless a shell interprets them), and inline config content.
   */
  private static String placementProblem(JsonNode root, List<String> path) {
    if (path.size() == 3 && path.get(0).equals("configs") && path.get(2).equals("content")) {
      return null;
    }
    if (path.size() == 4 && path.get(0).equals("services")) {
      String key = path.get(2);
      if (key.equals("environment") || key.equals("labels")) {
        if (path.get(3).startsWith("[")) {
          String text = root.at("/services/" + path.get(1) + "/" + key + "/"
              + path.get(3).substring(1, path.get(3).length() - 1)).asText();
          int marker = text.indexOf(Placeholders.PREFIX);
          if (text.lastIndexOf('=', marker) < 0) {
            return "in the list form, parameters may only follow the '=' of KEY=value";
          }
        }
        return null;
      }
      if ((key.equals("command") || key.equals("entrypoint")) && path.get(3).equals("[0]")) {
        return "parameters must not choose the program to run; use them in later arguments";
      }
      if ((key.equals("command") || key.equals("entrypoint")) && path.get(3).startsWith("[")) {
        JsonNode service = root.get("services").get(path.get(1));
        JsonNode entrypoint = service.get("entrypoint");
        JsonNode command = service.get("command");
        boolean shell = startsWithShell(entrypoint) || startsWithShell(command);
        return shell
            ? "parameters must not be used in a command that a shell interprets; pass the value"
                + " through environment and read it as \"$$NAME\" in the script"
            : null;
      }
    }
    return "parameters may only be used in environment and label values, exec-form (list)"
        + " command/entrypoint items and configs content, where a value cannot become syntax";
  }

  private static List<String> append(List<String> path, String segment) {
    List<String> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(segment);
    return out;
  }

  /** Renders a path as services.web.ports[0]. */
  static String render(List<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String segment : path) {
      if (!segment.startsWith("[") && sb.length() > 0) {
        sb.append('.');
      }
      sb.append(segment);
    }
    return sb.toString();
  }

  private void fail(String field, String rule) {
    throw new CatalogException(entryId, file, field, rule);
  }

  /**
   * Returns whether an exec-form command list starts with a shell, so its items are shell text.
   *
   * @param list the command or entrypoint node
   * @return true when the first item is sh, bash, ... (by base name)
   */
  static boolean startsWithShell(JsonNode list) {
    if (list == null) {
      return false;
    }
    String first = list.isArray() ? (list.isEmpty() ? "" : list.get(0).asText()) : list.asText();
    first = first.trim();
    int space = first.indexOf(' ');
    if (space >= 0) {
      first = first.substring(0, space);
    }
    return SHELLS.contains(first.substring(first.lastIndexOf('/') + 1));
  }
}
