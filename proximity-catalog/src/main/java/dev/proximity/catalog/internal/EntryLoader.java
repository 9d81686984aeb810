package dev.proximity.catalog.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.proximity.catalog.CatalogException;
import dev.proximity.catalog.HealthCheck;
import dev.proximity.catalog.VolumeSpec;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.PortSpec;
import dev.proximity.spi.ResourceHints;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Loads and validates one catalog entry from the text of its {@code app.yaml} and
 * {@code compose.yaml}. Every rule failure is a {@link CatalogException} naming the file, the
 * field and the rule.
 */
public final class EntryLoader {
  /** The descriptor file name. */
  public static final String APP_FILE = "app.yaml";
  /** The compose file name. */
  public static final String COMPOSE_FILE = "compose.yaml";

  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");
  private static final String RESERVED_ID_PREFIX = "px-";
  private static final Pattern VOLUME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  private final String folder;
  private final String appFile;
  private final String composeFile;
  private String entryId;

  private EntryLoader(String folder) {
    this.folder = folder;
    this.appFile = folder + "/" + APP_FILE;
    this.composeFile = folder + "/" + COMPOSE_FILE;
    this.entryId = folder;
  }

  /**
   * Loads one entry.
   *
   * @param folder the entry's folder name, which must equal its id
   * @param appText the text of app.yaml
   * @param composeText the text of compose.yaml
   * @param origin where the folder lives, for {@code CatalogEntry.origin()}
   * @return the validated entry
   * @throws CatalogException for the first rule broken
   */
  public static dev.proximity.catalog.CatalogEntry load(
      String folder, String appText, String composeText, String origin) {
    return new EntryLoader(folder).run(appText, composeText, origin);
  }

  private LoadedEntry run(String appText, String composeText, String origin) {
    JsonNode appTree = Yaml.readTree(appText, entryId, appFile);
    AppDescriptor d = bind(appTree);
    String id = required(d.id(), "id");
    if (!Hostnames.isLabel(id)) {
      fail("id", "'" + id + "' is not a valid hostname label (a-z, 0-9 and '-', 1..63 chars,"
          + " no leading or trailing '-')");
    }
    if (id.startsWith(RESERVED_ID_PREFIX)) {
      // app containers carry px-version-.., px-owner-.. tags beside a tag named after the id
      fail("id", "'" + id + "' starts with '" + RESERVED_ID_PREFIX + "', which is reserved for"
          + " the tags Proximity puts on app containers; choose another id");
    }
    if (!id.equals(folder)) {
      fail("id", "'" + id + "' must equal the entry's folder name '" + folder + "'");
    }
    entryId = id;
    String name = required(d.name(), "name");
    if (name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
      fail("name", "must be at most 64 characters without control characters");
    }
    String version = required(d.version(), "version");
    if (!VERSION.matcher(version).matches()) {
      fail("version", "must match " + VERSION.pattern() + ", such as 1.27.3 or 6.8.1-2");
    }
    String description = required(d.description(), "description").strip();
    String category = required(d.category(), "category");
    if (!Hostnames.isLabel(category)) {
      fail("category", "must be a lower-case slug such as 'monitoring' or 'smart-home'");
    }
    List<String> tags = tags(d.tags());
    Optional<URI> icon = d.icon() == null ? Optional.empty() : Optional.of(url(d.icon(), "icon"));
    URI homepage = url(required(d.homepage(), "homepage"), "homepage");
    URI source = url(required(d.source(), "source"), "source");
    List<PortSpec> ports = ports(d.ports());
    Optional<PortSpec> webPort = webPort(d.webPort(), ports);
    List<VolumeSpec> volumes = volumes(d.volumes());
    List<ParamDef> params = new DescriptorRules(entryId, appFile).parameters(d.parameters());
    ResourceHints resources = resources(d.resources());
    Optional<HealthCheck> check = new DescriptorRules(entryId, appFile).healthCheck(d.healthCheck());
    String notes = d.notes() == null ? "" : d.notes().strip();

    JsonNode compose = Yaml.readTree(composeText, entryId, composeFile);
    ComposeRules.Result result = ComposeRules.check(compose, entryId, composeFile);
    crossCheck(result, compose, ports, volumes, params, check);

    LoadedEntry.Info info = new LoadedEntry.Info(id, name, version, description, category, tags,
        icon, homepage, source, webPort, ports, volumes, resources, check, notes, origin);
    return new LoadedEntry(info, params, compose, composeText, result.images());
  }

