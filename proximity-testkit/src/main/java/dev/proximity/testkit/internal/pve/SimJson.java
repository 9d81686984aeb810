package dev.proximity.testkit.internal.pve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the simulator; nothing else in the testkit's PVE side creates one. */
public final class SimJson {
  /** The shared mapper: unknown properties ignored, no module discovery. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private SimJson() {}

  /**
   * Serialises a value.
   *
   * @param value maps, lists, strings, numbers, or null
   * @return the JSON text
   */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise simulator response", e);
    }
  }
}
