package dev.proximity.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;

/**
 * Reads numbers that Proxmox sometimes sends as strings ({@code "101"}, {@code "1"}, {@code ""}).
 * An empty or unparsable string reads as 0 for primitives and null for wrappers.
 */
final class LenientNumberDeserializers {
  private LenientNumberDeserializers() {}

  static final class Longs extends JsonDeserializer<Long> {
    private final boolean primitive;

    Longs(boolean primitive) {
      this.primitive = primitive;
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NUMBER_INT) {
        return p.getLongValue();
      }
      if (t == JsonToken.VALUE_NUMBER_FLOAT) {
        return (long) p.getDoubleValue();
      }
      if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
        return t == JsonToken.VALUE_TRUE ? 1L : 0L;
      }
      if (t == JsonToken.VALUE_STRING) {
        String s = p.getText().trim();
        try {
          return s.isEmpty() ? getNullValue(ctxt) : (long) Double.parseDouble(s);
        } catch (NumberFormatException e) {
          return getNullValue(ctxt);
        }
      }
      p.skipChildren();
      return getNullValue(ctxt);
    }

    @Override
    public Long getNullValue(DeserializationContext ctxt) {
      return primitive ? 0L : null;
    }
  }

  static final class Ints extends JsonDeserializer<Integer> {
    private final Longs longs;
    private final boolean primitive;

    Ints(boolean primitive) {
      this.longs = new Longs(primitive);
      this.primitive = primitive;
    }

    @Override
    public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      Long v = longs.deserialize(p, ctxt);
      return v == null ? getNullValue(ctxt) : (int) v.longValue();
    }

    @Override
    public Integer getNullValue(DeserializationContext ctxt) {
      return primitive ? 0 : null;
    }
  }

  static final class Doubles extends JsonDeserializer<Double> {
    private final boolean primitive;

    Doubles(boolean primitive) {
      this.primitive = primitive;
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        return p.getDoubleValue();
      }
      if (t == JsonToken.VALUE_STRING) {
        String s = p.getText().trim();
        try {
          return s.isEmpty() ? getNullValue(ctxt) : Double.parseDouble(s);
        } catch (NumberFormatException e) {
          return getNullValue(ctxt);
        }
      }
      p.skipChildren();
      return getNullValue(ctxt);
    }

    @Override
    public Double getNullValue(DeserializationContext ctxt) {
      return primitive ? 0.0 : null;
    }
  }
}
