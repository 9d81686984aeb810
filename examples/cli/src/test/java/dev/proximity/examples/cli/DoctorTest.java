package dev.proximity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor}, and the real (non-demo) connection path against simulators the test starts. */
class DoctorTest {
  private static final String TOKEN = "root@pam!cli";
  private static final String SECRET = "0b9d7c1e-token-secret-for-tests";

  @TempDir Path home;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(home).env("PROXIMITY_DEMO_STATE", home.resolve("demo.json").toString());
  }

  private static JsonNode check(JsonNode report, String name) {
    for (JsonNode c : report.get("checks")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no check " + name + " in " + report);
  }

  @Test
  void doctor_demo_allChecksPass() {
    CliRunner.Result text = cli.run("--demo", "doctor");
    JsonNode json = cli.run("--demo", "doctor", "--json").json();

    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out()).startsWith("CHECK").contains("All checks passed.");
    assertThat(json.get("ok").asBoolean()).isTrue();
    for (String name : new String[] {"config", "connection", "tls", "privileges", "ssh pve1", "ssh pve2",
        "storage pve1 rootdir", "storage pve1 vztmpl", "storage pve1 backup", "template pve1"}) {
      assertThat(check(json, name).get("status").asText()).as(name).isEqualTo("ok");
    }
  }

  @Test
  void doctor_withoutConfiguration_saysWhatToSet() {
    CliRunner.Result r = cli.run("doctor", "--json");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
    JsonNode config = check(r.json(), "config");
    assertThat(config.get("status").asText()).isEqualTo("fail");
    assertThat(config.get("detail").asText()).isEqualTo("no Proxmox VE endpoint configured");
    assertThat(config.get("fix").asText()).contains("--endpoint");
  }

  @Test
  void doctor_wrongTlsPin_showsThePresentedFingerprint() {
    try (PveSimulator sim = PveSimulator.builder().token(TOKEN, SECRET, false).start()) {
      CliRunner.Result r = cli.env("PROXIMITY_TOKEN_SECRET", SECRET).run(
          "--endpoint", sim.baseUri().toString(), "--token-id", TOKEN,
          "--fingerprint", "AA:".repeat(31) + "AA", "doctor");

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
      assertThat(r.out()).contains("connection  fail").contains("--fingerprint " + sim.certificateSha256Fingerprint());
      assertThat(r.out() + r.err()).doesNotContain(SECRET);

      CliRunner.Result apps = cli.run("--endpoint", sim.baseUri().toString(), "--token-id", TOKEN,
          "--fingerprint", "AA:".repeat(31) + "AA", "apps");
      assertThat(apps.exitCode()).isEqualTo(ExitCodes.CONNECTION);
      assertThat(apps.err()).contains("hint: if that is your node's certificate, pin it: --fingerprint "
          + sim.certificateSha256Fingerprint());
    }
  }

  @Test
  void doctor_tokenWithoutAcls_andUnpinnedSshHostKey_sayWhatToFix() throws Exception {
    Path sshPassword = home.resolve("ssh-password");
    Files.writeString(sshPassword, "ssh-pass-123\n");
    try (PveSimulator sim = PveSimulator.builder().token(TOKEN, SECRET, true).start();
        SshHostSimulator ssh = SshHostSimulator.builder().directory(sim).node("pve").user("root")
            .password("ssh-pass-123").start()) {
      JsonNode report = cli.env("PROXIMITY_TOKEN_SECRET", SECRET).run(
          "--endpoint", sim.baseUri().toString(), "--token-id", TOKEN,
          "--fingerprint", sim.certificateSha256Fingerprint(),
          "--ssh-password-file", sshPassword.toString(), "--ssh-host", "pve=127.0.0.1",
          "--ssh-port", String.valueOf(ssh.portFor("pve")),
          "--known-hosts", home.resolve("known_hosts").toString(),
          "doctor", "--json").json();

      assertThat(report.get("ok").asBoolean()).isFalse();
      assertThat(check(report, "connection").get("status").asText()).isEqualTo("ok");
      JsonNode privileges = check(report, "privileges");
      assertThat(privileges.get("status").asText()).isEqualTo("fail");
      assertThat(privileges.get("fix").asText()).contains("privilege separation");
    }
  }

  @Test
  void doctor_sshHostKeyMismatch_showsThePresentedKey() throws Exception {
    Path sshPassword = home.resolve("ssh-password");
    Files.writeString(sshPassword, "ssh-pass-123\n");
    try (PveSimulator sim = PveSimulator.builder().token(TOKEN, SECRET, false).start();
        SshHostSimulator ssh = SshHostSimulator.builder().directory(sim).node("pve").user("root")
            .password("ssh-pass-123").start()) {
      String[] base = {
        "--endpoint", sim.baseUri().toString(), "--token-id", TOKEN,
        "--fingerprint", sim.certificateSha256Fingerprint(),
        "--ssh-password-file", sshPassword.toString(), "--ssh-host", "pve=127.0.0.1",
        "--ssh-port", String.valueOf(ssh.portFor("pve"))
      };
      cli.env("PROXIMITY_TOKEN_SECRET", SECRET);

      CliRunner.Result wrongRun = cli.run(concat(base, "--ssh-host-key", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
          "doctor", "--json"));
      assertThat(wrongRun.err()).as("no library log lines").isEmpty();
      JsonNode wrong = wrongRun.json();
      JsonNode sshCheck = check(wrong, "ssh pve");
      assertThat(sshCheck.get("status").asText()).isEqualTo("fail");
      assertThat(sshCheck.get("fix").asText()).contains("--ssh-host-key " + ssh.hostKeyFingerprint());

      CliRunner.Result right = cli.run(concat(base, "--ssh-host-key", ssh.hostKeyFingerprint(), "doctor"));
      assertThat(right.exitCode()).as(right.toString()).isZero();
      assertThat(right.out()).contains("ssh pve").contains("connected, host key verified");

      // the same configuration drives real commands
      CliRunner.Result nodes = cli.run(concat(base, "--ssh-host-key", ssh.hostKeyFingerprint(), "nodes", "--json"));
      assertThat(nodes.json().get(0).get("node").asText()).isEqualTo("pve");
      assertThat(nodes.out() + nodes.err()).doesNotContain(SECRET).doesNotContain("ssh-pass-123");
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
