package dev.proximity.pve;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.proximity.internal.http.FormEncoding;
import dev.proximity.pve.model.LxcCreateRequest;
import dev.proximity.testkit.PveSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Logs in with a password, uses a token and a ticket through every code path (login, renewal,
 * re-login after 401, reads, writes, errors, task failures, TLS failures, closed client), and finds
 * no secret in the captured log output, exception messages, stack traces or toString().
 */
class SecretLeakTest extends WireTestSupport {
  static final String PASSWORD = "Pa55-word+with=specials&more";
  static final String TICKET = "PVE:root@pam:6760A5B0::SecretTicketSignature+AbC/dEf==";
  static final String TICKET2 = "PVE:root@pam:6760B000::RenewedTicketSignature+XyZ/uvW==";
  static final String CSRF = "6760A5B0:CsrfSecretValue123";
  static final String CSRF2 = "6760B000:CsrfSecretValue456";
  static final String CT_PASSWORD = "container-root-pass";
  static final String UPID = "UPID:pve:0000A1B2:0012C3D4:6760A5B0:vzcreate:105:root@pam:";

  private final List<String> texts = new ArrayList<>();

  private void record(Object o) {
    texts.add(String.valueOf(o));
  }

  private void call(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        record(t.getMessage());
        record(t);
      }
      StringWriter sw = new StringWriter();
      e.printStackTrace(new PrintWriter(sw));
      record(sw);
    }
  }

  private void stubTicket(String password, String ticket, String csrf) {
    wm.stubFor(post("/api2/json/access/ticket")
        .withRequestBody(equalTo("username=root%40pam&password=" + FormEncoding.encode(password)))
        .willReturn(okJson(data("{\"username\":\"root@pam\",\"ticket\":\"" + ticket
            + "\",\"CSRFPreventionToken\":\"" + csrf + "\"}"))));
  }

  @Test
  void noSecretInLogsExceptionsOrToString() {
    PrintStream realErr = System.err;
    PrintStream realOut = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setErr(tee);
    System.setOut(tee);
    try {
      exercise();
    } finally {
      System.setErr(realErr);
      System.setOut(realOut);
    }
    texts.add(captured.toString(StandardCharsets.UTF_8));
    String all = String.join("\n", texts);

    assertThat(all).contains("root@pam").contains("DEBUG").contains("TLS verification is DISABLED");
    for (String secret : List.of(PASSWORD, TICKET, TICKET2, CSRF, CSRF2, TOKEN_SECRET, CT_PASSWORD,
        FormEncoding.encode(PASSWORD), FormEncoding.encode(TICKET), FormEncoding.encode(TICKET2),
        "SecretTicketSignature", "RenewedTicketSignature", "CsrfSecretValue", TOKEN_SECRET.substring(0, 8))) {
      assertThat(all).as("secret %s leaked", secret).doesNotContain(secret);
    }
  }

  private void exercise() {
    TestClock clock = TestClock.fixed();
    stubTicket(PASSWORD, TICKET, CSRF);
    stubTicket(TICKET, TICKET2, CSRF2);
    wm.stubFor(get("/api2/json/version").inScenario("v").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson(data("{\"version\":\"9.1.1\"}"))).willSetStateTo("401"));
    wm.stubFor(get("/api2/json/version").inScenario("v").whenScenarioStateIs("401")
        .willReturn(aResponse().withStatus(401).withStatusMessage("No ticket")).willSetStateTo("ok"));
    wm.stubFor(get("/api2/json/version").inScenario("v").whenScenarioStateIs("ok")
        .willReturn(okJson(data("{\"version\":\"9.1.1\"}"))));
    wm.stubFor(post("/api2/json/nodes/pve/lxc").willReturn(aResponse().withStatus(500)
        .withBody("{\"data\":null,\"message\":\"CT 105 already exists on node 'pve'\\n\"}")));
    wm.stubFor(post("/api2/json/nodes/pve/lxc/105/status/start")
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(post("/api2/json/nodes/pve/lxc/105/status/stop").willReturn(okJson(data("\"" + UPID + "\""))));
    wm.stubFor(get("/api2/json/nodes/pve/tasks/" + UPID + "/status").willReturn(okJson(data(
        "{\"upid\":\"" + UPID + "\",\"status\":\"stopped\",\"exitstatus\":\"command failed\"}"))));
    wm.stubFor(get("/api2/json/nodes/pve/tasks/" + UPID + "/log?start=0&limit=1")
        .willReturn(okJson("{\"data\":[{\"n\":1,\"t\":\"TASK ERROR: command failed\"}],\"total\":1}")));
    wm.stubFor(get("/api2/json/cluster/nextid").willReturn(aResponse().withStatus(503)));
    wm.stubFor(get("/api2/json/nodes").willReturn(aResponse().withStatus(403)
        .withStatusMessage("Permission check failed (/, Sys.Audit)")));

    PveCredentials password = PveCredentials.password("root@pam", PASSWORD);
    PveCredentials token = PveCredentials.apiToken(TOKEN_ID, TOKEN_SECRET);
    record(password);
    record(token);
    LxcCreateRequest create = LxcCreateRequest.builder().vmid(105)
        .ostemplate("local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst").password(CT_PASSWORD).build();
    record(create);
    try (PveClient c = client(password, clock)) {
      record(c);
      call(c::version);
      call(c::version);
      clock.advance(Duration.ofMinutes(95));
      call(c::version);
      call(() -> c.node("pve").createLxc(create));
      call(() -> c.node("pve").lxc(105).start());
      call(() -> c.node("pve").lxc(105).stop().await(Duration.ofMinutes(1)));
      call(() -> c.cluster().nextId());
      call(c::nodes);
      clock.advance(Duration.ofHours(3));
      call(c::version);
      record(c);
    }
    try (PveClient c = client(token, clock)) {
      call(() -> c.node("pve").createLxc(create));
      call(c::nodes);
      c.close();
      call(c::version);
    }
    wm.stubFor(post("/api2/json/access/ticket").atPriority(1).willReturn(aResponse().withStatus(401)
        .withStatusMessage("authentication failure")));
    try (PveClient c = client(PveCredentials.password("root@pam", PASSWORD), clock)) {
      call(c::version);
    }
    try (PveSimulator sim = PveSimulator.builder().token(TOKEN_ID, TOKEN_SECRET, false).timeScale(0).start()) {
      try (PveClient c = PveClient.builder().endpoint(sim.baseUri()).credentials(token)
          .trust(TlsTrust.pinnedSha256("AB".repeat(32))).build()) {
        call(c::version);
      }
      try (PveClient c = PveClient.builder().endpoint(sim.baseUri())
          .credentials(PveCredentials.password("root@pam", PASSWORD)).trust(TlsTrust.insecure()).build()) {
        call(c::version);
      }
    }
  }
}
