package dev.proximity.testkit.internal.pve;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes parameters the way pve-http-server does: pairs split on {@code &} and {@code ;}, each
 * pair split at {@code =} keeping only the first two parts (so a raw {@code =} inside a value
 * truncates it), {@code +} as a space; JSON bodies with booleans as 1/0; query values override
 * body values with the same name.
 */
public final class RequestParser {
  private RequestParser() {}

  /**
   * @param rawQuery raw query string, or null
   * @param contentType request content type, or null
   * @param body request body
   * @return parameter name to values
   */
  public static Map<String, List<String>> parse(String rawQuery, String contentType, byte[] body) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (body.length > 0) {
      String text = new String(body, StandardCharsets.UTF_8);
      if (contentType != null && contentType.toLowerCase().startsWith("application/json")) {
        parseJson(text, out);
      } else {
        decodeInto(text, out);
      }
    }
    if (rawQuery != null && !rawQuery.isEmpty()) {
      Map<String, List<String>> query = new LinkedHashMap<>();
      decodeInto(rawQuery, query);
      out.putAll(query);
    }
    return out;
  }

  private static void decodeInto(String text, Map<String, List<String>> out) {
    for (String pair : text.split("[&;]")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] kv = pair.split("=", -1);
      String k = decode(kv[0]);
      String v = kv.length > 1 ? decode(kv[1]) : "";
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static void parseJson(String text, Map<String, List<String>> out) {
    JsonNode root;
    try {
      root = SimJson.MAPPER.readTree(text);
    } catch (IOException e) {
      throw PveError.fail("malformed JSON body");
    }
    if (root == null || !root.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> values = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> values.add(scalar(v)));
      } else if (!e.getValue().isNull()) {
        values.add(scalar(e.getValue()));
      }
      out.put(e.getKey(), values);
    }
  }

  private static String scalar(JsonNode v) {
    if (v.isBoolean()) {
      return v.asBoolean() ? "1" : "0";
    }
    return v.asText();
  }
}