  private AppDescriptor bind(JsonNode tree) {
    try {
      return Yaml.mapper().treeToValue(tree, AppDescriptor.class);
    } catch (UnrecognizedPropertyException e) {
      Set<String> known = new TreeSet<>();
      e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      throw new CatalogException(entryId, appFile, path(e),
          "unknown key '" + e.getPropertyName() + "'; allowed keys here: " + known, e);
    } catch (MismatchedInputException e) {
      String type = e.getTargetType() == null ? "another type" : typeName(e.getTargetType());
      throw new CatalogException(entryId, appFile, path(e),
          "has the wrong type: expected " + type, e);
    } catch (JsonProcessingException e) {
      throw new CatalogException(entryId, appFile, null,
          "cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  private static String typeName(Class<?> type) {
    if (type == String.class) {
      return "a string (quote values such as versions: \"1.10\")";
    }
    if (type == Integer.class || type == int.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping";
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  private List<String> tags(List<String> raw) {
    if (raw == null) {
      return List.of();
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String tag = raw.get(i);
      if (!Hostnames.isLabel(tag)) {
        fail("tags[" + i + "]", "tags must be lower-case slugs such as 'reverse-proxy'");
      }
      if (!seen.add(tag)) {
        fail("tags[" + i + "]", "duplicate tag '" + tag + "'");
      }
    }
    return List.copyOf(seen);
  }

  private URI url(String text, String field) {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
        fail(field, "must be an absolute http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      fail(field, "must be an absolute http(s) URL");
      return null;
    }
  }

  private List<PortSpec> ports(List<AppDescriptor.Port> raw) {
    if (raw == null) {
      return List.of();
    }
    List<PortSpec> ports = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < raw.size(); i++) {
      AppDescriptor.Port p = raw.get(i);
      String at = "ports[" + i + "]";
      if (p == null || p.port() == null) {
        fail(at + ".port", "is required");
      }
      if (p.port() < 1 || p.port() > 65535) {
        fail(at + ".port", "port " + p.port() + " is out of range 1..65535");
      }
      String protocol = p.protocol() == null ? "tcp" : p.protocol();
      if (!protocol.equals("tcp") && !protocol.equals("udp")) {
        fail(at + ".protocol", "must be tcp or udp, got '" + protocol + "'");
      }
      Integer previous = seen.putIfAbsent(p.port() + "/" + protocol, i);
      if (previous != null) {
        fail(at + ".port", "duplicate port " + p.port() + "/" + protocol
            + ", already declared at ports[" + previous + "]");
      }
      ports.add(new PortSpec(p.port(), protocol, p.description()));
    }
    return List.copyOf(ports);
  }

  private Optional<PortSpec> webPort(Integer webPort, List<PortSpec> ports) {
    if (webPort == null) {
      return Optional.empty();
    }
    if (webPort < 1 || webPort > 65535) {
      fail("webPort", "port " + webPort + " is out of range 1..65535");
    }
    return Optional.of(ports.stream()
        .filter(p -> p.port() == webPort && p.protocol().equals("tcp"))
        .findFirst()
        .orElseThrow(() -> new CatalogException(entryId, appFile, "webPort",
            "web port " + webPort + " must also be declared under ports with protocol tcp")));
  }

  private List<VolumeSpec> volumes(List<AppDescriptor.Volume> raw) {
    if (raw == null) {
      return List.of();
    }
    List<VolumeSpec> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      AppDescriptor.Volume v = raw.get(i);
      String name = v == null ? null : v.name();
      if (name == null || !VOLUME.matcher(name).matches()) {
        fail("volumes[" + i + "].name", "must match " + VOLUME.pattern());
      }
      if (!seen.add(name)) {
        fail("volumes[" + i + "].name", "duplicate volume '" + name + "'");
      }
      out.add(new VolumeSpec(name, v.description()));
    }
    return List.copyOf(out);
  }

  private ResourceHints resources(AppDescriptor.Resources r) {
    if (r == null) {
      fail("resources", "is required: give minimum and recommended cores, memoryMb, diskGb");
    }
    AppDescriptor.Level min = r.minimum();
    AppDescriptor.Level rec = r.recommended();
    if (min == null) {
      fail("resources.minimum", "is required");
    }
    if (rec == null) {
      fail("resources.recommended", "is required");
    }
    int[] minimum = level(min, "resources.minimum");
    int[] recommended = level(rec, "resources.recommended");
    try {
      return new ResourceHints(minimum[0], minimum[1], minimum[2],
          recommended[0], recommended[1], recommended[2]);
    } catch (IllegalArgumentException e) {
      fail("resources", e.getMessage());
      return null;
    }
  }

  private int[] level(AppDescriptor.Level level, String at) {
    if (level.cores() == null) {
      fail(at + ".cores", "is required");
    }
    if (level.memoryMb() == null) {
      fail(at + ".memoryMb", "is required");
    }
    if (level.diskGb() == null) {
      fail(at + ".diskGb", "is required");
    }
    return new int[] {level.cores(), level.memoryMb(), level.diskGb()};
  }

  private void crossCheck(ComposeRules.Result compose, JsonNode tree, List<PortSpec> ports,
      List<VolumeSpec> volumes, List<ParamDef> params, Optional<HealthCheck> check) {
    Set<String> declared = new HashSet<>();
    params.forEach(p -> declared.add(p.name()));
    for (Map.Entry<String, String> ref : compose.references().entrySet()) {
      if (!declared.contains(ref.getKey())) {
        throw new CatalogException(entryId, composeFile, ref.getValue(), "parameter '"
            + ref.getKey() + "' is referenced but not declared under parameters in " + APP_FILE);
      }
    }
    for (int i = 0; i < params.size(); i++) {
      if (!compose.references().containsKey(params.get(i).name())) {
        fail("parameters[" + i + "].name", "parameter '" + params.get(i).name()
            + "' is declared but never used in " + COMPOSE_FILE);
      }
    }
    for (ParamDef p : params) {
      String at = compose.contentReferences().get(p.name());
      AppParameter.Type type = p.parameter().type();
      if (at != null && p.pattern() == null && type != AppParameter.Type.INTEGER
          && type != AppParameter.Type.BOOLEAN && type != AppParameter.Type.PORT) {
        throw new CatalogException(entryId, composeFile, at, "parameter '" + p.name()
            + "' becomes part of a config file's syntax here; give it a pattern in " + APP_FILE
            + " that admits only safe values");
      }
    }
    Set<String> declaredPorts = new HashSet<>();
    ports.forEach(p -> declaredPorts.add(p.port() + "/" + p.protocol()));
    for (Map.Entry<String, String> published : compose.publishedPorts().entrySet()) {
      if (!declaredPorts.contains(published.getKey())) {
        throw new CatalogException(entryId, composeFile, published.getValue(), "port "
            + published.getKey() + " is published but not declared under ports in " + APP_FILE);
      }
    }
    Set<String> volumeNames = new LinkedHashSet<>();
    volumes.forEach(v -> volumeNames.add(v.name()));
    for (String v : compose.volumes()) {
      if (!volumeNames.contains(v)) {
        throw new CatalogException(entryId, composeFile, "volumes." + v, "volume '" + v
            + "' is not declared under volumes in " + APP_FILE);
      }
    }
    for (int i = 0; i < volumes.size(); i++) {
      if (!compose.volumes().contains(volumes.get(i).name())) {
        fail("volumes[" + i + "].name", "volume '" + volumes.get(i).name()
            + "' is not declared under the top-level volumes of " + COMPOSE_FILE);
      }
    }
    if (check.isPresent()) {
      String service = check.get().service();
      if (!compose.services().contains(service)) {
        fail("healthCheck.service", "service '" + service + "' does not exist in "
            + COMPOSE_FILE + "; services: " + compose.services());
      }
      if (tree.get("services").get(service).has("healthcheck")) {
        throw new CatalogException(entryId, composeFile, "services." + service + ".healthcheck",
            "conflicts with healthCheck in " + APP_FILE + "; declare it in one place");
      }
    }
  }

  private String required(String value, String field) {
    if (value == null || value.isBlank()) {
      fail(field, "is required");
    }
    return value;
  }

  private void fail(String field, String rule) {
    throw new CatalogException(entryId, appFile, field, rule);
  }
}
