package dev.proximity.internal.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.proximity.pve.model.ClusterResource;
import java.util.ArrayList;
import java.util.List;

/**
 * Owns the one {@link ObjectMapper} of proximity-core and its configuration.
 *
 * <p>Nothing else in core creates a mapper: Proxmox's lenient typing (0/1 booleans, numbers as
 * strings, unknown fields) is handled here once, for every caller.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .addModule(lenientModule())
          .addModule(new SimpleModule("proxmox-listing")
              .addDeserializer(ClusterResource.class, new ClusterResourceDeserializer()))
          .build();

  private Json() {}

  /**
   * Proxmox answers are loosely typed: 0/1/""/true booleans, numbers as strings, ids as numbers.
   * These deserializers accept all of them for the public model records.
   */
  static SimpleModule lenientModule() {
    SimpleModule m = new SimpleModule("proxmox-lenient");
    m.addDeserializer(boolean.class, new LenientBooleanDeserializer(true));
    m.addDeserializer(Boolean.class, new LenientBooleanDeserializer(false));
    m.addDeserializer(long.class, new LenientNumberDeserializers.Longs(true));
    m.addDeserializer(Long.class, new LenientNumberDeserializers.Longs(false));
    m.addDeserializer(int.class, new LenientNumberDeserializers.Ints(true));
    m.addDeserializer(Integer.class, new LenientNumberDeserializers.Ints(false));
    m.addDeserializer(double.class, new LenientNumberDeserializers.Doubles(true));
    m.addDeserializer(Double.class, new LenientNumberDeserializers.Doubles(false));
    m.addDeserializer(String.class, new LenientStringDeserializer());
    return m;
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
   * Converts a JSON tree to a value with the lenient rules.
   *
   * @param node the tree, may be null
   * @param type the target type
   * @param <T> the target type
   * @return the value, or null for a missing or null node
   * @throws IllegalArgumentException when the tree cannot be converted
   */
  public static <T> T convert(JsonNode node, Class<T> type) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return MAPPER.convertValue(node, type);
  }

  /**
   * Converts a JSON array to an immutable list; a missing or null node gives an empty list.
   *
   * @param node the array
   * @param type the element type
   * @param <T> the element type
   * @return the list
   */
  public static <T> List<T> convertList(JsonNode node, Class<T> type) {
    if (node == null || !node.isArray()) {
      return List.of();
    }
    List<T> out = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      out.add(MAPPER.convertValue(item, type));
    }
    return List.copyOf(out);
  }
}
