package dev.proximity.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.internal.json.Json;
import dev.proximity.pve.PveApiException;
import dev.proximity.pve.PveConnectionException;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TaskEndWatch;
import dev.proximity.pve.TlsTrust;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.HttpsURLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends API requests: authentication, encoding, envelope unwrapping, error mapping and retries.
 *
 * <p>Built on {@link HttpURLConnection} rather than {@code java.net.http}: Proxmox servers before
 * PVE 8.3 put the error text only in the status line's reason phrase, which {@code java.net.http}
 * does not expose. Every call runs as an async pipeline on the SDK executor; the blocking form joins
 * it. Reads retry on connection failures and gateway statuses; writes retry only when nothing was
 * sent (connection refused) or once after a 401 with a fresh ticket.
 */
public final class Transport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Transport.class);

  private final String apiRoot;
  private final Tls tls;
  private final Authenticator auth;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Clock clock;
  private final RetryPolicy retry;
  private final Executors executors;
  private final TaskDurations taskDurations;
  /** Tells this client's task waits when a task's process ended; null when none was configured. */
  private final TaskEndWatch taskEndWatch;

  /**
   * Creates a transport; the first request logs in when credentials are a password.
   *
   * @param config connection settings
   * @param executors the executors requests and timers run on
   */
  public Transport(TransportConfig config, Executors executors) {
    this(config, executors, null);
  }

  /**
   * Creates a transport whose task waits learn of task ends from a watch; the first request logs
   * in when credentials are a password.
   *
   * @param config connection settings
   * @param executors the executors requests and timers run on
   * @param taskEndWatch tells task waits when a task's process ended, or null to poll only
   */
  public Transport(TransportConfig config, Executors executors, TaskEndWatch taskEndWatch) {
    this.taskEndWatch = taskEndWatch;
    this.apiRoot = apiRoot(config.endpoint());
    this.tls = apiRoot.startsWith("https:") ? Tls.of(config.trust()) : null;
    this.connectTimeout = config.connectTimeout();
    this.requestTimeout = config.requestTimeout();
    this.clock = config.clock();
    this.taskDurations = new TaskDurations(clock);
    this.retry = config.retry();
    this.executors = executors;
    PveCredentials c = config.credentials();
    this.auth = c.kind() == PveCredentials.Kind.API_TOKEN
        ? new TokenAuthenticator(c.tokenId(), c.secret())
        : new TicketAuthenticator(c.userId(), c.secret(), clock, this::exchange);
  }

  private static String apiRoot(URI endpoint) {
    String s = endpoint.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.endsWith("/api2/json") ? s : s + "/api2/json";
  }

  /**
   * Returns the clock used for ticket age and task deadlines.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns what this client learned about task durations, shared by all its task waits.
   *
   * @return the memory of task durations
   */
  public TaskDurations taskDurations() {
    return taskDurations;
  }

  /**
   * Returns what tells this client's task waits when a task's process ended.
   *
   * @return the watch, or empty when the waits poll only
   */
  public Optional<TaskEndWatch> taskEndWatch() {
    return Optional.ofNullable(taskEndWatch);
  }

  /**
   * Returns the executors.
   *
   * @return the executors
   */
  public Executors executors() {
    return executors;
  }

  /**
   * Sends a request and waits for the unwrapped answer. An interrupt ends the wait for a read at
   * once; a write is waited for until its answer (or the request timeout), so that its outcome is
   * known, and the interrupt is kept.
   *
   * @param request the request
   * @return the answer
   * @throws PveApiException when the server answers with an error
   * @throws PveConnectionException when no usable answer arrives
   */
  public ApiResponse send(ApiRequest request) {
    return send(request, Transport::envelope);
  }

  /**
   * Sends a request and decodes its successful answer straight from the bytes, as {@link
   * #send(ApiRequest)} does otherwise (same waiting, retries and errors): for large answers, whose
   * JSON tree would cost more than the decode itself.
   *
   * @param request the request
   * @param decoder reads the body of a successful answer
   * @param <R> the decoded type
   * @return the decoded answer
   * @throws PveApiException when the server answers with an error or the body cannot be decoded
   * @throws PveConnectionException when no usable answer arrives
   */
  public <R> R send(ApiRequest request, BodyDecoder<R> decoder) {
    CompletableFuture<R> answer = sendAsync(request, decoder);
    if (request.write()) {
      // A cancel must not abandon a write that may already be on the wire: Proxmox would carry it
      // out (start a task, create a container) with the caller none the wiser, so its rollback could
      // not undo it. The wait is bounded by the request timeout; the interrupt stays set for the
      // caller's next wait.
      return Futures.joinUninterruptibly(answer);
    }
    return Futures.join(answer);
  }

  /**
   * Sends a request on the SDK executor; cancelling the future aborts the in-flight exchange.
   *
   * @param request the request
   * @return the unwrapped answer, or a future failed with a {@code ProximityException}
   */
  public CompletableFuture<ApiResponse> sendAsync(ApiRequest request) {
    return sendAsync(request, Transport::envelope);
  }

  /**
   * Like {@link #sendAsync(ApiRequest)}, decoding the successful answer with {@code decoder}.
   *
   * @param request the request
   * @param decoder reads the body of a successful answer
   * @param <R> the decoded type
   * @return the decoded answer, or a future failed with a {@code ProximityException}
   */
  public <R> CompletableFuture<R> sendAsync(ApiRequest request, BodyDecoder<R> decoder) {
    CompletableFuture<R> result = new CompletableFuture<>();
    AtomicReference<HttpURLConnection> inFlight = new AtomicReference<>();
    result.whenComplete((r, t) -> {
      HttpURLConnection c = inFlight.get();
      if (result.isCancelled() && c != null) {
        c.disconnect();
      }
    });
    schedule(() -> attempt(request, decoder, 1, false, result, inFlight), Duration.ZERO, result);
    return result;
  }

  /** The {@code {"data": ..., "total": ...}} envelope as a JSON tree. */
  private static ApiResponse envelope(byte[] body) throws IOException {
    JsonNode root = body.length == 0 ? null : Json.mapper().readTree(body);
    JsonNode data = root == null ? null : root.get("data");
    long total = root == null || !root.has("total") ? -1 : root.get("total").asLong(-1);
    return new ApiResponse(data, total);
  }

  private void schedule(Runnable step, Duration delay, CompletableFuture<?> result) {
    try {
      if (delay.isZero()) {
        executors.io().execute(step);
      } else {
        executors.timer().schedule(() -> executors.io().execute(step), delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (java.util.concurrent.RejectedExecutionException e) {
      result.completeExceptionally(new PveConnectionException(
          "the PveClient is closed", PveConnectionException.Kind.IO, false, null, e));
    }
  }

  private <R> void attempt(ApiRequest request, BodyDecoder<R> decoder, int attempt, boolean reauthed,
      CompletableFuture<R> result, AtomicReference<HttpURLConnection> inFlight) {
    if (result.isDone()) {
      return;
    }
    RawResponse raw;
    try {
      raw = exchange(request, auth.headers(request.write()), inFlight);
    } catch (SendFailure f) {
      if (result.isDone()) {
        return; // cancelled: the failure is the aborted exchange
      }
      boolean again = attempt < retry.maxAttempts() && (!request.write() || !f.sent) && !f.tls;
      if (again) {
        log.debug("{} failed ({}), retry {} of {}", request, f.getCause().getClass().getSimpleName(),
            attempt, retry.maxAttempts() - 1);
        schedule(() -> attempt(request, decoder, attempt + 1, reauthed, result, inFlight), retry.delay(attempt), result);
      } else {
        result.completeExceptionally(f.toException(request));
      }
      return;
    } catch (IOException e) {
      result.completeExceptionally(new SendFailure(e, false, false).toException(request));
      return;
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    if (raw.status() == 401 && !reauthed && auth.invalidate()) {
      log.debug("{} answered 401; logging in again and repeating once", request);
      schedule(() -> attempt(request, decoder, attempt, true, result, inFlight), Duration.ZERO, result);
      return;
    }
    if (!request.write() && RetryPolicy.RETRYABLE_STATUS.contains(raw.status()) && attempt < retry.maxAttempts()) {
      log.debug("{} answered {}, retry {} of {}", request, raw.status(), attempt, retry.maxAttempts() - 1);
      schedule(() -> attempt(request, decoder, attempt + 1, reauthed, result, inFlight), retry.delay(attempt), result);
      return;
    }
    if (raw.status() >= 400) {
      result.completeExceptionally(ErrorMapping.toException(raw, request));
      return;
    }
    try {
      result.complete(decoder.decode(raw.body()));
    } catch (IOException | RuntimeException e) {
      result.completeExceptionally(new PveApiException(raw.status(),
          "answer is not the JSON expected: " + e.getMessage(), Map.of(), request.method(), request.path()));
    }
  }

  RawResponse exchange(ApiRequest request, Map<String, String> headers) throws IOException {
    return exchange(request, headers, new AtomicReference<>());
  }

  private RawResponse exchange(ApiRequest request, Map<String, String> headers,
      AtomicReference<HttpURLConnection> inFlight) throws IOException {
    byte[] body = request.hasBody()
        ? FormEncoding.form(request.params()).getBytes(StandardCharsets.US_ASCII) : new byte[0];
    HttpURLConnection conn = open(request, headers);
    if (request.write()) {
      // streaming mode: HttpURLConnection then never silently re-sends a write on a stale connection
      conn.setFixedLengthStreamingMode(body.length);
    }
    inFlight.set(conn);
    try {
      conn.connect();
    } catch (IOException e) {
      conn.disconnect();
      throw new SendFailure(e, false, Futures.isTls(e));
    }
    try {
      if (request.write()) {
        try (OutputStream out = conn.getOutputStream()) {
          out.write(body);
        }
      }
      int status;
      try {
        status = conn.getResponseCode();
      } catch (HttpRetryException e) {
        // a 401 in streaming mode: HttpURLConnection refuses to read it but has parsed the status line
        String reason;
        try {
          reason = conn.getResponseMessage();
        } catch (IOException ignored) {
          reason = null;
        }
        return new RawResponse(e.responseCode(), reason == null ? "" : reason, new byte[0]);
      }
      String reason = conn.getResponseMessage();
      InputStream in = status >= 400 ? conn.getErrorStream() : conn.getInputStream();
      byte[] answer = in == null ? new byte[0] : readAll(in);
      log.trace("{} -> {}", request, status);
      return new RawResponse(status, reason, answer);
    } catch (IOException e) {
      conn.disconnect();
      throw new SendFailure(e, true, Futures.isTls(e));
    }
  }

  private HttpURLConnection open(ApiRequest request, Map<String, String> headers) throws IOException {
    URL url = URI.create(apiRoot + request.target()).toURL();
    HttpURLConnection conn = (HttpURLConnection) url.openConnection();
    if (conn instanceof HttpsURLConnection https && tls != null) {
      https.setSSLSocketFactory(tls.socketFactory());
      https.setHostnameVerifier(tls.hostnameVerifier());
    }
    conn.setRequestMethod(request.method());
    conn.setInstanceFollowRedirects(false);
    conn.setUseCaches(false);
    conn.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    conn.setReadTimeout((int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis()));
    conn.setRequestProperty("Accept", "application/json");
    conn.setRequestProperty("User-Agent", "proximity-sdk");
    if (request.write()) {
      conn.setDoOutput(true);
    }
    if (request.hasBody()) {
      conn.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
    }
    headers.forEach(conn::setRequestProperty);
    return conn;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (InputStream s = in) {
      return s.readAllBytes();
    }
  }

  /**
   * Shuts the SDK-owned executors down and closes this client's connections, those kept alive for
   * reuse included (the JDK would otherwise hold them open until their idle timeout); idempotent.
   */
  @Override
  public void close() {
    executors.close();
    if (tls != null) {
      tls.close();
    }
  }

  @Override
  public String toString() {
    return "Transport[" + apiRoot + "]";
  }
}
