package dev.proximity.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.proximity.examples.server.auth.TokenService;
import dev.proximity.examples.server.config.ServerConfig;
import dev.proximity.examples.server.http.Access;
import dev.proximity.examples.server.http.Route;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every protected endpoint refuses bad tokens; nothing leaks a password, token or secret. */
class SecurityTest {
  private static final String PASSWORD = "s3cret-root-passphrase";

  @TempDir Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private LogCapture logs;
  private ProximityServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    logs = new LogCapture();
    server = ProximityServer.start(ServerConfig.fromSettings(
        Map.of("demo", "true", "listen.port", "0", "data_dir", dataDir.toString())), clock);
    api = new ApiClient(server.baseUri());
  }

  @AfterEach
  void stop() {
    server.close();
    logs.close();
  }

  @Test
  void everyProtectedEndpoint_refusesMissingExpiredTamperedAndUnsignedTokens() throws Exception {
    api.register("admin", PASSWORD, null);
    String valid = api.login("admin", PASSWORD);
    byte[] key = Base64.getDecoder().decode(Files.readString(dataDir.resolve("jwt.key")).trim());
    String subject = SignedJWT.parse(valid).getJWTClaimsSet().getSubject();

    Map<String, String> badTokens = new LinkedHashMap<>();
    badTokens.put("missing", null);
    badTokens.put("expired", signed(key, subject, clock.instant().minusSeconds(1)));
    badTokens.put("tampered", tamper(valid));
    badTokens.put("alg:none", new PlainJWT(claims(subject, clock.instant().plusSeconds(600))).serialize());
    badTokens.put("wrong key", signed("k".repeat(40).getBytes(StandardCharsets.UTF_8), subject,
        clock.instant().plusSeconds(600)));
    badTokens.put("garbage", "abc.def.ghi");

    int checked = 0;
    for (Route route : server.routes()) {
      if (route.access() == Access.PUBLIC) {
        continue;
      }
      String path = route.template().replaceAll("\\{[^}]+}", "x");
      String body = route.method().equals("POST") || route.method().equals("PUT") ? "{}" : null;
      for (Map.Entry<String, String> bad : badTokens.entrySet()) {
        ApiClient.Result result = api.send(route.method(), path, bad.getValue(), body);
        assertThat(result.status()).as(route.method() + " " + route.template() + " with " + bad.getKey() + " token")
            .isEqualTo(401);
        assertThat(result.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(result.errorCode()).isEqualTo("unauthorized");
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(6 * 5);
    assertThat(api.get("/api/v1/auth/me", valid).status()).isEqualTo(200);
  }

  @Test
  void noResponseOrLogLine_containsAPasswordTokenOrSecret() throws Exception {
    ApiClient.Result registered = api.register("admin", PASSWORD, null);
    ApiClient.Result login = api.post("/api/v1/auth/login", null,
        ApiClient.json(Map.of("username", "admin", "password", PASSWORD)));
    String token = login.json().path("access_token").asText();
    ApiClient.Result failed = api.post("/api/v1/auth/login", null,
        ApiClient.json(Map.of("username", "admin", "password", PASSWORD + "-wrong")));
    ApiClient.Result me = api.get("/api/v1/auth/me", token);
    ApiClient.Result audit = api.get("/api/v1/system/audit?limit=500", token);
    ApiClient.Result settings = api.get("/api/v1/system/settings", token);
    ApiClient.Result info = api.get("/api/v1/system/info", token);
    ApiClient.Result logout = api.post("/api/v1/auth/logout", token, null);
    ApiClient.Result afterLogout = api.get("/api/v1/auth/me", token);
    String jwtKey = Files.readString(dataDir.resolve("jwt.key")).trim();

    String everything = String.join("\n", registered.body(), failed.body(), me.body(), audit.body(),
        settings.body(), info.body(), afterLogout.body(), logs.text(), Files.readString(dataDir.resolve("audit.jsonl")));
    assertThat(logout.status()).isEqualTo(204);
    assertThat(everything).doesNotContain(PASSWORD).doesNotContain(token).doesNotContain(jwtKey)
        .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    assertThat(logs.text()).contains("\"path\":\"/api/v1/auth/login\"");
  }

  @Test
  void deploy_secretParameter_neverAppearsInResponsesLogsOrAudit() throws Exception {
    String dbPassword = "pg-Secret-Value-4711";
    api.register("admin", PASSWORD, null);
    String token = api.login("admin", PASSWORD);

    ApiClient.Result accepted = api.post("/api/v1/apps", token, ApiClient.json(Map.of(
        "catalog_id", "postgresql", "hostname", "db", "parameters", Map.of("POSTGRES_PASSWORD", dbPassword))));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String deployment = accepted.json().path("deployment_id").asText();
    ApiClient.Result events = api.get("/api/v1/deployments/" + deployment + "/events", token);
    ApiClient.Result status = api.get("/api/v1/deployments/" + deployment, token);
    ApiClient.Result apps = api.get("/api/v1/apps", token);
    ApiClient.Result app = api.get("/api/v1/apps/db", token);
    ApiClient.Result config = api.get("/api/v1/apps/db/commands/config", token);
    ApiClient.Result audit = api.get("/api/v1/system/audit?limit=500", token);

    assertThat(events.body()).contains("event: succeeded");
    assertThat(status.json().path("state").asText()).isEqualTo("succeeded");
    assertThat(apps.json().path("items").get(0).path("parameters").has("POSTGRES_PASSWORD")).isFalse();
    assertThat(config.status()).as(config.body()).isEqualTo(200);
    String everything = String.join("\n", accepted.body(), events.body(), status.body(), apps.body(), app.body(),
        config.body(), audit.body(), logs.text(), Files.readString(dataDir.resolve("audit.jsonl")));
    assertThat(everything).doesNotContain(dbPassword).doesNotContain(PASSWORD).doesNotContain(token);
  }

  private static JWTClaimsSet claims(String subject, Instant expiry) {
    return new JWTClaimsSet.Builder()
        .issuer(TokenService.ISSUER)
        .subject(subject)
        .jwtID(UUID.randomUUID().toString())
        .claim("role", "admin")
        .issueTime(Date.from(expiry.minus(Duration.ofHours(1))))
        .expirationTime(Date.from(expiry))
        .build();
  }

  private static String signed(byte[] key, String subject, Instant expiry) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(subject, expiry));
    jwt.sign(new MACSigner(key));
    return jwt.serialize();
  }

  private static String tamper(String token) {
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String changed = payload.replaceFirst("\"exp\":(\\d+)", "\"exp\":9999999999");
    return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
  }
}
