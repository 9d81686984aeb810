package dev.proximity.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

  @ParameterizedTest
  @ValueSource(strings = {"POSTGRES_PASSWORD", "password", "DB_PASS", "apiKey", "API_KEY",
      "SECRET_KEY_BASE", "GITEA__security__SECRET_KEY", "AUTH_TOKEN", "access-token",
      "JWT_SECRET", "smtp.password", "MYSQL_ROOT_PASSWORD", "privateKey", "client_secret",
      "NEXTAUTH_SECRET", "SENTRY_DSN", "ENCRYPTION_KEY", "passphrase", "AWS_SECRET_ACCESS_KEY"})
  void isSecretName_secretNames_areSecret(String name) {
    assertThat(Redaction.isSecretName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"MONKEY", "image", "PORT", "TZ", "POSTGRES_USER", "KEYBOARD_LAYOUT",
      "restart", "healthcheck", "PUID", "DOMAIN", "keycloak_url"})
  void isSecretName_plainNames_areNotSecret(String name) {
    assertThat(Redaction.isSecretName(name)).isFalse();
  }

  @Test
  void redactConfig_composeDocument_masksSecretValuesOnly() {
    String compose = String.join("\n",
        "services:",
        "  db:",
        "    image: postgres:16",
        "    environment:",
        "      POSTGRES_USER: app",
        "      POSTGRES_PASSWORD: hunter2",
        "      \"API_TOKEN\": 'tok-123'",
        "  web:",
        "    image: ghcr.io/app/web:1.0",
        "    environment:",
        "      - DATABASE_URL=postgres://app:hunter2@db:5432/app",
        "      - SECRET_KEY=abc def",
        "      - \"JWT_SECRET=xyz\"",
        "      - PORT=8080",
        "    labels:",
        "      private_key: |",
        "        -----BEGIN PRIVATE KEY-----",
        "        MIIEv...",
        "      other: visible",
        "");
    String redacted = Redaction.redactConfig(compose);

    assertThat(redacted).doesNotContain("hunter2", "tok-123", "abc def", "xyz", "MIIEv",
        "BEGIN PRIVATE KEY");
    assertThat(redacted).contains(
        "      POSTGRES_USER: app",
        "      POSTGRES_PASSWORD: <redacted>",
        "      \"API_TOKEN\": <redacted>",
        "      - DATABASE_URL=postgres://app:<redacted>@db:5432/app",
        "      - SECRET_KEY=<redacted>",
        "      - \"JWT_SECRET=<redacted>\"",
        "      - PORT=8080",
        "      private_key: |",
        "        <redacted>",
        "      other: visible",
        "    image: ghcr.io/app/web:1.0");
    assertThat(redacted.split("\n", -1)).hasSameSizeAs(compose.split("\n", -1));
  }

  @Test
  void redactConfig_envFile_masksSecretValues() {
    assertThat(Redaction.redactConfig("A=1\nDB_PASSWORD=x\n# PASSWORD=comment\n"))
        .isEqualTo("A=1\nDB_PASSWORD=<redacted>\n# PASSWORD=comment\n");
  }

  @Test
  void redactArgv_masksAssignmentsOptionsAndUrls() {
    assertThat(Redaction.redactArgv(List.of("env", "DB_PASSWORD=s3cret", "--token", "abc",
        "--password=x", "https://u:p@host/x", "plain")))
        .containsExactly("env", "DB_PASSWORD=<redacted>", "--token", "<redacted>",
            "--password=<redacted>", "https://u:<redacted>@host/x", "plain");
  }

  @Test
  void redactArgv_longWords_areShortened() {
    assertThat(Redaction.redactArgv(List.of("x".repeat(500))).get(0))
        .hasSizeLessThan(250).endsWith("...(500 chars)");
  }

  @Test
  void redactArgv_multiLineWords_keepTheirFirstLine() {
    assertThat(Redaction.redactArgv(List.of("bash", "-c", "declare -A w\nwhile :; do\n  :\ndone", "x")))
        .containsExactly("bash", "-c", "declare -A w...(33 chars)", "x");
  }
}
