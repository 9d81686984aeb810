package dev.proximity.examples.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler answers: a status, headers and either a JSON value, raw bytes or a stream.
 *
 * <p>Immutable; the dispatcher encodes JSON values with the server's {@link JsonCodec}.
 */
public final class Response {
  private final int status;
  private final Map<String, String> headers;
  private final Object json;
  private final byte[] bytes;
  private final Streamer streamer;

  private Response(int status, Map<String, String> headers, Object json, byte[] bytes, Streamer streamer) {
    this.status = status;
    this.headers = Map.copyOf(headers);
    this.json = json;
    this.bytes = bytes;
    this.streamer = streamer;
  }

  /**
   * A JSON response.
   *
   * @param status the HTTP status
   * @param body the value to encode (a record, map or list)
   * @return the response
   */
  public static Response json(int status, Object body) {
    return new Response(status, Map.of(), Objects.requireNonNull(body, "body"), null, null);
  }

  /**
   * A 200 JSON response.
   *
   * @param body the value to encode
   * @return the response
   */
  public static Response ok(Object body) {
    return json(200, body);
  }

  /**
   * A response with no body, such as 204.
   *
   * @param status the HTTP status
   * @return the response
   */
  public static Response empty(int status) {
    return new Response(status, Map.of(), null, null, null);
  }

  /**
   * A response with a fixed byte body.
   *
   * @param status the HTTP status
   * @param contentType the media type
   * @param body the bytes, not copied: the caller must not modify them afterwards
   * @return the response
   */
  public static Response bytes(int status, String contentType, byte[] body) {
    return new Response(status, Map.of("Content-Type", contentType), null, body, null);
  }

  /**
   * A streamed response (chunked), such as Server-Sent Events; the route must be registered as
   * streaming so that no request timeout cuts it.
   *
   * @param contentType the media type
   * @param streamer writes the body until it is done
   * @return the response
   */
  public static Response stream(String contentType, Streamer streamer) {
    return new Response(200, Map.of("Content-Type", contentType), null, null, Objects.requireNonNull(streamer));
  }

  /**
   * Returns a copy with one more header.
   *
   * @param name the header name
   * @param value the header value
   * @return the new response
   */
  public Response withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Response(status, copy, json, bytes, streamer);
  }

  /** @return the HTTP status */
  public int status() {
    return status;
  }

  /** @return the extra headers */
  public Map<String, String> headers() {
    return headers;
  }

  Object jsonBody() {
    return json;
  }

  byte[] rawBody() {
    return bytes;
  }

  Streamer streamer() {
    return streamer;
  }

  /** Writes a streamed body. */
  @FunctionalInterface
  public interface Streamer {
    /**
     * Writes the body; returns when the stream is complete or the client went away.
     *
     * @param out the response body, flushed by the implementation as needed
     * @throws IOException when the client disconnects
     */
    void writeTo(OutputStream out) throws IOException;
  }
}
