package dev.proximity.pve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.pve.model.Features;
import dev.proximity.pve.model.LxcCreateRequest;
import dev.proximity.pve.model.Net;
import dev.proximity.pve.model.PermissionReport;
import dev.proximity.pve.model.RootFs;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import dev.proximity.testkit.RecordedRequest;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS trust, ticket login with CSRF, and permission behaviour against the simulator. */
class SimulatorSecurityTest {
  static final String ADMIN_TOKEN = "root@pam!admin";
  static final String ADMIN_SECRET = "11111111-2222-3333-4444-555555555555";
  static final String BARE_TOKEN = "deploy@pve!ci";
  static final String BARE_SECRET = "66666666-7777-8888-9999-000000000000";
  static final String ROOT_PASSWORD = "proximity";

  static PveSimulator sim;

  @BeforeAll
  static void start() {
    sim = PveSimulator.builder()
        .token(ADMIN_TOKEN, ADMIN_SECRET, false)
        .user("deploy@pve", "deploy-password").acl("/", "deploy@pve", "PVEVMAdmin")
        .token(BARE_TOKEN, BARE_SECRET, true)
        .timeScale(0.0005).start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static PveClient client(PveCredentials c, TlsTrust trust) {
    return PveClient.builder().endpoint(sim.baseUri()).credentials(c).trust(trust).build();
  }

  @Test
  void pinnedFingerprint_inAnyNotation_connects() {
    String pin = sim.certificateSha256Fingerprint().replace(":", "").toLowerCase();
    try (PveClient c = client(PveCredentials.apiToken(ADMIN_TOKEN, ADMIN_SECRET), TlsTrust.pinnedSha256(pin))) {
      assertThat(c.version().version()).isNotEmpty();
    }
  }

  @Test
  void wrongPin_failsWithPresentedFingerprint() {
    String wrong = "00:".repeat(31) + "00";
    try (PveClient c = client(PveCredentials.apiToken(ADMIN_TOKEN, ADMIN_SECRET), TlsTrust.pinnedSha256(wrong))) {
      assertThatThrownBy(c::version).isInstanceOfSatisfying(PveConnectionException.class, e -> {
        assertThat(e.kind()).isEqualTo(PveConnectionException.Kind.TLS);
        assertThat(e.presentedFingerprint()).contains(sim.certificateSha256Fingerprint());
        assertThat(e.getMessage()).contains(sim.certificateSha256Fingerprint());
        assertThat(e.outcomeUnknown()).isFalse();
      });
    }
  }

  @Test
  void systemTrust_rejectsSelfSignedCertificate() {
    try (PveClient c = client(PveCredentials.apiToken(ADMIN_TOKEN, ADMIN_SECRET), TlsTrust.system())) {
      assertThatThrownBy(c::version).isInstanceOfSatisfying(PveConnectionException.class,
          e -> assertThat(e.kind()).isEqualTo(PveConnectionException.Kind.TLS));
    }
  }

  @Test
  void caPem_trustsCertificateIssuedByThatCa() throws Exception {
    StringWriter pem = new StringWriter();
    pem.write("-----BEGIN CERTIFICATE-----\n");
    pem.write(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(sim.certificate().getEncoded()));
    pem.write("\n-----END CERTIFICATE-----\n");
    try (PveClient c = client(PveCredentials.apiToken(ADMIN_TOKEN, ADMIN_SECRET), TlsTrust.caPem(pem.toString()))) {
      assertThat(c.version().version()).isNotEmpty();
    }
  }

  @Test
  void insecure_connects() {
    try (PveClient c = client(PveCredentials.apiToken(ADMIN_TOKEN, ADMIN_SECRET), TlsTrust.insecure())) {
      assertThat(c.version().version()).isNotEmpty();
    }
  }

  @Test
  void passwordLogin_sendsCsrfOnWritesOnly_andRootMaySetKeyctl() {
    sim.clearRequests();
    try (PveClient c = SimClients.of(sim, PveCredentials.password("root@pam", ROOT_PASSWORD))) {
      int vmid = c.cluster().nextId();
      c.node("pve").createLxc(LxcCreateRequest.builder().vmid(vmid)
          .ostemplate("local:vztmpl/" + PveSimulatorBuilder.DEFAULT_TEMPLATE).hostname("rootct")
          .rootfs(RootFs.allocate("local-lvm", 4)).net(0, Net.dhcp("vmbr0")).features(Features.docker()).build())
          .await(Duration.ofMinutes(1));
      assertThat(c.node("pve").lxc(vmid).config().features().orElseThrow().keyctl()).isTrue();
    }
    RecordedRequest create = sim.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().endsWith("/nodes/pve/lxc")).findFirst().orElseThrow();
    assertThat(create.headers()).containsKey("csrfpreventiontoken");
    RecordedRequest read = sim.requests().stream()
        .filter(r -> r.method().equals("GET") && r.path().endsWith("/cluster/nextid")).findFirst().orElseThrow();
    assertThat(read.headers()).doesNotContainKey("csrfpreventiontoken").containsKey("cookie");
  }

