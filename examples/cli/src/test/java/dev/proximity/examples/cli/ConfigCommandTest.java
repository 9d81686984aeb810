package dev.proximity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  @TempDir Path home;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(home);
  }

  private static JsonNode setting(JsonNode config, String key) {
    for (JsonNode s : config.get("settings")) {
      if (s.get("key").asText().equals(key)) {
        return s;
      }
    }
    throw new AssertionError("no setting " + key + " in " + config);
  }

  @Test
  void config_flagBeatsEnvBeatsFile() throws Exception {
    Path dir = Files.createDirectories(home.resolve(".config/proximity"));
    Files.writeString(dir.resolve("config.json"),
        "{\"endpoint\":\"https://file:8006\",\"tokenId\":\"file@pve!t\",\"fingerprint\":\"AA:BB\","
            + "\"ssh\":{\"user\":\"admin\",\"hosts\":{\"pve1\":\"10.0.0.2\"}}}");
    cli.env("PROXIMITY_TOKEN_ID", "env@pve!t").env("PROXIMITY_FINGERPRINT", "CC:DD");

    CliRunner.Result r = cli.run("--fingerprint", "EE:FF", "config", "--json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode json = r.json();
    assertThat(json.get("file").asText()).endsWith("config.json");
    assertThat(setting(json, "endpoint").get("value").asText()).isEqualTo("https://file:8006");
    assertThat(setting(json, "endpoint").get("source").asText()).startsWith("file ");
    assertThat(setting(json, "tokenId").get("value").asText()).isEqualTo("env@pve!t");
    assertThat(setting(json, "tokenId").get("source").asText()).isEqualTo("env PROXIMITY_TOKEN_ID");
    assertThat(setting(json, "fingerprint").get("value").asText()).isEqualTo("EE:FF");
    assertThat(setting(json, "fingerprint").get("source").asText()).isEqualTo("flag --fingerprint");
    assertThat(setting(json, "ssh.user").get("value").asText()).isEqualTo("admin");
    assertThat(setting(json, "ssh.hosts").get("value").asText()).isEqualTo("pve1=10.0.0.2");
    assertThat(setting(json, "ssh.port").get("source").asText()).isEqualTo("default");
  }

  @Test
  void config_secretsComeFromEnvOrFileAndAreNeverPrinted() throws Exception {
    Path secretFile = home.resolve("token");
    Files.writeString(secretFile, "file-secret-1234\n");
    cli.env("PROXIMITY_PASSWORD", "env-password-5678");
    Path config = home.resolve("lab.json");
    Files.writeString(config, "{\"tokenSecretFile\":\"~/token\"}");

    CliRunner.Result text = cli.run("--config", config.toString(), "config");
    CliRunner.Result json = cli.run("config", "--config", config.toString(), "--json");

    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out() + text.err() + json.out() + json.err())
        .doesNotContain("file-secret-1234")
        .doesNotContain("env-password-5678");
    assertThat(setting(json.json(), "tokenSecret").get("value").asText()).isEqualTo("(set)");
    assertThat(setting(json.json(), "tokenSecret").get("source").asText()).isEqualTo("file " + config);
    assertThat(setting(json.json(), "password").get("source").asText()).isEqualTo("env PROXIMITY_PASSWORD");
    assertThat(text.out()).contains("tokenSecret").contains("(set)");
  }

  @Test
  void config_secretFileFlagWinsOverEnv() throws Exception {
    Path secretFile = home.resolve("token");
    Files.writeString(secretFile, "from-file");
    cli.env("PROXIMITY_TOKEN_SECRET", "from-env");

    CliRunner.Result r = cli.run("--token-secret-file", secretFile.toString(), "config", "--json");

    assertThat(setting(r.json(), "tokenSecret").get("source").asText()).isEqualTo("flag --token-secret-file");
  }

  @Test
  void config_unknownKeyInFile_isUsageErrorNamingTheKey() throws Exception {
    Path config = home.resolve("bad.json");
    Files.writeString(config, "{\"endpiont\":\"https://x:8006\"}");

    CliRunner.Result r = cli.run("--config", config.toString(), "config");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).hasSize(2);
    assertThat(r.err()).startsWith("error: unknown key 'endpiont' in config file").contains("hint: known keys:");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void config_missingExplicitFile_isUsageError() {
    CliRunner.Result r = cli.run("--config", home.resolve("nope.json").toString(), "config");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("does not exist");
  }

  @Test
  void config_missingSecretFile_isUsageErrorWithHint() {
    CliRunner.Result r = cli.run("--token-secret-file", home.resolve("missing").toString(), "config");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("secret file").contains("hint: or set PROXIMITY_TOKEN_SECRET");
  }

  @Test
  void config_envConfigPathAndXdg_areHonoured() throws Exception {
    Path xdg = Files.createDirectories(home.resolve("xdg/proximity"));
    Files.writeString(xdg.resolve("config.json"), "{\"endpoint\":\"https://xdg:8006\"}");
    cli.env("XDG_CONFIG_HOME", home.resolve("xdg").toString());

    assertThat(setting(cli.run("config", "--json").json(), "endpoint").get("value").asText())
        .isEqualTo("https://xdg:8006");

    Path other = home.resolve("other.json");
    Files.writeString(other, "{\"endpoint\":\"https://other:8006\"}");
    cli.env("PROXIMITY_CONFIG", other.toString());
    assertThat(setting(cli.run("config", "--json").json(), "endpoint").get("value").asText())
        .isEqualTo("https://other:8006");
  }
}
