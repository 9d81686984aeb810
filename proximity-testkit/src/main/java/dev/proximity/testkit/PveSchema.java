package dev.proximity.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.testkit.internal.pve.SchemaChecks;
import dev.proximity.testkit.internal.pve.SimJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates Proxmox VE API requests against the bundled structural schema (PVE 9.1), the way the
 * Proxmox server does before a handler runs.
 *
 * <p>The schema holds only the endpoints the simulator serves (see {@code pve-api-schema.SOURCE.txt}
 * beside it). Checks: unknown parameters (unless the endpoint allows extra ones), missing required
 * parameters, types ({@code 0}/{@code 1} booleans in form data, integers, numbers), ranges, enums,
 * full-match patterns, lengths, list formats, property strings against their sub-schema, and path
 * parameters. Violations carry Proxmox's messages; {@link #errorBody(List)} renders the 400 body.
 *
 * <pre>{@code
 * List<PveSchema.Violation> v = PveSchema.bundled()
 *     .validate("POST", "/nodes/pve/lxc", Map.of("vmid", List.of("100"), "ostemplate", List.of("local:vztmpl/x.tar.zst")));
 * }</pre>
 *
 * <p>Thread-safe and immutable once loaded.
 */
public final class PveSchema {
  private static final Pattern INDEXED = Pattern.compile("^([a-z]+)(\\d+)$");
  private static volatile PveSchema bundled;

  private final List<Endpoint> endpoints;

  /**
   * One endpoint of the schema: method, path template and whether API tokens may call it.
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param pathTemplate the path with {@code {name}} placeholders, e.g. {@code /nodes/{node}/lxc}
   * @param allowToken whether an API token may call the endpoint
   * @param additionalParameters whether parameters beyond the declared ones are accepted
   * @param parameters the declared parameters, as schema nodes
   */
  public record Endpoint(String method, String pathTemplate, boolean allowToken,
      boolean additionalParameters, List<JsonNode> parameters) {
    /**
     * Copies the parameter list.
     *
     * @param method the HTTP method, e.g. {@code POST}
     * @param pathTemplate the path with {@code {name}} placeholders, e.g. {@code /nodes/{node}/lxc}
     * @param allowToken whether an API token may call the endpoint
     * @param additionalParameters whether parameters beyond the declared ones are accepted
     * @param parameters the declared parameters, as schema nodes, copied
     */
    public Endpoint {
      parameters = List.copyOf(parameters);
    }
  }

  /**
   * A matched request: the endpoint and the (decoded) values of its path parameters.
   *
   * @param endpoint the endpoint the request matched
   * @param pathParameters the decoded path parameter values by name, in path order
   */
  public record Match(Endpoint endpoint, Map<String, String> pathParameters) {
    /**
     * Copies the map.
     *
     * @param endpoint the endpoint the request matched
     * @param pathParameters the decoded path parameter values by name, in path order, copied
     */
    public Match {
      pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
    }
  }

  /** One rejected parameter, with Proxmox's message for it. */
  public record Violation(String parameter, String message) {}

  private PveSchema(List<Endpoint> endpoints) {
    this.endpoints = List.copyOf(endpoints);
  }

  /**
   * Returns the schema bundled with the testkit.
   *
   * @return the shared instance
   */
  public static PveSchema bundled() {
    PveSchema s = bundled;
    if (s == null) {
      synchronized (PveSchema.class) {
        if (bundled == null) {
          bundled = load();
        }
        s = bundled;
      }
    }
    return s;
  }

  private static PveSchema load() {
    try (InputStream in = PveSchema.class.getResourceAsStream("pve-api-schema.json")) {
      if (in == null) {
        throw new IllegalStateException("pve-api-schema.json missing from the testkit jar");
      }
      JsonNode root = SimJson.MAPPER.readTree(in);
      List<Endpoint> list = new ArrayList<>();
      for (JsonNode e : root.get("endpoints")) {
        List<JsonNode> params = new ArrayList<>();
        e.get("parameters").forEach(params::add);
        list.add(new Endpoint(e.get("method").asText(), e.get("path").asText(),
            e.get("allowtoken").asBoolean(), e.get("parameters_additional").asBoolean(), params));
      }
      return new PveSchema(list);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read pve-api-schema.json", e);
    }
  }

