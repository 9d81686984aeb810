package dev.proximity.pve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CredentialsAndTrustTest {

  @Test
  void apiToken_splitsUserAndTokenId_toStringMasksSecret() {
    PveCredentials c = PveCredentials.apiToken("root@pam!sdk", "0f3a6c1e-secret");
    assertThat(c.userId()).isEqualTo("root@pam");
    assertThat(c.tokenId()).isEqualTo("root@pam!sdk");
    assertThat(c.isRootPam()).isFalse();
    assertThat(c.toString()).contains("root@pam!sdk").doesNotContain("0f3a6c1e");
    assertThatThrownBy(() -> PveCredentials.apiToken("root@pam", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void password_withRealm_onlyRootPamIsRoot() {
    assertThat(PveCredentials.password("root", "pam", "pw").isRootPam()).isTrue();
    assertThat(PveCredentials.password("admin@pve", "pw").isRootPam()).isFalse();
    assertThat(PveCredentials.password("admin@pve", "pw").toString()).doesNotContain("pw]").contains("***");
    assertThatThrownBy(() -> PveCredentials.password("admin", "pw")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pinnedSha256_acceptsColonLowerAndPlainHex() {
    String hex = "3fa1".repeat(16);
    String expected = TlsTrust.pinnedSha256(hex).value();
    assertThat(expected).startsWith("3F:A1:3F:A1").hasSize(95);
    assertThat(TlsTrust.pinnedSha256(expected.toLowerCase()).value()).isEqualTo(expected);
    assertThatThrownBy(() -> TlsTrust.pinnedSha256("3F:A1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pvenode cert info");
    assertThatThrownBy(() -> TlsTrust.caPem("not pem")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_requiresEndpointAndCredentials() {
    assertThatThrownBy(() -> PveClient.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> PveClient.builder().endpoint(URI.create("ftp://x"))
        .credentials(PveCredentials.apiToken("a@b!c", "d")).build()).isInstanceOf(IllegalArgumentException.class);
  }
}
