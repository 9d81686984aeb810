package dev.proximity.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Owns the CLI's one {@link ObjectMapper}: reads the config file and writes {@code --json} output.
 *
 * <p>Output is pretty-printed. The view records in this package hold no {@code Optional}s and no
 * {@code java.time} values (times are ISO-8601 strings), so every field is always present, possibly
 * {@code null}. Their field names are part of the CLI's contract.
 */
final class CliJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private CliJson() {}

  static ObjectMapper mapper() {
    return MAPPER;
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON output: " + e.getOriginalMessage(), e);
    }
  }
}
