package dev.proximity.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.RecordedRequest;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole flow of issue 7 over real HTTP against demo mode. */
class AppFlowTest {
  private static final String ADMIN_PASSWORD = "flow-top-secret-1";
  private static final String BOB_PASSWORD = "flow-second-secret";

  private DemoServerExtension demo;
  private ApiClient api;

  @BeforeEach
  void start() {
    demo = new DemoServerExtension(Clock.systemUTC(), Map.of());
    api = demo.client();
  }

  @AfterEach
  void stop() {
    demo.close();
  }

  @Test
  void wholeFlow_registerDeployOperateBackUpRestoreCloneResizeDeleteLogout() throws Exception {
    assertThat(api.register("admin", ADMIN_PASSWORD, null).status()).isEqualTo(201);
    String token = api.login("admin", ADMIN_PASSWORD);

    ApiClient.Result accepted = api.post("/api/v1/apps", token,
        ApiClient.json(Map.of("catalog_id", "hello", "hostname", "web1",
            "parameters", Map.of("GREETING", "Hi from the flow test"))));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String deploymentId = accepted.json().path("deployment_id").asText();
    assertThat(accepted.headers().firstValue("Location")).contains("/api/v1/deployments/" + deploymentId);

    List<String> events = readEvents(token, "/api/v1/deployments/" + deploymentId + "/events");
    assertThat(events).contains("event: progress").contains("event: succeeded");

    JsonNode deployment = api.get("/api/v1/deployments/" + deploymentId, token).json();
    assertThat(deployment.path("state").asText()).isEqualTo("succeeded");
    assertThat(deployment.path("percent").asInt()).isEqualTo(100);
    assertThat(deployment.path("steps").size()).isGreaterThan(3);

    JsonNode list = api.get("/api/v1/apps", token).json();
    assertThat(list.path("items")).hasSize(1);
    JsonNode app = list.path("items").get(0);
    assertThat(app.path("name").asText()).isEqualTo("web1");
    assertThat(app.path("owner").asText()).isEqualTo("admin");
    assertThat(app.path("status").asText()).isEqualTo("running");
    assertThat(app.path("catalog_id").asText()).isEqualTo("hello");

    ApiClient.Result one = api.get("/api/v1/apps/web1", token);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("services").size()).isGreaterThan(0);

    ApiClient.Result logs = api.get("/api/v1/apps/web1/logs?tail=50", token);
    assertThat(logs.status()).as(logs.body()).isEqualTo(200);
    assertThat(logs.json().path("lines").isArray()).isTrue();

    ApiClient.Result status = api.get("/api/v1/apps/web1/commands/status", token);
    assertThat(status.status()).as(status.body()).isEqualTo(200);
    assertThat(status.json().path("exit_code").asInt()).isZero();
    assertThat(status.json().path("output").asText()).isNotEmpty();
    ApiClient.Result tail = api.get("/api/v1/apps/web1/commands/logs?tail=5", token);
    assertThat(tail.status()).as(tail.body()).isEqualTo(200);
    ApiClient.Result unknownCommand = api.get("/api/v1/apps/web1/commands/rm", token);
    assertThat(unknownCommand.status()).isEqualTo(404);
    ApiClient.Result badParameter = api.get("/api/v1/apps/web1/commands/logs?tail=lots", token);
    assertThat(badParameter.status()).isEqualTo(400);
    ApiClient.Result injection = api.get("/api/v1/apps/web1/commands/logs?service=web%3Brm%20-rf%20%2F", token);
    assertThat(injection.status()).isEqualTo(400);

    ApiClient.Result stopped = api.post("/api/v1/apps/web1/actions", token, "{\"action\":\"stop\"}");
    assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
    assertThat(stopped.json().path("status").asText()).isEqualTo("stopped");
    ApiClient.Result started = api.post("/api/v1/apps/web1/actions", token, "{\"action\":\"start\"}");
    assertThat(started.json().path("status").asText()).isEqualTo("running");
    assertThat(api.post("/api/v1/apps/web1/actions", token, "{\"action\":\"restart\"}").status()).isEqualTo(200);
    assertThat(api.post("/api/v1/apps/web1/actions", token, "{\"action\":\"explode\"}").status()).isEqualTo(400);

