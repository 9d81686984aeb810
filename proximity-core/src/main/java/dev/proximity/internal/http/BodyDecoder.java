package dev.proximity.internal.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.proximity.internal.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of a successful answer into a value, on the transport's thread, so that a body
 * that cannot be read fails the call like any other bad answer.
 *
 * @param <R> the decoded type
 */
@FunctionalInterface
public interface BodyDecoder<R> {

  /**
   * Decodes a body.
   *
   * @param body the bytes of a 2xx answer, possibly empty
   * @return the value
   * @throws IOException when the bytes are not the JSON expected
   */
  R decode(byte[] body) throws IOException;

  /**
   * Streams the {@code data} array of the envelope into an immutable list, with the lenient rules of
   * {@link Json}, without building a JSON tree first (for 10,000 cluster resources the tree costs
   * about as much as the records). A missing, null or non-array {@code data} gives an empty list, as
   * {@link Json#convertList} does.
   *
   * @param type the element type
   * @param <T> the element type
   * @return the decoder
   */
  static <T> BodyDecoder<List<T>> dataList(Class<T> type) {
    ObjectReader reader = Json.mapper().readerFor(type);
    return body -> {
      if (body.length == 0) {
        return List.of();
      }
      try (JsonParser p = Json.mapper().createParser(body)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return List.of();
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          boolean data = "data".equals(p.currentName());
          JsonToken value = p.nextToken();
          if (!data) {
            p.skipChildren();
          } else if (value != JsonToken.START_ARRAY) {
            return List.of();
          } else {
            List<T> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              out.add(reader.readValue(p));
            }
            return List.copyOf(out);
          }
        }
        return List.of();
      }
    };
  }
}
