package dev.proximity.scheduler.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Owns proximity-scheduler's one {@link ObjectMapper} (state file, registry token replies).
 *
 * <p>Core's mapper lives in an {@code internal} package that sibling modules must not import, so the
 * scheduler keeps its own, configured the same way: unknown properties are ignored.
 */
public final class SchedulerJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private SchedulerJson() {}

  /**
   * Returns the shared, thread-safe mapper.
   *
   * @return the mapper
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
