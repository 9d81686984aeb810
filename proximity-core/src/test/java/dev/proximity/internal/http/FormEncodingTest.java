package dev.proximity.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormEncodingTest {

  @Test
  void encode_propertyString_encodesEqualsCommaAndSemicolon() {
    assertThat(FormEncoding.encode("name=eth0,bridge=vmbr0")).isEqualTo("name%3Deth0%2Cbridge%3Dvmbr0");
    assertThat(FormEncoding.encode("mount=nfs;cifs")).isEqualTo("mount%3Dnfs%3Bcifs");
  }

  @Test
  void encode_plusSpaceNewlineAndUtf8_areAllPercentEncoded() {
    assertThat(FormEncoding.encode("a+b c\nd")).isEqualTo("a%2Bb%20c%0Ad");
    assertThat(FormEncoding.encode("ä")).isEqualTo("%C3%A4");
    assertThat(FormEncoding.encode("A-z_0.9~")).isEqualTo("A-z_0.9~");
  }

  @Test
  void form_keepsOrderAndEncodesKeysAndValues() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("vmid", "101");
    p.put("net0", "name=eth0,ip=10.0.0.5/24");
    p.put("ssh-public-keys", "k1\nk2");
    assertThat(FormEncoding.form(p))
        .isEqualTo("vmid=101&net0=name%3Deth0%2Cip%3D10.0.0.5%2F24&ssh-public-keys=k1%0Ak2");
  }

  @Test
  void path_volidSegment_encodesSlashAndColon() {
    assertThat(PathBuilder.path("nodes", "pve", "storage", "local", "content",
        "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst"))
        .isEqualTo("/nodes/pve/storage/local/content/local%3Avztmpl%2Fdebian-12-standard_12.7-1_amd64.tar.zst");
  }

  @Test
  void taskPath_keepsUpidSeparatorsRaw() {
    assertThat(PathBuilder.taskPath("pve", "UPID:pve:000D7AA2:08D5A17C:63DF62A5:vzclone:200:root@pam!api_token:", "log"))
        .isEqualTo("/nodes/pve/tasks/UPID:pve:000D7AA2:08D5A17C:63DF62A5:vzclone:200:root@pam!api_token:/log");
  }

  @Test
  void target_getPutsParamsInQuery_postKeepsThemForTheBody() {
    assertThat(ApiRequest.get("/cluster/resources", Map.of("type", "vm")).target())
        .isEqualTo("/cluster/resources?type=vm");
    assertThat(ApiRequest.post("/nodes/pve/lxc", Map.of("vmid", "1")).target()).isEqualTo("/nodes/pve/lxc");
  }
}
