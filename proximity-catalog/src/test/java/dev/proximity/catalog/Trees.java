package dev.proximity.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses YAML with an independent, default-configured mapper and describes tree shapes. */
final class Trees {
  private static final YAMLMapper YAML = new YAMLMapper();

  private Trees() {}

  static JsonNode parse(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The shape of a tree: mappings with their keys, sequences with their length, and the type of
   * every scalar; the scalar values themselves are left out.
   */
  static Object shape(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), shape(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(shape(item)));
      return list;
    }
    return node.getNodeType().name();
  }
}
