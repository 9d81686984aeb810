package dev.proximity.catalog.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.proximity.catalog.CatalogException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Owns the one YAML mapper of proximity-catalog and its configuration.
 *
 * <p>Reading is strict: duplicate keys, anchors, aliases, merge keys, explicit tags and
 * multi-document files are refused, since a catalog file that means something different to Compose than to us is a bug.
 * Writing quotes every string, so no value can be re-read as a number, boolean or null by a YAML
 * 1.1 or 1.2 reader, and never folds long lines.
 */
public final class Yaml {
  /** Large enough for any real compose file, small enough to refuse a YAML bomb. */
  private static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

  private static final ObjectMapper MAPPER = createMapper();

  private Yaml() {}

  private static ObjectMapper createMapper() {
    LoaderOptions loader = new LoaderOptions();
    loader.setAllowDuplicateKeys(false);
    loader.setMaxAliasesForCollections(0);
    loader.setCodePointLimit(MAX_CODE_POINTS);
    loader.setAllowRecursiveKeys(false);
    YAMLFactory factory =
        YAMLFactory.builder()
            .loaderOptions(loader)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    YAMLMapper mapper =
        YAMLMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    // A YAML number or boolean where text is expected (version: 1.10) is refused, not coerced.
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return mapper;
  }

  /**
   * Returns the shared, thread-safe mapper.
   *
   * @return the mapper
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Returns the node factory for building trees.
   *
   * @return the factory
   */
  public static JsonNodeFactory nodes() {
    return MAPPER.getNodeFactory();
  }

  /**
   * Parses one YAML document strictly into a tree.
   *
   * @param text the document
   * @param entryId the entry id, for error messages
   * @param file the file name, for error messages
   * @return the root node, never null
   * @throws CatalogException if the text is not one well-formed document or uses anchors/aliases
   */
  public static JsonNode readTree(String text, String entryId, String file) {
    try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
      try {
        refuseAnchorsAndAliases(parser, entryId, file);
      } catch (JsonProcessingException e) {
        throw new CatalogException(entryId, file, path(parser.getParsingContext()),
            "is not well-formed YAML: " + e.getOriginalMessage(), e);
      }
    } catch (IOException e) {
      throw new CatalogException(entryId, file, null, "cannot be read: " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CatalogException(
          entryId, file, null, "is not well-formed YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new CatalogException(entryId, file, null, "is empty; expected a YAML mapping");
    }
    if (!root.isObject()) {
      throw new CatalogException(entryId, file, null, "must be a YAML mapping at the top level");
    }
    return root;
  }

  private static void refuseAnchorsAndAliases(JsonParser parser, String entryId, String file)
      throws IOException {
    YAMLParser yaml = (YAMLParser) parser;
    int documents = 0;
    int depth = 0;
    JsonToken token;
    while ((token = yaml.nextToken()) != null) {
      if (depth == 0) {
        documents++;
        if (documents > 1) {
          throw new CatalogException(
              entryId, file, null, "holds more than one YAML document; use exactly one");
        }
      }
      if (yaml.isCurrentAlias() || yaml.getCurrentAnchor() != null) {
        throw new CatalogException(entryId, file, path(parser.getParsingContext()),
            "uses a YAML anchor or alias; write the value out, anchors are not supported");
      }
      if (token != JsonToken.FIELD_NAME && yaml.getTypeId() != null) {
        throw new CatalogException(entryId, file, path(parser.getParsingContext()),
            "uses the YAML tag '" + yaml.getTypeId() + "'; write plain values, tags are not"
                + " supported");
      }
      if (token == JsonToken.FIELD_NAME && "<<".equals(parser.currentName())) {
        throw new CatalogException(
            entryId, file, "<<", "uses a YAML merge key; write the keys out instead");
      }
      if (token.isStructStart()) {
        depth++;
      } else if (token.isStructEnd()) {
        depth--;
      }
    }
  }

  /** Renders the parser's position as services.web.ports[0], or null at the top level. */
  private static String path(JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        parts.add(0, c.getCurrentName());
      } else if (c.inArray()) {
        parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
      }
    }
    if (parts.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (String part : parts) {
      if (sb.length() > 0 && !part.startsWith("[")) {
        sb.append('.');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  /**
   * Serializes a tree as YAML.
   *
   * @param node the tree
   * @return the YAML text
   */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written as YAML", e);
    }
  }
}
