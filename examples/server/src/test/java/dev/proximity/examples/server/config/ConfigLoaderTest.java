package dev.proximity.examples.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final String FINGERPRINT =
      "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

  @Test
  void load_defaults_listenOnLoopback8765() {
    ServerConfig config = ConfigLoader.load(List.of("--demo"), Map.of());

    assertThat(config.listenAddress()).isEqualTo("127.0.0.1");
    assertThat(config.listenPort()).isEqualTo(8765);
    assertThat(config.mode()).isEqualTo(OperatingMode.AUTO);
    assertThat(config.demo()).isTrue();
  }

  @Test
  void load_environment_configuresProxmoxAndSsh() {
    ServerConfig config = ConfigLoader.load(List.of(), Map.of(
        "PROXIMITY_PVE_URL", "https://pve.example:8006",
        "PROXIMITY_PVE_TOKEN_ID", "root@pam!proximity",
        "PROXIMITY_PVE_TOKEN_SECRET", "11111111-2222-3333-4444-555555555555",
        "PROXIMITY_PVE_TLS_FINGERPRINT", FINGERPRINT,
        "PROXIMITY_SSH_KEY_FILE", "/keys/id_ed25519"));

    assertThat(config.pveUrl()).hasValueSatisfying(u -> assertThat(u.getHost()).isEqualTo("pve.example"));
    assertThat(config.pveTokenSecret().orElseThrow().reveal()).isEqualTo("11111111-2222-3333-4444-555555555555");
    assertThat(config.sshHost()).hasValue("pve.example");
    assertThat(config.sshUser()).isEqualTo("root");
  }

  @Test
  void toString_masksEverySecret() {
    ServerConfig config = ConfigLoader.load(List.of(), Map.of(
        "PROXIMITY_PVE_URL", "https://pve.example:8006",
        "PROXIMITY_PVE_USER", "root@pam",
        "PROXIMITY_PVE_PASSWORD", "hunter2-hunter2",
        "PROXIMITY_JWT_SECRET", "a-very-long-signing-secret-of-32-bytes!"));

    assertThat(config.toString()).contains("pve.password=******").doesNotContain("hunter2")
        .doesNotContain("a-very-long-signing-secret");
    assertThat(config.pvePassword().orElseThrow().toString()).isEqualTo("******");
  }

  @Test
  void load_precedence_fileThenEnvironmentThenArguments(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("server.json");
    Files.writeString(file, "{\"demo\": true, \"listen\": {\"port\": 9000, \"address\": \"127.0.0.2\"}, \"mode\": \"PRO\"}");

    ServerConfig config = ConfigLoader.load(List.of("--config", file.toString(), "--port", "9002"),
        Map.of("PROXIMITY_LISTEN_PORT", "9001", "PROXIMITY_MODE", "AUTO"));

    assertThat(config.listenPort()).isEqualTo(9002);
    assertThat(config.listenAddress()).isEqualTo("127.0.0.2");
    assertThat(config.mode()).isEqualTo(OperatingMode.AUTO);
  }

  @Test
  void load_propertiesFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("server.properties");
    Files.writeString(file, "demo=true\nlisten.port=9100\n");

    ServerConfig config = ConfigLoader.load(List.of(), Map.of("PROXIMITY_CONFIG", file.toString()));

    assertThat(config.listenPort()).isEqualTo(9100);
  }

  @Test
  void load_invalidSettings_nameTheKey(@TempDir Path dir) throws Exception {
    Path typo = dir.resolve("typo.properties");
    Files.writeString(typo, "demo=true\nlisten.prot=9100\n");

    assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", typo.toString()), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("listen.prot");
    assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("pve.url");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--demo", "--port", "70000"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("listen.port");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--demo", "--set", "pve.password=x"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("secret").hasMessageNotContaining("=x");
    assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of(
            "PROXIMITY_PVE_URL", "http://pve.example:8006", "PROXIMITY_PVE_USER", "root@pam",
            "PROXIMITY_PVE_PASSWORD", "pw")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of(
            "PROXIMITY_PVE_URL", "https://pve.example:8006", "PROXIMITY_PVE_TOKEN_ID", "root@pam!x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("together");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--demo"), Map.of("PROXIMITY_JWT_SECRET", "short")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("32 bytes").hasMessageNotContaining("short");
  }
}