  @Test
  void wrongPassword_isAuthError() {
    try (PveClient c = SimClients.of(sim, PveCredentials.password("root@pam", "nope"))) {
      assertThatThrownBy(c::version).isInstanceOfSatisfying(PveApiException.class,
          e -> assertThat(e.status()).isEqualTo(401));
    }
  }

  @Test
  void tokenMayNotSetKeyctl_permissionError() {
    try (PveClient c = SimClients.token(sim, ADMIN_TOKEN, ADMIN_SECRET)) {
      int vmid = c.cluster().nextId();
      assertThatThrownBy(() -> c.node("pve").createLxc(LxcCreateRequest.builder().vmid(vmid)
          .ostemplate("local:vztmpl/" + PveSimulatorBuilder.DEFAULT_TEMPLATE)
          .rootfs(RootFs.allocate("local-lvm", 4)).features(Features.docker()).build()).await(Duration.ofMinutes(1)))
          .isInstanceOfSatisfying(PveApiException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.isAuth()).isTrue();
          });
    }
  }

  @Test
  void preflight_privilegeSeparatedTokenWithoutAcls_saysSo() {
    try (PveClient c = SimClients.token(sim, BARE_TOKEN, BARE_SECRET)) {
      PermissionReport report = c.access().preflight("local-lvm", "local", "local");
      assertThat(report.tokenWithoutAcls()).isTrue();
      assertThat(report.allGranted()).isFalse();
      assertThat(report.summary()).contains("privilege separation").contains(BARE_TOKEN);
      assertThatThrownBy(() -> c.node("pve").lxc(100).start()).isInstanceOfSatisfying(PveApiException.class,
          e -> assertThat(e.status()).isEqualTo(403));
    }
  }

  @Test
  void preflight_adminToken_hasEverything() {
    try (PveClient c = SimClients.token(sim, ADMIN_TOKEN, ADMIN_SECRET)) {
      PermissionReport report = c.access().preflight("local-lvm", "local", "local");
      assertThat(report.tokenWithoutAcls()).isFalse();
      assertThat(report.missing()).isEmpty();
    }
  }

  @Test
  void preflight_vmAdminUser_lacksDatastoreAndSysModify() {
    try (PveClient c = SimClients.of(sim, PveCredentials.password("deploy@pve", "deploy-password"))) {
      PermissionReport report = c.access().preflight("local-lvm", "local", "local");
      assertThat(report.tokenWithoutAcls()).isFalse();
      assertThat(report.missing()).extracting(m -> m.privilege()).contains("Sys.Modify")
          .doesNotContain("VM.Allocate", "VM.PowerMgmt");
      assertThat(report.summary()).contains("Sys.Modify on /");
    }
  }
}
