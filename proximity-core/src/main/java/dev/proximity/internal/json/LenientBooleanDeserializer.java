package dev.proximity.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads Proxmox booleans: {@code 0}/{@code 1}, {@code ""}, {@code "0"}/{@code "1"}, JSON true/false,
 * and the property-string words {@code on/off/yes/no}. Anything unrecognised is false.
 */
final class LenientBooleanDeserializer extends JsonDeserializer<Boolean> {
  private final boolean primitive;

  LenientBooleanDeserializer(boolean primitive) {
    this.primitive = primitive;
  }

  @Override
  public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      case VALUE_NUMBER_INT:
        return p.getLongValue() != 0;
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue() != 0;
      case VALUE_STRING:
        return parse(p.getText());
      case VALUE_NULL:
        return getNullValue(ctxt);
      default:
        p.skipChildren();
        return primitive ? Boolean.FALSE : null;
    }
  }

  @Override
  public Boolean getNullValue(DeserializationContext ctxt) {
    return primitive ? Boolean.FALSE : null;
  }

  static boolean parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    return s.equals("1") || s.equals("true") || s.equals("on") || s.equals("yes");
  }
}
