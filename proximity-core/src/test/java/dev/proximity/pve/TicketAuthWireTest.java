package dev.proximity.pve;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TicketAuthWireTest extends WireTestSupport {
  static final String PASSWORD = "correct horse+battery=staple";
  static final String TICKET1 = "PVE:root@pam:4EEC61E2::rsKoApxDTLYPn6H3NNT6iP2mv+ab/cd==";
  static final String TICKET2 = "PVE:root@pam:4EEC7000::second+ticket/sig==";
  static final String CSRF1 = "4EEC61E2:lwk7od06fa1+DcPUwBTXCcndyAY";
  static final String CSRF2 = "4EEC7000:anotherCsrfValue";

  private void stubLogin(String password, String ticket, String csrf) {
    wm.stubFor(post("/api2/json/access/ticket")
        .withRequestBody(equalTo("username=root%40pam&password=" + enc(password)))
        .willReturn(okJson(data("{\"username\":\"root@pam\",\"ticket\":\"" + ticket
            + "\",\"CSRFPreventionToken\":\"" + csrf + "\",\"cap\":{}}"))));
  }

  static String enc(String s) {
    return dev.proximity.internal.http.FormEncoding.encode(s);
  }

  @Test
  void login_thenGetSendsCookieOnly_writeSendsCsrf() {
    stubLogin(PASSWORD, TICKET1, CSRF1);
    wm.stubFor(get("/api2/json/version").willReturn(okJson(data("{\"version\":\"9.1.1\"}"))));
    wm.stubFor(post("/api2/json/nodes/pve/lxc/101/template").willReturn(okJson(data("null"))));
    try (PveClient c = client(PveCredentials.password("root@pam", PASSWORD), TestClock.fixed())) {
      c.version();
      c.node("pve").lxc(101).convertToTemplate();
    }
    wm.verify(exactly(1), postRequestedFor(urlEqualTo("/api2/json/access/ticket")));
    wm.verify(getRequestedFor(urlEqualTo("/api2/json/version"))
        .withHeader("Cookie", equalTo("PVEAuthCookie=" + enc(TICKET1)))
        .withoutHeader("CSRFPreventionToken")
        .withoutHeader("Authorization"));
    wm.verify(postRequestedFor(urlEqualTo("/api2/json/nodes/pve/lxc/101/template"))
        .withHeader("Cookie", equalTo("PVEAuthCookie=" + enc(TICKET1)))
        .withHeader("CSRFPreventionToken", equalTo(CSRF1)));
  }

  @Test
  void ticketOlderThanRenewAge_isRenewedWithTicketAsPassword() {
    TestClock clock = TestClock.fixed();
    stubLogin(PASSWORD, TICKET1, CSRF1);
    stubLogin(TICKET1, TICKET2, CSRF2);
    wm.stubFor(get("/api2/json/version").willReturn(okJson(data("{\"version\":\"9.1.1\"}"))));
    try (PveClient c = client(PveCredentials.password("root", "pam", PASSWORD), clock)) {
      c.version();
      clock.advance(Duration.ofMinutes(89));
      c.version();
      wm.verify(exactly(1), postRequestedFor(urlEqualTo("/api2/json/access/ticket")));
      clock.advance(Duration.ofMinutes(2));
      c.version();
    }
    wm.verify(postRequestedFor(urlEqualTo("/api2/json/access/ticket"))
        .withRequestBody(equalTo("username=root%40pam&password=" + enc(TICKET1))));
    wm.verify(getRequestedFor(urlEqualTo("/api2/json/version"))
        .withHeader("Cookie", equalTo("PVEAuthCookie=" + enc(TICKET2))));
  }

  @Test
  void expiredTicket_logsInWithPasswordAgain() {
    TestClock clock = TestClock.fixed();
    stubLogin(PASSWORD, TICKET1, CSRF1);
    wm.stubFor(get("/api2/json/version").willReturn(okJson(data("{\"version\":\"9.1.1\"}"))));
    try (PveClient c = client(PveCredentials.password("root@pam", PASSWORD), clock)) {
      c.version();
      clock.advance(Duration.ofHours(3));
      c.version();
    }
    wm.verify(exactly(2), postRequestedFor(urlEqualTo("/api2/json/access/ticket"))
        .withRequestBody(equalTo("username=root%40pam&password=" + enc(PASSWORD))));
  }

  @Test
  void unauthorized_reLogsInOnceAndRepeatsTheRequest() {
    stubLogin(PASSWORD, TICKET1, CSRF1);
    wm.stubFor(get("/api2/json/version").inScenario("401").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(401).withStatusMessage("No ticket")).willSetStateTo("ok"));
    wm.stubFor(get("/api2/json/version").inScenario("401").whenScenarioStateIs("ok")
        .willReturn(okJson(data("{\"version\":\"9.1.1\"}"))));
    try (PveClient c = client(PveCredentials.password("root@pam", PASSWORD), TestClock.fixed())) {
      assertThat(c.version().version()).isEqualTo("9.1.1");
    }
    wm.verify(exactly(2), postRequestedFor(urlEqualTo("/api2/json/access/ticket")));
    wm.verify(exactly(2), getRequestedFor(urlEqualTo("/api2/json/version")));
  }

  @Test
  void unauthorizedTwice_throwsAuthError() {
    stubLogin(PASSWORD, TICKET1, CSRF1);
    wm.stubFor(get("/api2/json/version").willReturn(aResponse().withStatus(401).withStatusMessage("No ticket")));
    try (PveClient c = client(PveCredentials.password("root@pam", PASSWORD), TestClock.fixed())) {
      assertThatThrownBy(c::version).isInstanceOfSatisfying(PveApiException.class, e -> {
        assertThat(e.isAuth()).isTrue();
        assertThat(e.reason()).isEqualTo("No ticket");
      });
    }
    wm.verify(exactly(2), getRequestedFor(urlEqualTo("/api2/json/version")));
  }

  @Test
  void wrongPassword_failsWithAuthenticationFailure() {
    wm.stubFor(post("/api2/json/access/ticket")
        .willReturn(aResponse().withStatus(401).withStatusMessage("authentication failure")
            .withBody("{\"data\":null,\"message\":\"authentication failure\\n\"}")));
    try (PveClient c = client(PveCredentials.password("root@pam", "wrong"), TestClock.fixed())) {
      assertThatThrownBy(c::version).isInstanceOfSatisfying(PveApiException.class, e -> {
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.reason()).isEqualTo("authentication failure");
        assertThat(e.getMessage()).contains("check the credentials");
      });
    }
  }

  @Test
  void secondFactorRequired_refusedWithClearError() {
    wm.stubFor(post("/api2/json/access/ticket").willReturn(okJson(data(
        "{\"username\":\"root@pam\",\"ticket\":\"PVE:!tfa!root@pam:4EEC61E2::half\",\"CSRFPreventionToken\":\"x\","
            + "\"NeedTFA\":1}"))));
    try (PveClient c = client(PveCredentials.password("root@pam", PASSWORD), TestClock.fixed())) {
      assertThatThrownBy(c::version).isInstanceOfSatisfying(PveApiException.class, e -> {
        assertThat(e.isAuth()).isTrue();
        assertThat(e.getMessage()).contains("second factor").contains("API token");
      });
    }
  }
}
