package dev.proximity.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small test client for the server's JSON API over real HTTP. */
public final class ApiClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();

  /**
   * Creates a client.
   *
   * @param base the server URL
   */
  public ApiClient(URI base) {
    this.base = base;
  }

  /**
   * A response.
   *
   * @param status the status
   * @param body the raw body
   * @param headers the headers
   */
  public record Result(int status, String body, java.net.http.HttpHeaders headers) {
    /** @return the body as JSON */
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
      }
    }

    /** @return the error code of an error body */
    public String errorCode() {
      return json().path("error").path("code").asText();
    }

    /** @return the error message of an error body */
    public String errorMessage() {
      return json().path("error").path("message").asText();
    }
  }

  /**
   * Sends a request.
   *
   * @param method the method
   * @param path the path and query
   * @param token the bearer token, or null
   * @param body a JSON string, or null
   * @return the result
   */
  public Result send(String method, String path, String token, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      builder.header("Content-Type", "application/json");
      builder.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return send(builder.build());
  }

  /**
   * Sends a prepared request.
   *
   * @param request the request
   * @return the result
   */
  public Result send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Result(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** @return the server URL */
  public URI base() {
    return base;
  }

  /**
   * GET.
   *
   * @param path the path
   * @param token the token or null
   * @return the result
   */
  public Result get(String path, String token) {
    return send("GET", path, token, null);
  }

  /**
   * POST with a JSON body.
   *
   * @param path the path
   * @param token the token or null
   * @param body the JSON body or null
   * @return the result
   */
  public Result post(String path, String token, String body) {
    return send("POST", path, token, body);
  }

  /**
   * Encodes a map as JSON.
   *
   * @param fields the fields
   * @return the JSON text
   */
  public static String json(Map<String, ?> fields) {
    try {
      return MAPPER.writeValueAsString(fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Registers a user.
   *
   * @param username the name
   * @param password the password
   * @param adminToken an admin token or null
   * @return the result
   */
  public Result register(String username, String password, String adminToken) {
    return post("/api/v1/auth/register", adminToken, json(Map.of("username", username, "password", password)));
  }

  /**
   * Logs in and returns the token, failing if the login fails.
   *
   * @param username the name
   * @param password the password
   * @return the access token
   */
  public String login(String username, String password) {
    Result result = post("/api/v1/auth/login", null, json(Map.of("username", username, "password", password)));
    if (result.status() != 200) {
      throw new AssertionError("login failed: " + result.status() + " " + result.body());
    }
    return result.json().path("access_token").asText();
  }
}
