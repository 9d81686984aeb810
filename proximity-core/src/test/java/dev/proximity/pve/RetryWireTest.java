package dev.proximity.pve;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RetryWireTest extends WireTestSupport {

  @Test
  void read_retriesGatewayErrorsThenSucceeds() {
    wm.stubFor(get("/api2/json/version").inScenario("r").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("2"));
    wm.stubFor(get("/api2/json/version").inScenario("r").whenScenarioStateIs("2")
        .willReturn(aResponse().withStatus(596).withStatusMessage("Connection timed out")).willSetStateTo("3"));
    wm.stubFor(get("/api2/json/version").inScenario("r").whenScenarioStateIs("3")
        .willReturn(okJson(data("{\"version\":\"9.1.1\"}"))));

    assertThat(pve.version().version()).isEqualTo("9.1.1");
    wm.verify(exactly(3), getRequestedFor(urlEqualTo("/api2/json/version")));
  }

  @Test
  void read_retriesDroppedConnection() {
    wm.stubFor(get("/api2/json/version").inScenario("d").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("2"));
    wm.stubFor(get("/api2/json/version").inScenario("d").whenScenarioStateIs("2")
        .willReturn(okJson(data("{\"version\":\"9.1.1\"}"))));

    assertThat(pve.version().version()).isEqualTo("9.1.1");
  }

  @Test
  void read_givesUpAfterBoundedAttempts() {
    wm.stubFor(get("/api2/json/version").willReturn(aResponse().withStatus(502).withStatusMessage("Bad Gateway")));

    assertThatThrownBy(pve::version).isInstanceOfSatisfying(PveApiException.class, e -> {
      assertThat(e.status()).isEqualTo(502);
      assertThat(e.isRetryable()).isTrue();
    });
    wm.verify(exactly(4), getRequestedFor(urlEqualTo("/api2/json/version")));
  }

  @Test
  void write_isNeverRetriedOnGatewayError() {
    wm.stubFor(post("/api2/json/nodes/pve/lxc/101/status/start").willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> pve.node("pve").lxc(101).start()).isInstanceOf(PveApiException.class);
    wm.verify(exactly(1), postRequestedFor(urlEqualTo("/api2/json/nodes/pve/lxc/101/status/start")));
  }

  @Test
  void write_droppedAfterSending_reportsOutcomeUnknownAndIsNotRetried() {
    wm.stubFor(post("/api2/json/nodes/pve/lxc/101/status/start")
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> pve.node("pve").lxc(101).start())
        .isInstanceOfSatisfying(PveConnectionException.class, e -> {
          assertThat(e.outcomeUnknown()).isTrue();
          assertThat(e.kind()).isEqualTo(PveConnectionException.Kind.IO);
          assertThat(e.getMessage()).contains("check the state before repeating");
        });
    wm.verify(exactly(1), postRequestedFor(urlEqualTo("/api2/json/nodes/pve/lxc/101/status/start")));
  }

  @Test
  void write_withToken_unauthorized_isAuthErrorNotRetried() {
    wm.stubFor(post("/api2/json/nodes/pve/lxc/101/status/start")
        .willReturn(aResponse().withStatus(401).withStatusMessage("Authentication failed!")));

    assertThatThrownBy(() -> pve.node("pve").lxc(101).start())
        .isInstanceOfSatisfying(PveApiException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.isAuth()).isTrue();
          assertThat(e.reason()).isEqualTo("Authentication failed!");
        });
    wm.verify(exactly(1), postRequestedFor(urlEqualTo("/api2/json/nodes/pve/lxc/101/status/start")));
  }

  @Test
  void connectionRefused_isConnectionErrorNotOutcomeUnknown() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (PveClient c = PveClient.builder().endpoint(URI.create("http://127.0.0.1:" + port))
        .credentials(PveCredentials.apiToken(TOKEN_ID, TOKEN_SECRET)).build()) {
      assertThatThrownBy(() -> c.node("pve").lxc(101).start())
          .isInstanceOfSatisfying(PveConnectionException.class, e -> {
            assertThat(e.outcomeUnknown()).isFalse();
            assertThat(e.getMessage()).contains("no answer");
          });
    }
  }

  @Test
  void closedClient_failsFast() {
    pve.close();
    assertThatThrownBy(pve::version).isInstanceOf(PveConnectionException.class).hasMessageContaining("closed");
  }

  @Test
  void configLockError_isTypedAndRetryable() {
    wm.stubFor(post("/api2/json/nodes/pve/lxc/101/status/start").willReturn(aResponse().withStatus(500)
        .withStatusMessage("can't lock file '/run/lock/lxc/pve-config-101.lock' - got timeout")));

    assertThatThrownBy(() -> pve.node("pve").lxc(101).start())
        .isInstanceOfSatisfying(ConfigLockedException.class, e -> assertThat(e.isRetryable()).isTrue());
  }
}
