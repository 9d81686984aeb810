package dev.proximity.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.internal.json.Json;
import dev.proximity.pve.ConfigLockedException;
import dev.proximity.pve.PveApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps an error answer to a typed exception, once, for every call.
 *
 * <p>The message comes from the body's {@code message} (PVE 8.3+) or else from the status line's
 * reason phrase (older servers, which put the first line of the error there).
 */
final class ErrorMapping {
  private ErrorMapping() {}

  static PveApiException toException(RawResponse raw, ApiRequest request) {
    String message = "";
    Map<String, String> errors = new LinkedHashMap<>();
    if (raw.body().length > 0) {
      try {
        JsonNode root = Json.mapper().readTree(raw.body());
        if (root != null && root.isObject()) {
          message = root.path("message").asText("");
          root.path("errors").fields().forEachRemaining(e -> errors.put(e.getKey(), text(e.getValue())));
        }
      } catch (IOException e) {
        String text = new String(raw.body(), StandardCharsets.UTF_8);
        message = text.length() > 300 ? text.substring(0, 300) : text;
      }
    }
    message = message.strip();
    if (message.isEmpty() && raw.reason() != null) {
      message = raw.reason().strip();
    }
    if (ConfigLockedException.isLockTimeout(message)) {
      return new ConfigLockedException(raw.status(), message, request.method(), request.path());
    }
    return new PveApiException(raw.status(), message, errors, request.method(), request.path());
  }

  private static String text(JsonNode node) {
    return (node.isValueNode() ? node.asText() : node.toString()).strip();
  }
}
