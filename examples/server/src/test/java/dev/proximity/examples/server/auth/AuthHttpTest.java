package dev.proximity.examples.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.examples.server.ApiClient;
import dev.proximity.examples.server.MutableClock;
import dev.proximity.examples.server.ProximityServer;
import dev.proximity.examples.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthHttpTest {
  private static final String ADMIN_PASSWORD = "correct-horse-battery";
  private static final String USER_PASSWORD = "another-long-password";

  @TempDir Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private ProximityServer server;
  private ApiClient api;

  private void start(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("demo", "true");
    settings.put("listen.port", "0");
    settings.put("data_dir", dataDir.toString());
    settings.putAll(extra);
    server = ProximityServer.start(ServerConfig.fromSettings(settings), clock);
    api = new ApiClient(server.baseUri());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void register_firstUser_becomesAdmin_laterOnesNeedAnAdmin() {
    start(Map.of());

    ApiClient.Result first = api.register("alice", ADMIN_PASSWORD, null);
    ApiClient.Result anonymous = api.register("bob", USER_PASSWORD, null);
    String adminToken = api.login("alice", ADMIN_PASSWORD);
    ApiClient.Result byAdmin = api.register("bob", USER_PASSWORD, adminToken);
    String userToken = api.login("bob", USER_PASSWORD);
    ApiClient.Result byUser = api.register("carol", USER_PASSWORD, userToken);

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.json().path("role").asText()).isEqualTo("admin");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(byAdmin.status()).isEqualTo(201);
    assertThat(byAdmin.json().path("role").asText()).isEqualTo("user");
    assertThat(byUser.status()).isEqualTo(403);
  }

  @Test
  void register_closedByConfiguration_refusesEvenWithoutChecking() {
    start(Map.of("registration", "closed"));
    api.register("alice", ADMIN_PASSWORD, null);

    ApiClient.Result result = api.register("bob", USER_PASSWORD, null);

    assertThat(result.status()).isEqualTo(403);
    assertThat(result.errorMessage()).contains("closed");
  }

  @Test
  void register_openByConfiguration_letsAnybodyRegisterAsUser() {
    start(Map.of("registration", "open"));
    api.register("alice", ADMIN_PASSWORD, null);

    ApiClient.Result result = api.register("bob", USER_PASSWORD, null);
    ApiClient.Result wantsAdmin = api.post("/api/v1/auth/register", null,
        ApiClient.json(Map.of("username", "eve", "password", USER_PASSWORD, "role", "admin")));

    assertThat(result.status()).isEqualTo(201);
    assertThat(result.json().path("role").asText()).isEqualTo("user");
    assertThat(wantsAdmin.status()).isEqualTo(403);
  }

  @Test
  void register_invalidInput_answers400Naming_theField() {
    start(Map.of());

    ApiClient.Result badName = api.register("Al ice!", ADMIN_PASSWORD, null);
    ApiClient.Result shortPassword = api.register("alice", "short", null);
    ApiClient.Result missing = api.post("/api/v1/auth/register", null, "{\"username\":\"alice\"}");
    ApiClient.Result unknown = api.post("/api/v1/auth/register", null,
        "{\"username\":\"alice\",\"password\":\"" + ADMIN_PASSWORD + "\",\"is_admin\":true}");
    ApiClient.Result duplicate;
    api.register("alice", ADMIN_PASSWORD, null);
    duplicate = api.register("alice", ADMIN_PASSWORD, null);

    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.errorMessage()).startsWith("username:");
    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.errorMessage()).startsWith("password:");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorMessage()).contains("password is required");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorMessage()).contains("unknown field 'is_admin'");
    assertThat(duplicate.status()).isIn(401, 409);
  }

  @Test
  void login_returnsBearerToken_andMeShowsTheUser() {
    start(Map.of());
    api.register("alice", ADMIN_PASSWORD, null);

    ApiClient.Result login = api.post("/api/v1/auth/login", null,
        ApiClient.json(Map.of("username", "alice", "password", ADMIN_PASSWORD)));
    JsonNode body = login.json();
    ApiClient.Result me = api.get("/api/v1/auth/me", body.path("access_token").asText());

    assertThat(login.status()).isEqualTo(200);
    assertThat(body.path("token_type").asText()).isEqualTo("bearer");
    assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("username").asText()).isEqualTo("alice");
    assertThat(me.json().path("role").asText()).isEqualTo("admin");
    assertThat(me.body()).doesNotContain("hash").doesNotContain(ADMIN_PASSWORD);
  }

  @Test
  void logout_revokesTheToken_evenAcrossRestarts() {
    start(Map.of());
    api.register("alice", ADMIN_PASSWORD, null);
    String token = api.login("alice", ADMIN_PASSWORD);

    ApiClient.Result logout = api.post("/api/v1/auth/logout", token, null);
    ApiClient.Result after = api.get("/api/v1/auth/me", token);
    server.close();
    start(Map.of());
    ApiClient.Result afterRestart = api.get("/api/v1/auth/me", token);
    String fresh = api.login("alice", ADMIN_PASSWORD);

    assertThat(logout.status()).isEqualTo(204);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.errorMessage()).contains("revoked");
    assertThat(afterRestart.status()).isEqualTo(401);
    assertThat(api.get("/api/v1/auth/me", fresh).status()).isEqualTo(200);
  }

  @Test
  void token_expires_afterItsLifetime() {
    start(Map.of());
    api.register("alice", ADMIN_PASSWORD, null);
    String token = api.login("alice", ADMIN_PASSWORD);

    clock.advance(Duration.ofSeconds(3599));
    int before = api.get("/api/v1/auth/me", token).status();
    clock.advance(Duration.ofSeconds(1));
    ApiClient.Result expired = api.get("/api/v1/auth/me", token);

    assertThat(before).isEqualTo(200);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.errorMessage()).contains("expired");
  }

  @Test
  void login_sixthFailureWithinAMinute_isThrottled_thenAllowedAgain() {
    start(Map.of());
    api.register("alice", ADMIN_PASSWORD, null);
    String wrong = ApiClient.json(Map.of("username", "alice", "password", "wrong-password-1"));

    for (int i = 0; i < 5; i++) {
      assertThat(api.post("/api/v1/auth/login", null, wrong).status()).isEqualTo(401);
    }
    ApiClient.Result sixth = api.post("/api/v1/auth/login", null, wrong);
    ApiClient.Result evenCorrect = api.post("/api/v1/auth/login", null,
        ApiClient.json(Map.of("username", "alice", "password", ADMIN_PASSWORD)));
    clock.advance(Duration.ofSeconds(61));
    ApiClient.Result later = api.post("/api/v1/auth/login", null,
        ApiClient.json(Map.of("username", "alice", "password", ADMIN_PASSWORD)));

    assertThat(sixth.status()).isEqualTo(429);
    assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
    assertThat(evenCorrect.status()).isEqualTo(429);
    assertThat(later.status()).isEqualTo(200);
  }

  @Test
  void login_unknownUser_looksLikeAWrongPassword() {
    start(Map.of());
    api.register("alice", ADMIN_PASSWORD, null);

    ApiClient.Result unknown = api.post("/api/v1/auth/login", null,
        ApiClient.json(Map.of("username", "mallory", "password", ADMIN_PASSWORD)));
    ApiClient.Result wrong = api.post("/api/v1/auth/login", null,
        ApiClient.json(Map.of("username", "alice", "password", "not-the-password")));

    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.errorMessage()).isEqualTo(wrong.errorMessage());
  }

  @Test
  void dataDirectory_holdsPrivateFiles_andUsersSurviveARestart() throws Exception {
    start(Map.of());
    api.register("alice", ADMIN_PASSWORD, null);
    server.close();
    start(Map.of());

    String token = api.login("alice", ADMIN_PASSWORD);

    assertThat(api.get("/api/v1/auth/me", token).json().path("role").asText()).isEqualTo("admin");
    for (String file : new String[] {"users.json", "jwt.key", "audit.jsonl"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file))))
          .as(file).isEqualTo("rw-------");
    }
    String users = Files.readString(dataDir.resolve("users.json"));
    assertThat(users).contains("pbkdf2-sha256$210000$").doesNotContain(ADMIN_PASSWORD);
  }

  @Test
  void audit_recordsAuthEvents_andIsAdminOnly() {
    start(Map.of("registration", "open"));
    api.register("alice", ADMIN_PASSWORD, null);
    api.register("bob", USER_PASSWORD, null);
    String admin = api.login("alice", ADMIN_PASSWORD);
    String user = api.login("bob", USER_PASSWORD);
    api.post("/api/v1/auth/login", null, ApiClient.json(Map.of("username", "bob", "password", "wrong-password")));
    api.post("/api/v1/auth/logout", user, null);

    ApiClient.Result page = api.get("/api/v1/system/audit?limit=3", admin);
    ApiClient.Result all = api.get("/api/v1/system/audit?limit=100", admin);
    ApiClient.Result asUser = api.get("/api/v1/system/audit", api.login("bob", USER_PASSWORD));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().path("items")).hasSize(3);
    assertThat(page.json().path("items").get(0).path("action").asText()).isEqualTo("auth.logout");
    assertThat(page.json().path("items").get(0).path("actor").asText()).isEqualTo("bob");
    assertThat(all.json().path("total").asInt()).isGreaterThanOrEqualTo(6);
    assertThat(all.body()).contains("\"outcome\":\"failed\"").doesNotContain(USER_PASSWORD);
    assertThat(asUser.status()).isEqualTo(403);
  }

  @Test
  void mode_canBeSwitchedByAnAdmin_andIsPersisted() {
    start(Map.of("registration", "open"));
    api.register("alice", ADMIN_PASSWORD, null);
    api.register("bob", USER_PASSWORD, null);
    String admin = api.login("alice", ADMIN_PASSWORD);
    String user = api.login("bob", USER_PASSWORD);

    JsonNode before = api.get("/api/v1/system/settings", admin).json();
    ApiClient.Result byUser = api.send("PUT", "/api/v1/system/settings/mode", user, "{\"mode\":\"PRO\"}");
    ApiClient.Result invalid = api.send("PUT", "/api/v1/system/settings/mode", admin, "{\"mode\":\"TURBO\"}");
    ApiClient.Result switched = api.send("PUT", "/api/v1/system/settings/mode", admin, "{\"mode\":\"PRO\"}");
    server.close();
    start(Map.of());
    ApiClient.Result settings = api.get("/api/v1/system/settings", api.login("alice", ADMIN_PASSWORD));

    assertThat(byUser.status()).isEqualTo(403);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(switched.status()).isEqualTo(200);
    assertThat(before.path("autopilot").path("mode").asText()).isEqualTo("AUTO");
    assertThat(before.path("autopilot").path("next_update_check").asText()).isNotEmpty();
    assertThat(switched.json().path("autopilot").path("mode").asText()).isEqualTo("PRO");
    assertThat(settings.json().path("mode").asText()).isEqualTo("PRO");
    assertThat(settings.json().path("autopilot").path("mode").asText()).isEqualTo("PRO");
  }
}
