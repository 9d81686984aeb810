package dev.proximity.examples.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.proximity.examples.server.ApiClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch never = new CountDownLatch(1);
  private HttpServer server;
  private ExecutorService requests;
  private ExecutorService handlers;
  private Dispatcher dispatcher;
  private ApiClient client;

  /** A body with one string and one integer field. */
  record Echo(String name, int count) {}

  @BeforeEach
  void start() throws Exception {
    Router router = new Router();
    router.add("GET", "/slow", Access.PUBLIC, r -> {
      entered.countDown();
      release.await();
      return Response.ok(Map.of("done", true));
    });
    router.add("GET", "/stuck", Access.PUBLIC, r -> {
      never.await();
      return Response.empty(204);
    });
    router.add("POST", "/echo", Access.PUBLIC, r -> Response.ok(r.body(Echo.class)));
    router.add("GET", "/boom", Access.PUBLIC, r -> {
      throw new IllegalStateException("secret detail that must not be shown");
    });
    JsonCodec json = new JsonCodec();
    requests = WorkerThreads.create("test-http", 8);
    handlers = WorkerThreads.create("test-handler", 8);
    dispatcher = new Dispatcher(router, json, h -> {
      throw ApiException.unauthorized("no");
    }, new AccessLog(json), handlers, 2048, Duration.ofSeconds(1), Clock.systemUTC(), e -> null);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", dispatcher);
    server.setExecutor(requests);
    server.start();
    client = new ApiClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  @AfterEach
  void stop() {
    never.countDown();
    release.countDown();
    server.stop(0);
    requests.shutdownNow();
    handlers.shutdownNow();
  }

  @Test
  void drain_waitsForRequestsInFlight_andRefusesNewOnes() throws Exception {
    CompletableFuture<ApiClient.Result> slow = CompletableFuture.supplyAsync(() -> client.get("/slow", null));
    entered.await();

    dispatcher.startDraining();
    ApiClient.Result refused = client.post("/echo", null, "{\"name\":\"a\",\"count\":1}");
    CompletableFuture<Boolean> idle = CompletableFuture.supplyAsync(() -> dispatcher.awaitIdle(Duration.ofMinutes(1)));
    release.countDown();

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.errorCode()).isEqualTo("shutting_down");
    assertThat(slow.get().status()).isEqualTo(200);
    assertThat(idle.get()).isTrue();
  }

  @Test
  void handle_handlerExceedsTimeout_answers504() {
    ApiClient.Result result = client.get("/stuck", null);

    assertThat(result.status()).isEqualTo(504);
    assertThat(result.errorCode()).isEqualTo("timeout");
  }

  @Test
  void handle_unexpectedException_answers500WithoutItsMessage() {
    ApiClient.Result result = client.get("/boom", null);

    assertThat(result.status()).isEqualTo(500);
    assertThat(result.body()).doesNotContain("secret detail");
    assertThat(result.json().path("error").path("details").path("request_id").asText())
        .isEqualTo(result.headers().firstValue("X-Request-Id").orElseThrow());
  }

  @Test
  void handle_validBody_isDecodedWithSnakeCase() {
    ApiClient.Result result = client.post("/echo", null, "{\"name\":\"a\",\"count\":3}");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().path("count").asInt()).isEqualTo(3);
  }

  @Test
  void handle_badBodies_answer400WithAClearMessage() {
    ApiClient.Result malformed = client.post("/echo", null, "{\"name\": ");
    ApiClient.Result unknown = client.post("/echo", null, "{\"name\":\"a\",\"count\":1,\"extra\":true}");
    ApiClient.Result wrongType = client.post("/echo", null, "{\"name\":\"a\",\"count\":\"many\"}");
    ApiClient.Result oversized = client.post("/echo", null, "{\"name\":\"" + "x".repeat(4096) + "\",\"count\":1}");
    ApiClient.Result trailing = client.post("/echo", null, "{\"name\":\"a\",\"count\":1} {}");

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.errorCode()).isEqualTo("malformed_json");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorMessage()).contains("unknown field 'extra'").contains("name", "count");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.errorMessage()).isEqualTo("count: expected an integer");
    assertThat(oversized.status()).isEqualTo(400);
    assertThat(oversized.errorCode()).isEqualTo("body_too_large");
    assertThat(trailing.status()).isEqualTo(400);
  }

  @Test
  void handle_bodyWithoutJsonContentType_answers415() {
    ApiClient.Result result = client.send(HttpRequest.newBuilder(client.base().resolve("/echo"))
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"count\":1}")).build());

    assertThat(result.status()).isEqualTo(415);
  }

  @Test
  void handle_unknownPathOrMethod_answers404Or405() {
    ApiClient.Result missing = client.get("/nothing/here", null);
    ApiClient.Result wrongMethod = client.send("DELETE", "/echo", null, null);

    assertThat(missing.status()).isEqualTo(404);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void handle_everyResponse_hasSecurityHeaders() {
    ApiClient.Result result = client.post("/echo", null, "{\"name\":\"a\",\"count\":1}");

    assertThat(result.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(result.headers().firstValue("Cache-Control")).contains("no-store");
  }
}
