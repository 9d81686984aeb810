package dev.proximity.examples.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server's JSON mapping: snake_case field names, strict decoding (unknown fields, trailing data,
 * coerced scalars and nulls for primitives are refused) and errors that name the offending field.
 *
 * <p>The SDK's own mapper is lenient on purpose (it reads Proxmox); the API is strict on purpose (it
 * reads untrusted clients), so the server owns this separate mapper. Thread-safe.
 */
public final class JsonCodec {
  private final ObjectMapper mapper;

  /** Creates the codec with the server's configuration. */
  public JsonCodec() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 20).build())
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();
  }

  /**
   * Encodes a value as UTF-8 JSON.
   *
   * @param value a record, map, list or scalar
   * @return the bytes
   */
  public byte[] encode(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + value.getClass().getName(), e);
    }
  }

  /**
   * Encodes a value as a JSON string.
   *
   * @param value the value
   * @return the JSON text
   */
  public String encodeToString(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + value.getClass().getName(), e);
    }
  }

  /**
   * Decodes a request body.
   *
   * @param body the bytes
   * @param type the target type
   * @param <T> the type
   * @return the value
   * @throws ApiException 400 naming the problem
   */
  public <T> T decode(byte[] body, Class<T> type) {
    try {
      T value = mapper.readValue(body, type);
      if (value == null) {
        throw ApiException.badRequest("the request body must be a JSON object, not null");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      List<String> known = new ArrayList<>();
      if (e.getKnownPropertyIds() != null) {
        e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
      }
      known.sort(null);
      throw new ApiException(
          400,
          "unknown_field",
          "unknown field '" + e.getPropertyName() + "'; allowed fields: " + String.join(", ", known),
          Map.of("field", e.getPropertyName(), "allowed_fields", known));
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ApiException(400, "invalid_request", cleanMessage(cause.getMessage()));
    } catch (InvalidFormatException e) {
      String field = fieldPath(e);
      throw new ApiException(
          400,
          "invalid_field",
          field + ": expected " + simpleTypeName(e.getTargetType()),
          Map.of("field", field));
    } catch (MismatchedInputException e) {
      String field = fieldPath(e);
      String message =
          field.isEmpty()
              ? "the request body must be a JSON object with the documented fields"
              : field + ": expected " + simpleTypeName(e.getTargetType());
      throw new ApiException(400, field.isEmpty() ? "invalid_request" : "invalid_field", message,
          field.isEmpty() ? Map.of() : Map.of("field", field));
    } catch (JsonParseException e) {
      throw new ApiException(
          400,
          "malformed_json",
          "the request body is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "malformed_json", "the request body is not valid JSON");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses JSON text into a tree, for documents the server itself owns.
   *
   * @param bytes the JSON bytes
   * @return the tree
   * @throws UncheckedIOException if the bytes are not JSON
   */
  public JsonNode tree(byte[] bytes) {
    try {
      return mapper.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Converts a value to a tree.
   *
   * @param value the value
   * @return the tree
   */
  public JsonNode toTree(Object value) {
    return mapper.valueToTree(value);
  }

  /**
   * Decodes a document the server itself wrote (leniency is not needed: it is the server's format).
   *
   * @param bytes the JSON bytes
   * @param type the type
   * @param <T> the type
   * @return the value
   * @throws IOException if the document cannot be read
   */
  public <T> T read(byte[] bytes, Class<T> type) throws IOException {
    return mapper.readValue(bytes, type);
  }

  private static String fieldPath(MismatchedInputException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String simpleTypeName(Class<?> type) {
    if (type == null) {
      return "a different value";
    }
    if (type == String.class || type.isEnum()) {
      return "a string";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "an object";
    }
    if (List.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String cleanMessage(String message) {
    if (message == null) {
      return "invalid request body";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
