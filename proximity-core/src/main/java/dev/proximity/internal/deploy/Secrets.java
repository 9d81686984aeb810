package dev.proximity.internal.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.proximity.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** The secrets.json file: a flat JSON object of secret parameter values. Never logged. */
public final class Secrets {
  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

  private Secrets() {}

  /**
   * Encodes secrets.
   *
   * @param secrets the values
   * @return UTF-8 JSON bytes
   */
  public static byte[] encode(Map<String, String> secrets) {
    try {
      return Json.mapper().writeValueAsString(new TreeMap<>(secrets))
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string map is always serialisable", e);
    }
  }

  /**
   * Decodes secrets read back from a container.
   *
   * @param json the file content
   * @return the values; empty when the content is blank or not a JSON object of strings
   */
  public static Map<String, String> decode(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return Map.copyOf(Json.mapper().readValue(json, MAP));
    } catch (JsonProcessingException e) {
      return Map.of(); // the message could quote a secret: never surface it
    }
  }
}
