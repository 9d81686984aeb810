package dev.proximity.pve;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.pve.model.Features;
import dev.proximity.pve.model.LxcCreateRequest;
import dev.proximity.pve.model.Net;
import dev.proximity.pve.model.PveVersion;
import dev.proximity.pve.model.RootFs;
import dev.proximity.pve.model.Tags;
import org.junit.jupiter.api.Test;

class PveClientWireTest extends WireTestSupport {

  @Test
  void version_withToken_sendsTokenHeaderAndUnwrapsEnvelope() {
    wm.stubFor(get("/api2/json/version")
        .willReturn(okJson(data("{\"version\":\"9.1.1\",\"release\":\"9.1\",\"repoid\":\"abc\"}"))));

    PveVersion v = pve.version();

    assertThat(v).isEqualTo(new PveVersion("9.1.1", "9.1", "abc"));
    assertThat(v.major()).isEqualTo(9);
    wm.verify(getRequestedFor(urlEqualTo("/api2/json/version"))
        .withHeader("Authorization", equalTo("PVEAPIToken=" + TOKEN_ID + "=" + TOKEN_SECRET))
        .withoutHeader("CSRFPreventionToken")
        .withoutHeader("Cookie"));
  }

  @Test
  void createLxc_sendsExactPercentEncodedFormBody() {
    String upid = "UPID:pve:0000A1B2:0012C3D4:6760A5B0:vzcreate:105:root@pam!sdk:";
    wm.stubFor(post("/api2/json/nodes/pve/lxc").willReturn(okJson(data("\"" + upid + "\""))));

    Task task = pve.node("pve").createLxc(LxcCreateRequest.builder()
        .vmid(105)
        .ostemplate("local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst")
        .hostname("web")
        .features(Features.docker())
        .net(0, Net.dhcp("vmbr0"))
        .rootfs(RootFs.allocate("local-lvm", 8))
        .cores(2)
        .memoryMiB(2048)
        .tags(Tags.of("proximity", "web"))
        .sshPublicKeys("ssh-ed25519 AAAA one\nssh-ed25519 BBBB two")
        .start(false)
        .build());

    assertThat(task.upid().type()).isEqualTo("vzcreate");
    assertThat(task.upid().id()).isEqualTo("105");
    wm.verify(postRequestedFor(urlPathEqualTo("/api2/json/nodes/pve/lxc"))
        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
        .withRequestBody(equalTo("unprivileged=1&vmid=105"
            + "&ostemplate=local%3Avztmpl%2Fdebian-12-standard_12.7-1_amd64.tar.zst"
            + "&hostname=web&features=nesting%3D1%2Ckeyctl%3D1"
            + "&net0=name%3Deth0%2Cbridge%3Dvmbr0%2Cip%3Ddhcp%2Cfirewall%3D1"
            + "&rootfs=local-lvm%3A8&cores=2&memory=2048&tags=proximity%3Bweb"
            + "&ssh-public-keys=ssh-ed25519%20AAAA%20one%0Assh-ed25519%20BBBB%20two&start=0")));
  }

  @Test
  void status_onServerError_readsMessageFromStatusLineWhenBodyHasNone() {
    wm.stubFor(get("/api2/json/nodes/pve/lxc/999/status/current")
        .willReturn(aResponse().withStatus(500)
            .withStatusMessage("Configuration file 'nodes/pve/lxc/999.conf' does not exist")
            .withBody("{\"data\":null}")));

    PveApiException e = org.junit.jupiter.api.Assertions.assertThrows(PveApiException.class,
        () -> pve.node("pve").lxc(999).status());

    assertThat(e.status()).isEqualTo(500);
    assertThat(e.reason()).isEqualTo("Configuration file 'nodes/pve/lxc/999.conf' does not exist");
    assertThat(e.isNotFound()).isTrue();
    assertThat(e.method()).isEqualTo("GET");
    assertThat(e.path()).isEqualTo("/nodes/pve/lxc/999/status/current");
  }
}