  /**
   * Lists every endpoint in the schema.
   *
   * @return the endpoints, in API tree order
   */
  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /**
   * Finds the endpoint for a method and a concrete path.
   *
   * @param method HTTP method
   * @param path API path such as {@code /nodes/pve/lxc/101/config}, with or without the
   *     {@code /api2/json} prefix; path segments may be percent-encoded
   * @return the match, or empty when the schema has no such endpoint
   */
  public Optional<Match> match(String method, String path) {
    String p = path.startsWith("/api2/json/") ? path.substring("/api2/json".length()) : path;
    String[] segs = p.replaceAll("/+$", "").split("/", -1);
    Match best = null;
    int bestLiterals = -1;
    for (Endpoint e : endpoints) {
      if (!e.method().equalsIgnoreCase(method)) {
        continue;
      }
      String[] tpl = e.pathTemplate().split("/", -1);
      if (tpl.length != segs.length) {
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      int literals = 0;
      boolean ok = true;
      for (int i = 0; i < tpl.length && ok; i++) {
        if (tpl[i].startsWith("{")) {
          String v = URLDecoder.decode(segs[i].replace("+", "%2B"), StandardCharsets.UTF_8);
          ok = !v.isEmpty();
          values.put(tpl[i].substring(1, tpl[i].length() - 1), v);
        } else {
          ok = tpl[i].equals(segs[i]);
          literals++;
        }
      }
      if (ok && literals > bestLiterals) {
        best = new Match(e, values);
        bestLiterals = literals;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Validates a request with single-valued parameters.
   *
   * @param method HTTP method
   * @param path concrete API path
   * @param params query or form parameters, not including the path parameters
   * @return the violations, empty when the request is valid
   */
  public List<Violation> validateSingle(String method, String path, Map<String, String> params) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    params.forEach((k, v) -> multi.put(k, List.of(v)));
    return validate(method, path, multi);
  }

  /**
   * Validates a request the way Proxmox does.
   *
   * @param method HTTP method
   * @param path concrete API path
   * @param params query or form parameters (a key may repeat), not including path parameters
   * @return the violations, empty when the request is valid; an unknown endpoint gives one
   *     violation for the pseudo parameter {@code "(path)"}
   */
  public List<Violation> validate(String method, String path, Map<String, List<String>> params) {
    Optional<Match> m = match(method, path);
    if (m.isEmpty()) {
      return List.of(new Violation("(path)", "Method '" + method + " " + path + "' not implemented"));
    }
    return validate(m.get(), params);
  }

  /**
   * Validates the parameters of an already matched request.
   *
   * @param match the matched endpoint and path values
   * @param params query or form parameters
   * @return the violations, empty when the request is valid
   */
  public List<Violation> validate(Match match, Map<String, List<String>> params) {
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode p : match.endpoint().parameters()) {
      byName.put(p.get("name").asText(), p);
    }
    match.pathParameters().forEach((k, v) -> {
      List<String> sent = params.get(k);
      if (sent != null && !(sent.size() == 1 && sent.get(0).equals(v))) {
        errors.put(k, "value in path and parameter differ");
      }
      JsonNode schema = byName.get(k);
      if (schema != null) {
        SchemaChecks.check(k, schema, v, errors);
      }
    });
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      String key = e.getKey();
      if (match.pathParameters().containsKey(key)) {
        continue;
      }
      JsonNode schema = lookup(byName, key);
      if (schema == null) {
        if (!match.endpoint().additionalParameters()) {
          errors.put(key, "property is not defined in schema and the schema does not allow additional properties");
        }
        continue;
      }
      List<String> values = e.getValue();
      String type = schema.path("type").asText();
      if ("array".equals(type)) {
        for (String v : values) {
          SchemaChecks.check(key, schema.path("items"), v, errors);
        }
        continue;
      }
      String value;
      if (values.size() == 1) {
        value = values.get(0);
      } else if (schema.path("format").asText().endsWith("-list")) {
        value = String.join(",", values);
      } else {
        errors.put(key, "type check ('" + type + "') failed - got ARRAY");
        continue;
      }
      SchemaChecks.check(key, schema, value, errors);
      JsonNode requires = schema.get("requires");
      if (requires != null && requires.isTextual() && !params.containsKey(requires.asText())) {
        errors.putIfAbsent(requires.asText(), "missing property - '" + key + "' requires this property");
      }
    }
    for (JsonNode p : match.endpoint().parameters()) {
      String name = p.get("name").asText();
      if (!p.path("optional").asBoolean() && !"path".equals(p.path("in").asText())
          && !params.containsKey(name)) {
        errors.put(name, "property is missing and it is not optional");
      }
    }
    List<Violation> out = new ArrayList<>();
    errors.forEach((k, v) -> out.add(new Violation(k, v)));
    return out;
  }

  private static JsonNode lookup(Map<String, JsonNode> byName, String key) {
    JsonNode direct = byName.get(key);
    if (direct != null) {
      return direct;
    }
    Matcher m = INDEXED.matcher(key);
    if (!m.matches()) {
      return null;
    }
    JsonNode p = byName.get(m.group(1) + "[n]");
    if (p == null) {
      return null;
    }
    JsonNode range = p.get("index_range");
    if (range != null && range.isArray()) {
      int idx;
      try {
        idx = Integer.parseInt(m.group(2));
      } catch (NumberFormatException ex) {
        return null;
      }
      if (idx < range.get(0).asInt() || idx > range.get(1).asInt()) {
        return null;
      }
    }
    return p;
  }

  /**
   * Converts violations to Proxmox's {@code errors} map.
   *
   * @param violations the violations
   * @return parameter name to message, in order
   */
  public static Map<String, String> errors(List<Violation> violations) {
    Map<String, String> map = new LinkedHashMap<>();
    violations.forEach(v -> map.put(v.parameter(), v.message()));
    return Collections.unmodifiableMap(map);
  }

  /**
   * Renders Proxmox's 400 body for these violations.
   *
   * @param violations the violations
   * @return {@code {"data":null,"errors":{...},"message":"Parameter verification failed.\n"}}
   */
  public static String errorBody(List<Violation> violations) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", null);
    body.put("errors", errors(violations));
    body.put("message", "Parameter verification failed.\n");
    return SimJson.write(body);
  }
}
