package dev.proximity.pve.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UpidTest {

  @Test
  void parse_tokenTask_splitsAllFields() {
    Upid u = Upid.parse("UPID:proxmox2:000D7AA2:08D5A17C:63DF62A5:vzclone:200:root@pam!api_token:");
    assertThat(u.node()).isEqualTo("proxmox2");
    assertThat(u.pid()).isEqualTo(883362);
    assertThat(u.pstart()).isEqualTo(148218236);
    assertThat(u.startTime()).isEqualTo(Instant.ofEpochSecond(1675584165));
    assertThat(u.type()).isEqualTo("vzclone");
    assertThat(u.id()).isEqualTo("200");
    assertThat(u.user()).isEqualTo("root@pam!api_token");
    assertThat(u.tokenId()).isEqualTo("api_token");
  }

  @Test
  void parse_emptyIdAndNinePstartDigits_accepted() {
    Upid u = Upid.parse("UPID:pve-1:00001234:123456789:6760A5B0:vzdump::root@pam:");
    assertThat(u.id()).isEmpty();
    assertThat(u.pstart()).isEqualTo(0x123456789L);
    assertThat(u.tokenId()).isEmpty();
  }

  @Test
  void parse_withoutTrailingColonOrGarbage_rejected() {
    assertThatThrownBy(() -> Upid.parse("UPID:pve:00001234:12345678:6760A5B0:vzdump:101:root@pam"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Upid.isUpid(null)).isFalse();
    assertThat(Upid.isUpid("OK")).isFalse();
  }
}
