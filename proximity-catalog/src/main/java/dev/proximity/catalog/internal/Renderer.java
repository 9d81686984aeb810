package dev.proximity.catalog.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proximity.catalog.CatalogException;
import dev.proximity.catalog.HealthCheck;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.RenderedApp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a catalog entry: resolves parameter values, substitutes them into a copy of the parsed
 * compose tree node by node, adds the project name and the health check, and writes YAML.
 *
 * <p>Values only ever become the content of string nodes. The YAML writer quotes and escapes every
 * string, so no value, however hostile, can add a key, an item or a document.
 */
final class Renderer {
  private static final Logger log = LoggerFactory.getLogger(Renderer.class);

  private Renderer() {}

  static RenderedApp render(LoadedEntry entry, Map<String, String> given) {
    Objects.requireNonNull(given, "values");
    Map<String, String> values = resolve(entry, given);
    JsonNode tree = substitute(entry.composeTree(), values);
    ObjectNode document = Yaml.nodes().objectNode();
    document.put("name", entry.id());
    tree.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("name")) {
        document.set(e.getKey(), e.getValue());
      }
    });
    entry.healthCheck().ifPresent(check -> addHealthCheck(document, check));
    Map<String, String> publicValues = new LinkedHashMap<>();
    Map<String, String> secrets = new LinkedHashMap<>();
    for (ParamDef def : entry.parameterDefs()) {
      (def.parameter().secret() ? secrets : publicValues).put(def.name(), values.get(def.name()));
    }
    log.debug("rendered {}@{} with parameters {}", entry.id(), entry.version(), values.keySet());
    return new RenderedApp(entry.id(), entry.version(), Yaml.write(document), publicValues, secrets);
  }

  /** Validates given values and fills in defaults and generated secrets, in declaration order. */
  private static Map<String, String> resolve(LoadedEntry entry, Map<String, String> given) {
    Set<String> declared = new TreeSet<>();
    entry.parameterDefs().forEach(d -> declared.add(d.name()));
    for (Map.Entry<String, String> e : given.entrySet()) {
      if (e.getKey() == null || !declared.contains(e.getKey())) {
        throw new CatalogException(entry.id(), null, "parameters." + e.getKey(),
            "unknown parameter; " + (declared.isEmpty() ? "this app has no parameters"
                : "declared parameters: " + String.join(", ", declared)));
      }
      if (e.getValue() == null) {
        throw new CatalogException(entry.id(), null, "parameters." + e.getKey(),
            "value must not be null; leave the parameter out to use its default");
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (ParamDef def : entry.parameterDefs()) {
      AppParameter p = def.parameter();
      String value = given.get(p.name());
      if (value != null) {
        ParameterValues.check(def, value, entry.id(), null, "parameters." + p.name());
      } else if (p.defaultValue().isPresent()) {
        value = p.defaultValue().get();
      } else if (p.generated()) {
        value = Secrets.generate(def.length());
      } else if (p.required()) {
        throw new CatalogException(entry.id(), null, "parameters." + p.name(),
            "a value is required: " + p.description());
      } else {
        value = "";
      }
      values.put(p.name(), value);
    }
    return values;
  }

  /** Returns a copy of the tree with every marker in a string node replaced. */
  static JsonNode substitute(JsonNode node, Map<String, String> values) {
    if (node.isObject()) {
      ObjectNode copy = Yaml.nodes().objectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), substitute(e.getValue(), values)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = Yaml.nodes().arrayNode(node.size());
      node.forEach(item -> copy.add(substitute(item, values)));
      return copy;
    }
    if (node.isTextual() && Placeholders.containsMarker(node.asText())) {
      return Yaml.nodes().textNode(Placeholders.substitute(node.asText(), values));
    }
    return node.deepCopy();
  }

  private static void addHealthCheck(ObjectNode document, HealthCheck check) {
    ObjectNode service = (ObjectNode) document.get("services").get(check.service());
    ObjectNode healthcheck = service.putObject("healthcheck");
    ArrayNode test = healthcheck.putArray("test");
    check.test().forEach(test::add);
    healthcheck.put("interval", Durations.format(check.interval()));
    healthcheck.put("timeout", Durations.format(check.timeout()));
    healthcheck.put("retries", check.retries());
    healthcheck.put("start_period", Durations.format(check.startPeriod()));
  }
}
