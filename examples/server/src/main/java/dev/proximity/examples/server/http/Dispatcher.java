package dev.proximity.examples.server.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.proximity.examples.server.auth.Caller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link HttpHandler} of the server: routing, authentication, body limits, handler timeouts,
 * error mapping, security headers, access logging and draining for graceful shutdown.
 *
 * <p>Thread-safe; every request runs on a thread of the server's executor.
 */
public final class Dispatcher implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final int MAX_PATH_LENGTH = 2048;
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Router router;
  private final JsonCodec json;
  private final Authenticator authenticator;
  private final AccessLog accessLog;
  private final ExecutorService handlerPool;
  private final long maxBodyBytes;
  private final Duration handlerTimeout;
  private final Clock clock;
  private final ErrorMapper errorMapper;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int inFlight;
  private volatile boolean draining;
  private final Set<HttpExchange> streams = ConcurrentHashMap.newKeySet();

  /**
   * Creates the dispatcher.
   *
   * @param router the route table
   * @param json the codec for bodies and errors
   * @param authenticator validates bearer tokens for non-public routes
   * @param accessLog the access log
   * @param handlerPool runs handlers, so that a handler exceeding its timeout can be abandoned
   * @param maxBodyBytes the largest request body accepted
   * @param handlerTimeout how long a non-streaming handler may take
   * @param clock the clock for durations in the access log
   * @param errorMapper maps exceptions other than {@link ApiException} to API errors
   */
  public Dispatcher(
      Router router,
      JsonCodec json,
      Authenticator authenticator,
      AccessLog accessLog,
      ExecutorService handlerPool,
      long maxBodyBytes,
      Duration handlerTimeout,
      Clock clock,
      ErrorMapper errorMapper) {
    this.router = router;
    this.json = json;
    this.authenticator = authenticator;
    this.accessLog = accessLog;
    this.handlerPool = handlerPool;
    this.maxBodyBytes = maxBodyBytes;
    this.handlerTimeout = handlerTimeout;
    this.clock = clock;
    this.errorMapper = errorMapper;
  }

  /** Maps an unexpected exception (typically an SDK exception) to an API error, or returns null. */
  @FunctionalInterface
  public interface ErrorMapper {
    /**
     * Maps an exception.
     *
     * @param error the exception a handler threw
     * @return the API error to send, or null for a generic 500
     */
    ApiException map(Throwable error);
  }

  @Override
  public void handle(HttpExchange exchange) {
    long started = System.nanoTime();
    String requestId = newRequestId();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String rawPath = exchange.getRequestURI().getRawPath();
    String user = null;
    Outcome outcome;
    if (!enter()) {
      outcome = sendError(exchange, requestId,
          new ApiException(503, "shutting_down", "the server is shutting down; retry on another instance"));
      finish(exchange, started, requestId, method, rawPath, null, outcome);
      return;
    }
    try {
      Caller caller = null;
      try {
        List<String> segments = decodePath(rawPath);
        Router.Lookup lookup = router.find(method, segments);
        if (lookup.route() == null) {
          if (!lookup.allowedMethods().isEmpty()) {
            exchange.getResponseHeaders().set("Allow", String.join(", ", lookup.allowedMethods()));
            throw new ApiException(405, "method_not_allowed",
                method + " is not allowed here; allowed: " + String.join(", ", lookup.allowedMethods()));
          }
          throw ApiException.notFound("no endpoint " + method + " " + rawPath + ";");
        }
        Route route = lookup.route();
        Optional<String> authorization =
            Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
        if (route.access() != Access.PUBLIC) {
          caller = authenticator.authenticate(authorization);
          user = caller.username();
          if (route.access() == Access.ADMIN && !caller.isAdmin()) {
            throw ApiException.forbidden("this endpoint needs the admin role");
          }
        } else if (authorization.isPresent()) {
          // Public routes that behave differently for a signed-in caller (register) get one; an
          // invalid token on a public route leaves the request anonymous (a stale token must not
          // block logging in again).
          try {
            caller = authenticator.authenticate(authorization);
            user = caller.username();
          } catch (ApiException e) {
            caller = null;
          }
        }
        byte[] body = readBody(exchange, method);
        Request request =
            new Request(method, rawPath, lookup.params(), parseQuery(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders(), body, exchange.getRemoteAddress(), caller, requestId, json);
        if (route.streaming()) {
          outcome = runStreaming(exchange, route, request, requestId);
        } else {
          Response response = runWithTimeout(route, request);
          outcome = sendResponse(exchange, requestId, response);
        }
      } catch (ApiException e) {
        outcome = sendError(exchange, requestId, e);
      } catch (Exception e) {
        outcome = sendError(exchange, requestId, mapUnexpected(e, requestId));
      }
      finish(exchange, started, requestId, method, rawPath, user, outcome);
    } finally {
      leave();
    }
  }

  private void finish(HttpExchange exchange, long started, String requestId, String method, String rawPath,
      String user, Outcome outcome) {
    exchange.close();
    accessLog.record(new AccessLog.Entry(clock.instant(), requestId,
        exchange.getRemoteAddress() == null ? "unknown" : exchange.getRemoteAddress().getAddress().getHostAddress(),
        method, rawPath, outcome.status(), outcome.bytes(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), user));
  }

  private Response runWithTimeout(Route route, Request request) throws Exception {
    Future<Response> future = handlerPool.submit(() -> route.handler().handle(request));
    try {
      return future.get(handlerTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ApiException(504, "timeout",
          "the operation did not finish within " + handlerTimeout.toSeconds() + " s; it may still complete,"
              + " check its state before retrying");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ApiException(503, "shutting_down", "the request was interrupted");
    } catch (CancellationException e) {
      throw new ApiException(503, "shutting_down", "the request was cancelled");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }

  private Outcome runStreaming(HttpExchange exchange, Route route, Request request, String requestId)
      throws Exception {
    Response response = route.handler().handle(request);
    if (response.streamer() == null) {
      return sendResponse(exchange, requestId, response);
    }
    Headers headers = exchange.getResponseHeaders();
    commonHeaders(headers, requestId);
    response.headers().forEach(headers::set);
    headers.set("X-Accel-Buffering", "no");
    exchange.sendResponseHeaders(200, 0);
    streams.add(exchange);
    CountingStream out = new CountingStream(exchange.getResponseBody());
    try {
      if (!draining) {
        response.streamer().writeTo(out);
      }
    } catch (IOException e) {
      log.debug("stream {} ended by the client: {}", requestId, e.toString());
    } finally {
      streams.remove(exchange);
      try {
        out.close();
      } catch (IOException e) {
        log.debug("stream {} close: {}", requestId, e.toString());
      }
    }
    return new Outcome(200, out.count);
  }

  private ApiException mapUnexpected(Exception e, String requestId) {
    ApiException mapped = errorMapper.map(e);
    if (mapped != null) {
      return mapped;
    }
    log.error("request {} failed", requestId, e);
    return new ApiException(500, "internal_error",
        "the server failed to handle the request; quote request id " + requestId + " when reporting it",
        Map.of("request_id", requestId));
  }

  private byte[] readBody(HttpExchange exchange, String method) throws IOException {
    String lengthHeader = exchange.getRequestHeaders().getFirst("Content-Length");
    if (lengthHeader != null) {
      long length;
      try {
        length = Long.parseLong(lengthHeader.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("Content-Length is not a number");
      }
      if (length > maxBodyBytes) {
        throw tooLarge();
      }
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE, maxBodyBytes + 1));
      if (body.length > maxBodyBytes) {
        throw tooLarge();
      }
    }
    if (body.length > 0) {
      if (!BODY_METHODS.contains(method)) {
        throw ApiException.badRequest(method + " requests take no body");
      }
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type == null || !type.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
        throw new ApiException(415, "unsupported_media_type",
            "send the request body as JSON with 'Content-Type: application/json'");
      }
    }
    return body;
  }

  private ApiException tooLarge() {
    return new ApiException(400, "body_too_large",
        "the request body is larger than the limit of " + maxBodyBytes + " bytes",
        Map.of("max_bytes", maxBodyBytes));
  }

  private Outcome sendResponse(HttpExchange exchange, String requestId, Response response) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    commonHeaders(headers, requestId);
    byte[] bytes;
    if (response.jsonBody() != null) {
      bytes = json.encode(response.jsonBody());
      headers.set("Content-Type", "application/json; charset=utf-8");
    } else if (response.rawBody() != null) {
      bytes = response.rawBody();
    } else {
      bytes = new byte[0];
    }
    response.headers().forEach(headers::set);
    int status = response.status();
    boolean noBody = bytes.length == 0;
    exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    return new Outcome(status, bytes.length);
  }

  private Outcome sendError(HttpExchange exchange, String requestId, ApiException error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", error.code());
    body.put("message", error.getMessage());
    body.put("details", error.details());
    Response response = Response.json(error.status(), Map.of("error", body));
    if (error.status() == 401) {
      response = response.withHeader("WWW-Authenticate", "Bearer realm=\"proximity\"");
    }
    Object retryAfter = error.details().get("retry_after_seconds");
    if (retryAfter != null) {
      response = response.withHeader("Retry-After", String.valueOf(retryAfter));
    }
    if (error.status() == 503) {
      response = response.withHeader("Connection", "close");
    }
    try {
      // Drain what the client sent so that the connection stays usable (bounded by the limit).
      try (InputStream in = exchange.getRequestBody()) {
        in.readNBytes((int) Math.min(Integer.MAX_VALUE, maxBodyBytes));
      }
    } catch (IOException | RuntimeException e) {
      log.trace("request {}: could not drain the body: {}", requestId, e.toString());
    }
    try {
      return sendResponse(exchange, requestId, response);
    } catch (IOException e) {
      log.debug("request {}: client went away before the error was sent: {}", requestId, e.toString());
      return new Outcome(error.status(), 0);
    }
  }

  private static void commonHeaders(Headers headers, String requestId) {
    headers.set("X-Request-Id", requestId);
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
  }

  private static List<String> decodePath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      throw ApiException.badRequest("the request path must start with '/'");
    }
    if (rawPath.length() > MAX_PATH_LENGTH) {
      throw ApiException.badRequest("the request path is longer than " + MAX_PATH_LENGTH + " characters");
    }
    List<String> segments = new ArrayList<>();
    for (String raw : Route.segments(rawPath)) {
      String decoded;
      try {
        decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("the request path has a malformed percent-encoding");
      }
      for (int i = 0; i < decoded.length(); i++) {
        if (Character.isISOControl(decoded.charAt(i))) {
          throw ApiException.badRequest("the request path contains control characters");
        }
      }
      segments.add(decoded);
    }
    return segments;
  }

  private static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return result;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("the query string has a malformed percent-encoding");
      }
    }
    return result;
  }

  private static String newRequestId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private boolean enter() {
    lock.lock();
    try {
      if (draining) {
        return false;
      }
      inFlight++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void leave() {
    lock.lock();
    try {
      inFlight--;
      if (inFlight == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts draining: new requests get 503, open streams are ended, and the call waits until the
   * requests in flight have finished or the grace period has passed.
   *
   * @param grace the longest to wait
   * @return whether every request finished within the grace period
   */
  public boolean drain(Duration grace) {
    startDraining();
    return awaitIdle(grace);
  }

  /** Refuses new requests with 503 and ends open event streams; requests in flight continue. */
  public void startDraining() {
    lock.lock();
    try {
      draining = true;
    } finally {
      lock.unlock();
    }
    for (HttpExchange stream : streams) {
      stream.close();
    }
  }

  /**
   * Waits until no request is in flight.
   *
   * @param grace the longest to wait
   * @return whether every request finished in time
   */
  public boolean awaitIdle(Duration grace) {
    long remaining = grace.toNanos();
    lock.lock();
    try {
      while (inFlight > 0) {
        if (remaining <= 0) {
          return false;
        }
        remaining = idle.awaitNanos(remaining);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  private record Outcome(int status, long bytes) {}

  private static final class CountingStream extends OutputStream {
    private final OutputStream delegate;
    private long count;

    CountingStream(OutputStream delegate) {
      this.delegate = delegate;
    }

    @Override
    public void write(int b) throws IOException {
      delegate.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      delegate.write(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      delegate.flush();
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }
}