    ApiClient.Result backupInAuto = api.post("/api/v1/apps/web1/backups", token, "{\"notes\":\"before\"}");
    assertThat(backupInAuto.status()).isEqualTo(409);
    assertThat(backupInAuto.json().path("error").path("details").path("mode").asText()).isEqualTo("AUTO");
    assertThat(api.post("/api/v1/apps/web1/clone", token, "{\"hostname\":\"web2\"}").status()).isEqualTo(409);
    assertThat(api.send("PUT", "/api/v1/apps/web1/resources", token, "{\"memory_mb\":512}").status()).isEqualTo(409);

    assertThat(api.send("PUT", "/api/v1/system/settings/mode", token, "{\"mode\":\"PRO\"}").status()).isEqualTo(200);

    ApiClient.Result backup = api.post("/api/v1/apps/web1/backups", token, "{\"notes\":\"before\"}");
    assertThat(backup.status()).as(backup.body()).isEqualTo(201);
    String backupId = backup.json().path("id").asText();
    JsonNode backups = api.get("/api/v1/apps/web1/backups", token).json();
    assertThat(backups.path("items")).hasSize(1);

    ApiClient.Result restored = api.post("/api/v1/apps/web1/backups/" + encode(backupId) + "/restore", token, null);
    assertThat(restored.status()).as(restored.body()).isEqualTo(200);
    assertThat(restored.json().path("name").asText()).isEqualTo("web1");

    ApiClient.Result clone = api.post("/api/v1/apps/web1/clone", token, "{\"hostname\":\"web2\"}");
    assertThat(clone.status()).as(clone.body()).isEqualTo(201);
    assertThat(clone.json().path("name").asText()).isEqualTo("web2");

    ApiClient.Result resized = api.send("PUT", "/api/v1/apps/web1/resources", token,
        "{\"memory_mb\":512,\"cores\":2}");
    assertThat(resized.status()).as(resized.body()).isEqualTo(200);
    assertThat(resized.json().path("usage").path("max_memory_bytes").asLong()).isEqualTo(512L << 20);

    ApiClient.Result updates = api.get("/api/v1/apps/updates", token);
    assertThat(updates.status()).isEqualTo(200);
    assertThat(api.post("/api/v1/apps/web1/update", token, null).status()).isEqualTo(409);

    ApiClient.Result deletedBackup = api.send("DELETE", "/api/v1/apps/web1/backups/" + encode(backupId), token, null);
    assertThat(deletedBackup.status()).as(deletedBackup.body()).isEqualTo(204);
    assertThat(api.get("/api/v1/apps/web1/backups", token).json().path("items")).isEmpty();

