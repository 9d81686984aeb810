package dev.proximity.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * The official Compose Specification JSON schema (src/test/resources/compose-spec.json, see
 * compose-spec.SOURCE.md), loaded once.
 *
 * <p>The schema declares {@code "$schema": "https://json-schema.org/draft-07/schema"}: draft-07,
 * written with https and without the trailing '#'. The validator knows draft-07 under
 * {@code http://json-schema.org/draft-07/schema#}, so the https spelling is registered as an alias
 * of the built-in draft-07 meta-schema; nothing is ever fetched from the network.
 */
final class ComposeSchema {
  static final String DECLARED_META_SCHEMA = "https://json-schema.org/draft-07/schema";
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final JsonSchema SCHEMA = load();

  private ComposeSchema() {}

  private static JsonSchema load() {
    try (InputStream in = ComposeSchema.class.getResourceAsStream("/compose-spec.json")) {
      JsonNode node = new ObjectMapper().readTree(in);
      if (!DECLARED_META_SCHEMA.equals(node.path("$schema").asText())) {
        throw new IllegalStateException("compose-spec.json changed its $schema: "
            + node.path("$schema").asText() + "; check the draft and update this class");
      }
      JsonSchemaFactory factory = JsonSchemaFactory.builder(
              JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7))
          .metaSchema(JsonMetaSchema.builder(DECLARED_META_SCHEMA, JsonMetaSchema.getV7())
              // draft 2019-09 annotation used by the Compose schema; it does not validate.
              .keyword(new NonValidationKeyword("deprecated"))
              .build())
          .build();
      // The schema's $id is relative (compose_spec.json); give it a base so it resolves offline.
      return factory.getSchema(SchemaLocation.of("classpath:compose-spec.json"), node,
          SchemaValidatorsConfig.builder().build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Validates a YAML compose document; returns the schema violations, empty when valid. */
  static List<String> violations(String yaml) {
    JsonNode doc;
    try {
      doc = YAML.readTree(yaml);
    } catch (IOException e) {
      return List.of("not YAML: " + e.getMessage());
    }
    Set<ValidationMessage> errors = SCHEMA.validate(doc);
    return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
