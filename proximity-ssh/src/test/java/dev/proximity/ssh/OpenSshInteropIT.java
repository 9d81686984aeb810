package dev.proximity.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proximity.spi.CommandResult;
import dev.proximity.spi.HostShell;
import dev.proximity.ssh.SshCommandException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SshHostShells against a real OpenSSH server (Debian openssh-server) on loopback. */
class OpenSshInteropIT {
  private static final Path KEYS = SshHostShellsTest.KEYS.toAbsolutePath();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir
  static Path dir;
  private static OpenSshServer server;

  @BeforeAll
  static void startSshd() throws Exception {
    String reason = OpenSshServer.unavailableReason();
    assumeTrue(reason == null, () -> "skipped: " + reason);
    List<String> authorized = new ArrayList<>();
    for (String key : List.of("id_ed25519", "id_rsa", "id_ecdsa", "id_ed25519_encrypted",
        "id_rsa_pem")) {
      authorized.add(Files.readString(KEYS.resolve(key + ".pub")).trim());
    }
    server = OpenSshServer.start(dir, authorized);
  }

  @AfterAll
  static void stopSshd() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private SshHostShells.Builder builder(Path knownHosts) {
    return SshHostShells.builder().node("pve", "127.0.0.1", server.port)
        .auth(SshAuth.privateKey(KEYS.resolve("id_ed25519")))
        .hostKeys(HostKeyVerification.knownHosts(knownHosts))
        .tempDirectory(dir.resolve("tmp").toString());
  }

  private Path knownHosts(String... lines) throws Exception {
    Path file = Files.createTempFile(dir, "known_hosts", "");
    Files.write(file, List.of(lines));
    return file;
  }

  @Test
  void exec_hostileArgv_reachesPctByteForByte() throws Exception {
    List<String> hostile = List.of("sh", "-c", "echo pwned > /tmp/pwned", "it's", "$(id)",
        "`id`", "${HOME}", "a\nb\tc", "; rm -rf / #", "", " ", "\\", "\"", "'", "''", "*", "?",
        "~", "!!", "日本語 ✓ 🚀", "--", "-e", "|&<>(){}[]", "\r\u0001\u001b[31m");
    try (SshHostShells shells = builder(knownHosts(server.knownHostsLine())).build()) {
      CommandResult result = shells.forNode("pve").exec(101, hostile, TIMEOUT);
      assertThat(result.exitCode()).isZero();
      assertThat(result.stdout()).isEqualTo("ok\n");
    }
    List<String> expected = new ArrayList<>(List.of("exec", "101", "--"));
    expected.addAll(hostile);
    assertThat(server.lastPctArgv()).isEqualTo(expected);
    assertThat(Path.of("/tmp/pwned")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"id_ed25519", "id_rsa", "id_ecdsa", "id_rsa_pem"})
  void auth_everyKeyType_isAccepted(String key) throws Exception {
    try (SshHostShells shells = builder(knownHosts(server.knownHostsLine()))
        .auth(SshAuth.privateKey(KEYS.resolve(key))).build()) {
      assertThat(shells.forNode("pve").run(List.of("true"), TIMEOUT).ok()).isTrue();
    }
  }

  @Test
  void auth_encryptedKeyWithPassphrase_isAccepted() throws Exception {
    try (SshHostShells shells = builder(knownHosts(server.knownHostsLine()))
        .auth(SshAuth.privateKey(KEYS.resolve("id_ed25519_encrypted"),
            "correct horse".toCharArray())).build()) {
      assertThat(shells.forNode("pve").run(List.of("true"), TIMEOUT).ok()).isTrue();
    }
  }

  @Test
  void auth_inMemoryKey_isAccepted() throws Exception {
    String pem = Files.readString(KEYS.resolve("id_ecdsa"));
    try (SshHostShells shells = builder(knownHosts(server.knownHostsLine()))
        .auth(SshAuth.privateKeyText(pem, null)).build()) {
      assertThat(shells.forNode("pve").run(List.of("true"), TIMEOUT).ok()).isTrue();
    }
  }

  @Test
  void auth_passwordWhenServerWantsKeys_isRefused() throws Exception {
    try (SshHostShells shells = builder(knownHosts(server.knownHostsLine()))
        .auth(SshAuth.password("guess".toCharArray())).build()) {
      assertThatThrownBy(() -> shells.forNode("pve").run(List.of("true"), TIMEOUT))
          .isInstanceOfSatisfying(SshCommandException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
            assertThat(e).hasMessageNotContaining("guess");
          });
    }
  }

  @Test
  void hostKey_unknownHost_isRefusedShowingFingerprint() throws Exception {
    String fingerprint = fingerprint();
    try (SshHostShells shells = builder(knownHosts()).build()) {
      assertThatThrownBy(() -> shells.forNode("pve").run(List.of("true"), TIMEOUT))
          .isInstanceOfSatisfying(SshCommandException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN);
            assertThat(e.presentedFingerprint()).hasValue(fingerprint);
            assertThat(e).hasMessageContaining(fingerprint);
          });
    }
  }

  @Test
  void hostKey_changedKey_isRefused() throws Exception {
    String other = Files.readString(KEYS.resolve("id_ed25519.pub")).trim().split(" ")[1];
    Path knownHosts = knownHosts("[127.0.0.1]:" + server.port + " ssh-ed25519 " + other);
    String fingerprint = fingerprint();
    try (SshHostShells shells = builder(knownHosts).build()) {
      assertThatThrownBy(() -> shells.forNode("pve").run(List.of("true"), TIMEOUT))
          .isInstanceOfSatisfying(SshCommandException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_CHANGED);
            assertThat(e.presentedFingerprint()).hasValue(fingerprint);
          });
    }
  }

  @Test
  void hostKey_pinnedFingerprint_isAccepted() throws Exception {
    try (SshHostShells shells = builder(knownHosts())
        .hostKeys(HostKeyVerification.pinnedSha256(fingerprint())).build()) {
      assertThat(shells.forNode("pve").run(List.of("true"), TIMEOUT).ok()).isTrue();
    }
  }

  @Test
  void push_throughSftp_usesPrivateTempFileAndRemovesIt() throws Exception {
    byte[] content = "services:\n  web:\n    image: nginx\n".getBytes(StandardCharsets.UTF_8);
    try (SshHostShells shells = builder(knownHosts(server.knownHostsLine())).build()) {
      HostShell shell = shells.forNode("pve");
      shell.push(101, content, "/opt/proximity/app/compose.yaml", 0600);
    }
    assertThat(Files.readAllBytes(dir.resolve("pushed-content"))).isEqualTo(content);
    assertThat(Files.readString(dir.resolve("pushed-temp-mode")).trim()).isEqualTo("600");
    assertThat(Files.readString(dir.resolve("pushed-target")).trim())
        .isEqualTo("/opt/proximity/app/compose.yaml 0600");
    assertThat(server.lastPctArgv()).startsWith("push", "101")
        .contains("--perms", "0600");
    try (var tmp = Files.list(dir.resolve("tmp"))) {
      assertThat(tmp).isEmpty();
    }
  }

  private static String fingerprint() throws Exception {
    return server.fingerprint();
  }
}
