package dev.proximity.testkit.internal.pve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.proximity.testkit.FaultPlan;
import dev.proximity.testkit.PveSchema;
import dev.proximity.testkit.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of the simulator: records the request, applies faults, authenticates, validates
 * against the schema, dispatches to the route and writes Proxmox's envelope.
 *
 * <p>The JDK server writes its own reason phrase in the status line; the error text is always in
 * the body's {@code message} (as PVE 8.3+ sends it).
 */
public final class ApiHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
  private static final String PREFIX = "/api2/json";

  private final SimContext sim;
  private final Routes routes;
  private final PveSchema schema;
  private final Authenticator auth;
  private final Consumer<RecordedRequest> recorder;

  /**
   * @param sim services
   * @param routes route table
   * @param schema request schema
   * @param recorder receives every request, secrets masked
   */
  public ApiHandler(SimContext sim, Routes routes, PveSchema schema, Consumer<RecordedRequest> recorder) {
    this.sim = sim;
    this.routes = routes;
    this.schema = schema;
    this.auth = new Authenticator(sim);
    this.recorder = recorder;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      String rawPath = ex.getRequestURI().getRawPath();
      byte[] body = ex.getRequestBody().readAllBytes();
      String contentType = ex.getRequestHeaders().getFirst("Content-Type");
      Map<String, List<String>> params;
      try {
        params = RequestParser.parse(ex.getRequestURI().getRawQuery(), contentType, body);
      } catch (PveError e) {
        send(ex, e);
        return;
      }
      recorder.accept(Redaction.record(method, rawPath, params, ex.getRequestHeaders(), contentType));
      try {
        Object result = dispatch(ex, method, rawPath, params);
        sendData(ex, result);
      } catch (PveError e) {
        if (e.status() == 401 && !sim.authFailureDelay().isZero()) {
          sleep(sim.authFailureDelay().toMillis());
        }
        send(ex, e);
      } catch (DropConnection e) {
        throw e;
      } catch (RuntimeException e) {
        log.debug("handler failed", e);
        send(ex, PveError.fail(e.getMessage() == null ? e.toString() : e.getMessage()));
      }
    }
  }

  private Object dispatch(HttpExchange ex, String method, String rawPath, Map<String, List<String>> params) {
    if (!rawPath.startsWith(PREFIX + "/")) {
      throw PveError.of(501, "Method '" + method + " " + rawPath + "' not implemented");
    }
    String path = rawPath.substring(PREFIX.length());
    Optional<PveSchema.Match> match = schema.match(method, path);
    if (match.isEmpty()) {
      throw PveError.of(501, "Method '" + method + " " + path + "' not implemented");
    }
    String template = match.get().endpoint().pathTemplate();
    applyFaults(method, template, match.get().pathParameters().get("vmid"));
    Principal who = null;
    boolean login = "/access/ticket".equals(template);
    if (login) {
      if (!match.get().endpoint().allowToken() && Authenticator.hasToken(ex.getRequestHeaders())) {
        throw PveError.forbidden("URI '" + path + "' not available with API token, need proper ticket.");
      }
    } else {
      who = auth.authenticate(method, template, ex.getRequestHeaders());
    }
    List<PveSchema.Violation> violations = schema.validate(match.get(), params);
    if (!violations.isEmpty()) {
      throw PveError.params(PveSchema.errors(violations));
    }
    String node = match.get().pathParameters().get("node");
    if (node != null) {
      synchronized (sim.state()) {
        if (sim.state().offline.contains(node)) {
          throw PveError.of(595, "No route to host");
        }
      }
    }
        Route route = routes.find(method, template);
    if (route == null) {
      throw PveError.of(501, "Method '" + method + " " + path + "' not implemented");
    }
    Object result = route.handle(new Call(method, template, new Params(params, match.get().pathParameters()), who, sim));
    FaultEngine faults = sim.faults();
    if (faults.roll("lost", method, template, faults.rates(method, template).lostResponseRate())) {
      throw new DropConnection();
    }
    return result;
  }

  private void applyFaults(String method, String template, String vmid) {
    FaultEngine faults = sim.faults();
    FaultPlan.Rates rates = faults.rates(method, template);
    if (faults.roll("latency", method, template, rates.latencyRate())) {
      sleep(rates.latency().toMillis());
    }
    Integer scripted = faults.nextScripted(method, template);
    if (scripted != null) {
      if (scripted == 0) {
        throw new DropConnection();
      }
      throw PveError.of(scripted, faultMessage(scripted));
    }
    if (faults.roll("drop", method, template, rates.dropRate())) {
      throw new DropConnection();
    }
    if (faults.roll("error", method, template, rates.serverErrorRate())) {
      List<Integer> statuses = rates.serverErrorStatuses();
      int status = statuses.get((int) (faults.draw("status", method, template) * statuses.size()));
      throw PveError.of(status, faultMessage(status));
    }
    String lockTimeout = "GET".equals(method) ? null : FaultEngine.lockTimeoutFor(method, template, vmid);
    if (lockTimeout != null && (faults.nextWriteLocked(method, template)
        || faults.roll("lock-timeout", method, template, rates.lockTimeoutRate()))) {
      throw PveError.fail(lockTimeout);
    }
  }

  private static String faultMessage(int status) {
    return switch (status) {
      case 596 -> "Broken pipe";
      case 595 -> "Connection refused";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "simulated server error (fault injection)";
    };
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sendData(HttpExchange ex, Object result) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    if (result instanceof Route.Paged paged) {
      body.put("data", paged.data());
      body.put("total", paged.total());
    } else {
      body.put("data", result);
    }
    write(ex, 200, SimJson.write(body));
  }

  private static void send(HttpExchange ex, PveError e) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", null);
    if (e.errors() != null) {
      body.put("errors", e.errors());
    }
    body.put("message", e.getMessage() + "\n");
    write(ex, e.status(), SimJson.write(body));
  }

  private static void write(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
    ex.getResponseHeaders().set("Cache-Control", "max-age=0");
    ex.getResponseHeaders().set("Pragma", "no-cache");
    ex.getResponseHeaders().set("Server", "pve-api-daemon/3.0");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Thrown to close the connection without an answer (the JDK server then drops it). */
  static final class DropConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DropConnection() {
      super("dropped connection (fault injection)", null, false, false);
    }
  }
}
