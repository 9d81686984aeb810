package dev.proximity.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;

/**
 * Reads any scalar as text (a task {@code id} of {@code 200}, a {@code vmid} list {@code "100,101"}),
 * and objects or arrays as their JSON text rather than failing.
 */
final class LenientStringDeserializer extends JsonDeserializer<String> {
  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      return ctxt.readTree(p).toString();
    }
    return p.getValueAsString();
  }
}