    assertThat(api.send("DELETE", "/api/v1/apps/web2?force=true", token, null).status()).isEqualTo(204);
    assertThat(api.send("DELETE", "/api/v1/apps/web1?force=true", token, null).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/apps/web1", token).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/apps", token).json().path("items")).isEmpty();

    JsonNode audit = api.get("/api/v1/system/audit?limit=500", token).json();
    List<String> actions = new ArrayList<>();
    audit.path("items").forEach(e -> actions.add(e.path("action").asText()));
    assertThat(actions).contains("status", "logs", "app.deploy", "app.backup", "app.restore", "app.clone", "app.resize",
        "app.delete", "settings.mode");

    assertThat(api.post("/api/v1/auth/logout", token, null).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/apps", token).status()).isEqualTo(401);
  }

  @Test
  void ownership_aUserSeesAndManagesOnlyTheirApps() throws Exception {
    api.register("admin", ADMIN_PASSWORD, null);
    String admin = api.login("admin", ADMIN_PASSWORD);
    api.register("bob", BOB_PASSWORD, admin);
    String bob = api.login("bob", BOB_PASSWORD);
    deployAndWait(admin, "adminapp");

    assertThat(api.get("/api/v1/apps", bob).json().path("items")).isEmpty();
    assertThat(api.get("/api/v1/apps/adminapp", bob).status()).isEqualTo(404);
    assertThat(api.post("/api/v1/apps/adminapp/actions", bob, "{\"action\":\"stop\"}").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/apps/adminapp/logs", bob).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/apps/adminapp/backups", bob).status()).isEqualTo(404);
    assertThat(api.send("DELETE", "/api/v1/apps/adminapp", bob, null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/system/settings", bob).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/system/audit", bob).status()).isEqualTo(403);

    deployAndWait(bob, "bobapp");
    JsonNode bobsApps = api.get("/api/v1/apps", bob).json();
    assertThat(bobsApps.path("items")).hasSize(1);
    assertThat(bobsApps.path("items").get(0).path("owner").asText()).isEqualTo("bob");
    JsonNode all = api.get("/api/v1/apps", admin).json();
    assertThat(all.path("items")).hasSize(2);
    assertThat(all.path("items").get(1).path("ipv4").asText()).as("the list keeps addresses").isNotEmpty();
    assertThat(api.get("/api/v1/apps/adminapp", admin).status()).isEqualTo(200);

    // bob's listing reads nothing about the admin's app: its owner comes from the listing itself
    int adminVmid = all.path("items").get(0).path("vmid").asInt();
    PveSimulator pve = demo.server().backend().demo().orElseThrow().pve();
    pve.clearRequests();
    assertThat(api.get("/api/v1/apps", bob).json().path("items")).hasSize(1);
    assertThat(pve.requests()).extracting(RecordedRequest::path)
        .contains("/api2/json/cluster/resources")
        .noneMatch(path -> path.contains("/lxc/" + adminVmid + "/") || path.endsWith("/lxc/" + adminVmid));
  }

  @Test
  void deploy_invalidRequests_answer400Or409WithAClearMessage() {
    api.register("admin", ADMIN_PASSWORD, null);
    String token = api.login("admin", ADMIN_PASSWORD);

    ApiClient.Result badName = api.post("/api/v1/apps", token, "{\"catalog_id\":\"hello\",\"hostname\":\"Bad_Name\"}");
    ApiClient.Result unknownEntry = api.post("/api/v1/apps", token, "{\"catalog_id\":\"nope\",\"hostname\":\"ok\"}");
    ApiClient.Result unknownField = api.post("/api/v1/apps", token,
        "{\"catalog_id\":\"hello\",\"hostname\":\"ok\",\"privileged\":true}");
    ApiClient.Result badParameter = api.post("/api/v1/apps", token,
        ApiClient.json(Map.of("catalog_id", "hello", "hostname", "ok", "parameters", Map.of("GREETING", "<script>"))));
    ApiClient.Result missing = api.post("/api/v1/apps", token, "{\"hostname\":\"ok\"}");

    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.errorMessage()).startsWith("hostname:");
    assertThat(unknownEntry.status()).isEqualTo(400);
    assertThat(unknownEntry.errorMessage()).contains("catalog_id");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.errorMessage()).contains("privileged");
    assertThat(badParameter.status()).as(badParameter.body()).isEqualTo(400);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorMessage()).contains("catalog_id is required");
  }

  @Test
  void deployment_cancelledWhileRunning_endsCancelledWithoutAnApp_orReportsThatItFinished() throws Exception {
    api.register("admin", ADMIN_PASSWORD, null);
    String token = api.login("admin", ADMIN_PASSWORD);
    ApiClient.Result accepted = api.post("/api/v1/apps", token,
        ApiClient.json(Map.of("catalog_id", "wordpress", "hostname", "blog")));
    String status = accepted.json().path("status_url").asText();

    ApiClient.Result cancel = api.send("DELETE", status, token, null);
    List<String> events = readEvents(token, accepted.json().path("events_url").asText());

    if (cancel.status() == 202) {
      assertThat(events).contains("event: cancelled");
      assertThat(api.get("/api/v1/apps/blog", token).status()).isEqualTo(404);
    } else {
      assertThat(cancel.status()).isEqualTo(409);
      assertThat(events).contains("event: succeeded");
    }
    assertThat(api.send("DELETE", status, token, null).status()).isEqualTo(409);
  }

  private void deployAndWait(String token, String name) throws Exception {
    ApiClient.Result accepted = api.post("/api/v1/apps", token,
        ApiClient.json(Map.of("catalog_id", "hello", "hostname", name)));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    List<String> events = readEvents(token, accepted.json().path("events_url").asText());
    assertThat(events).contains("event: succeeded");
  }

  private List<String> readEvents(String token, String path) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(api.base().resolve(path))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "text/event-stream")
        .timeout(Duration.ofMinutes(2))
        .build();
    HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/event-stream"));
    try (Stream<String> lines = response.body()) {
      return lines.toList();
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
