package dev.proximity.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.ssh.SshCommandException.Reason;
import dev.proximity.testkit.ssh.InMemoryGuests;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Host key verification and authentication against the SSH simulator. */
class HostKeyAndAuthTest {
  private static final Path KEYS = SshHostShellsTest.KEYS;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> TRUE = List.of("true");

  @TempDir
  Path dir;
  private SshHostSimulator sim;

  @BeforeEach
  void start() throws Exception {
    SshHostSimulator.Builder builder = SshHostSimulator.builder().directory(new InMemoryGuests())
        .password("s3cret");
    for (String key : List.of("id_ed25519", "id_rsa", "id_ecdsa", "id_ed25519_encrypted",
        "id_rsa_pem")) {
      builder.authorizedKey(Files.readString(KEYS.resolve(key + ".pub")));
    }
    sim = builder.start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private SshHostShells.Builder shells() {
    return SshHostShells.builder().node("pve", sim.host(), sim.portFor("pve"))
        .auth(SshAuth.privateKey(KEYS.resolve("id_ecdsa")))
        .hostKeys(HostKeyVerification.pinnedSha256(sim.hostKeyFingerprint()));
  }

  private SshCommandException failure(SshHostShells.Builder builder) {
    try (SshHostShells shells = builder.build()) {
      try {
        shells.forNode("pve").run(TRUE, TIMEOUT);
      } catch (SshCommandException e) {
        return e;
      }
    }
    throw new AssertionError("expected an SshCommandException");
  }

  private static void ok(SshHostShells.Builder builder) {
    try (SshHostShells shells = builder.build()) {
      assertThat(shells.forNode("pve").run(TRUE, TIMEOUT).ok()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"id_ed25519", "id_rsa", "id_ecdsa", "id_rsa_pem"})
  void keyFile_everyType_authenticates(String key) {
    ok(shells().auth(SshAuth.privateKey(KEYS.resolve(key))));
  }

  @Test
  void keyFile_encryptedWithPassphrase_authenticates() {
    ok(shells().auth(SshAuth.privateKey(KEYS.resolve("id_ed25519_encrypted"),
        "correct horse".toCharArray())));
  }

  @Test
  void keyFile_encryptedWithWrongPassphrase_fails() {
    SshCommandException e = failure(shells().auth(SshAuth.privateKey(
        KEYS.resolve("id_ed25519_encrypted"), "wrong horse".toCharArray())));
    assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
    assertThat(e).hasMessageNotContaining("wrong horse");
  }

  @Test
  void keyText_inMemory_authenticates() throws Exception {
    ok(shells().auth(SshAuth.privateKeyText(Files.readString(KEYS.resolve("id_rsa_pem")), null)));
  }

  @Test
  void password_correct_authenticates() {
    ok(shells().auth(SshAuth.password("s3cret".toCharArray())));
  }

  @Test
  void password_wrong_isRefusedWithoutLeakingIt() {
    SshCommandException e = failure(shells().auth(SshAuth.password("hunter2".toCharArray())));
    assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
    assertThat(e).hasMessageNotContaining("hunter2");
    assertThat(e.toString()).doesNotContain("hunter2");
  }

  @Test
  void pinned_otherFingerprint_isRefusedShowingPresentedOne() {
    SshCommandException e = failure(shells().hostKeys(HostKeyVerification.pinnedSha256(
        "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));
    assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN);
    assertThat(e.presentedFingerprint()).hasValue(sim.hostKeyFingerprint());
    assertThat(e).hasMessageContaining(sim.hostKeyFingerprint());
    assertThat(sim.commands()).isEmpty();
  }

  @Test
  void knownHosts_matchingEntry_isAccepted() throws Exception {
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, "# comment\n" + sim.knownHostsLine("pve") + "\n");
    ok(shells().hostKeys(HostKeyVerification.knownHosts(knownHosts)));
  }

  @Test
  void knownHosts_missingFile_refusesUnknownHost() {
    SshCommandException e = failure(shells().hostKeys(
        HostKeyVerification.knownHosts(dir.resolve("absent"))));
    assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN);
    assertThat(e.presentedFingerprint()).hasValue(sim.hostKeyFingerprint());
  }

  @Test
  void knownHosts_changedKey_isRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    try (SshHostSimulator impostor = SshHostSimulator.builder().password("s3cret")
        .hostKey(generator.generateKeyPair()).start()) {
      Path knownHosts = dir.resolve("known_hosts");
      Files.writeString(knownHosts, sim.knownHostsLine("pve")
          .replace(":" + sim.portFor("pve") + " ", ":" + impostor.portFor("pve") + " ") + "\n");
      SshCommandException e = failure(SshHostShells.builder()
          .node("pve", impostor.host(), impostor.portFor("pve"))
          .auth(SshAuth.password("s3cret".toCharArray()))
          .hostKeys(HostKeyVerification.knownHosts(knownHosts)));
      assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_CHANGED);
      assertThat(e.presentedFingerprint()).hasValue(impostor.hostKeyFingerprint());
      assertThat(impostor.commands()).isEmpty();
    }
  }

  @Test
  void trustOnFirstUse_recordsKeyThenVerifiesAgainstIt() throws Exception {
    Path knownHosts = dir.resolve("ssh/known_hosts");
    ok(shells().hostKeys(HostKeyVerification.trustOnFirstUse(knownHosts)));
    assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + sim.portFor("pve"));
    ok(shells().hostKeys(HostKeyVerification.knownHosts(knownHosts)));
  }

  @Test
  void pinnedSha256_malformed_isRejectedAtConfiguration() {
    assertThatThrownBy(() -> HostKeyVerification.pinnedSha256("MD5:aa:bb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(HostKeyVerification.pinnedSha256(sim.hostKeyFingerprint().substring(7)))
        .isNotNull();
  }

  @Test
  void connect_nothingListening_failsWithConnect() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    SshCommandException e = failure(shells().node("pve", "127.0.0.1", port)
        .connectTimeout(Duration.ofSeconds(5)));
    assertThat(e.reason()).isEqualTo(Reason.CONNECT);
    assertThat(e.host()).isEqualTo("127.0.0.1:" + port);
  }

  @Test
  void auth_toString_hidesSecrets() {
    assertThat(SshAuth.password("hunter2".toCharArray()).toString()).doesNotContain("hunter2");
    assertThat(SshAuth.privateKey(KEYS.resolve("id_ed25519_encrypted"),
        "correct horse".toCharArray()).toString()).doesNotContain("correct horse");
    assertThat(SshAuth.privateKeyText("-----BEGIN PRIVATE KEY-----\nabc\n", null).toString())
        .doesNotContain("abc");
  }
}
