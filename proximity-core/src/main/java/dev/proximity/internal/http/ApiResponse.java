package dev.proximity.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A successful reply with the {@code {"data": ...}} envelope unwrapped.
 *
 * @param data the value of {@code data}; a {@link NullNode} when the call returns nothing
 * @param total the top-level {@code total} of paged lists, or -1 when absent
 */
public record ApiResponse(JsonNode data, long total) {

  /** Replaces a missing data value with JSON null. */
  public ApiResponse {
    data = data == null ? NullNode.getInstance() : data;
  }
}
