package dev.proximity.pve;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.proximity.internal.http.Executors;
import dev.proximity.internal.http.RetryPolicy;
import dev.proximity.internal.http.TaskDurations;
import dev.proximity.internal.http.Transport;
import dev.proximity.internal.http.TransportConfig;
import dev.proximity.pve.model.TaskStatus;
import dev.proximity.pve.model.Upid;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskAwaitWireTest extends WireTestSupport {
  static final String UPID = "UPID:pve:0000A1B2:0012C3D4:6760A5B0:vzcreate:105:root@pam!sdk:";
  static final String STATUS = "/api2/json/nodes/pve/tasks/" + UPID + "/status";

  static String status(String state, String exit) {
    return data("{\"upid\":\"" + UPID + "\",\"node\":\"pve\",\"type\":\"vzcreate\",\"id\":\"105\","
        + "\"user\":\"root@pam\",\"tokenid\":\"sdk\",\"status\":\"" + state + "\",\"starttime\":1734387120,"
        + "\"pid\":41394" + (exit == null ? "" : ",\"exitstatus\":\"" + exit + "\"") + "}");
  }

  private void sequence(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
    String state = Scenario.STARTED;
    for (int i = 0; i < answers.length; i++) {
      String next = i == answers.length - 1 ? state : "step" + (i + 1);
      wm.stubFor(get(path).inScenario(path).whenScenarioStateIs(state).willReturn(answers[i]).willSetStateTo(next));
      state = next;
    }
  }

  /** A transport without a client around it, so a test can hand out task handles and read what they learned. */
  private Transport bareTransport() {
    TransportConfig config = new TransportConfig(java.net.URI.create("http://127.0.0.1:" + wm.port()),
        PveCredentials.apiToken(TOKEN_ID, TOKEN_SECRET), TlsTrust.system(), Duration.ofSeconds(5),
        Duration.ofSeconds(5), java.time.Clock.systemUTC(), RetryPolicy.defaults());
    return new Transport(config, new Executors(2));
  }

  private Task task(PveClient client) {
    return client.task(UPID);
  }

  @Test
  void await_runningThenOk_returnsFinalStatus() {
    sequence(STATUS, okJson(status("running", null)), okJson(status("running", null)),
        okJson(status("stopped", "OK")));

    TaskStatus s = task(pve).await(Duration.ofMinutes(1));

    assertThat(s.succeeded()).isTrue();
    assertThat(s.warnings()).isZero();
    wm.verify(exactly(3), getRequestedFor(urlEqualTo(STATUS)));
  }

  @Test
  void await_warnings_isSuccessUnlessAskedToFail() {
    wm.stubFor(get(STATUS).willReturn(okJson(status("stopped", "WARNINGS: 2"))));
    wm.stubFor(get("/api2/json/nodes/pve/tasks/" + UPID + "/log?start=0&limit=1")
        .willReturn(okJson("{\"data\":[{\"n\":1,\"t\":\"WARN: x\"}],\"total\":1}")));

    TaskStatus s = task(pve).await(Duration.ofMinutes(1));
    assertThat(s.succeeded()).isTrue();
    assertThat(s.warnings()).isEqualTo(2);

    assertThatThrownBy(() -> task(pve).failOnWarnings().await(Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> {
          assertThat(e.exitStatus()).isEqualTo("WARNINGS: 2");
          assertThat(e.logTail()).containsExactly("WARN: x");
        });
  }

  @Test
  void await_failedTask_throwsWithExitStatusAndLogTail() {
    wm.stubFor(get(STATUS).willReturn(okJson(status("stopped", "CT 105 already exists on node 'pve'"))));
    wm.stubFor(get("/api2/json/nodes/pve/tasks/" + UPID + "/log?start=0&limit=1")
        .willReturn(okJson("{\"data\":[{\"n\":1,\"t\":\"line 1\"}],\"total\":25}")));
    StringBuilder tail = new StringBuilder();
    for (int n = 6; n <= 25; n++) {
      tail.append(n > 6 ? "," : "").append("{\"n\":").append(n).append(",\"t\":\"line ").append(n).append("\"}");
    }
    wm.stubFor(get("/api2/json/nodes/pve/tasks/" + UPID + "/log?start=5&limit=20")
        .willReturn(okJson("{\"data\":[" + tail + "],\"total\":25}")));

    assertThatThrownBy(() -> task(pve).await(Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> {
          assertThat(e.upid()).isEqualTo(UPID);
          assertThat(e.isAlreadyExists()).isTrue();
          assertThat(e.logTail()).hasSize(20).startsWith("line 6").endsWith("line 25");
          assertThat(e.getMessage()).contains("CT 105 already exists").contains("line 25");
        });
  }

  @Test
  void await_failedTask_withOneIoThread_stillFetchesLogTail() {
    wm.stubFor(get(STATUS).willReturn(okJson(status("stopped", "command 'lxc-start' failed"))));
    wm.stubFor(get("/api2/json/nodes/pve/tasks/" + UPID + "/log?start=0&limit=1")
        .willReturn(okJson("{\"data\":[{\"n\":1,\"t\":\"TASK ERROR: boom\"}],\"total\":1}")));
    try (PveClient c = PveClient.builder().endpoint(java.net.URI.create("http://127.0.0.1:" + wm.port()))
        .credentials(PveCredentials.apiToken(TOKEN_ID, TOKEN_SECRET)).maxConcurrentRequests(1).build()) {
      assertThatThrownBy(() -> task(c).await(Duration.ofMinutes(1)))
          .isInstanceOfSatisfying(TaskFailedException.class,
              e -> assertThat(e.logTail()).containsExactly("TASK ERROR: boom"));
    }
  }

  @Test
  void await_lockTimeout_isRecognised() {
    wm.stubFor(get(STATUS).willReturn(okJson(status("stopped",
        "can't lock file '/run/lock/lxc/pve-config-105.lock' - got timeout"))));
    wm.stubFor(get("/api2/json/nodes/pve/tasks/" + UPID + "/log?start=0&limit=1")
        .willReturn(okJson("{\"data\":[{\"n\":1,\"t\":\"no content\"}],\"total\":1}")));

    assertThatThrownBy(() -> task(pve).await(Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.isConfigLocked()).isTrue());
  }

  @Test
  void await_400OnFreshTask_isRetriedWithinGrace() {
    sequence(STATUS, aResponse().withStatus(400).withStatusMessage("Parameter verification failed."),
        okJson(status("stopped", "OK")));

    assertThat(task(pve).await(Duration.ofMinutes(1)).succeeded()).isTrue();
  }

  @Test
  void await_400AfterGrace_isThrown() {
    wm.stubFor(get(STATUS).willReturn(aResponse().withStatus(400).withStatusMessage("no such task")));
    TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(10));
    try (PveClient c = client(PveCredentials.apiToken(TOKEN_ID, TOKEN_SECRET), clock)) {
      assertThatThrownBy(() -> task(c).await(Duration.ofMinutes(5)))
          .isInstanceOfSatisfying(PveApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  @Test
  void await_stillRunningAtDeadline_throwsTimeout() {
    wm.stubFor(get(STATUS).willReturn(okJson(status("running", null))));
    TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1));
    try (PveClient c = client(PveCredentials.apiToken(TOKEN_ID, TOKEN_SECRET), clock)) {
      assertThatThrownBy(() -> task(c).await(Duration.ofSeconds(30)))
          .isInstanceOfSatisfying(TaskTimeoutException.class, e -> {
            assertThat(e.upid()).isEqualTo(UPID);
            assertThat(e.getMessage()).contains("still running");
          });
    }
  }

  @Test
  void awaitAsync_cancel_stopsPolling() throws Exception {
    wm.stubFor(get(STATUS).willReturn(okJson(status("running", null))));
    String other = "UPID:pve:0000A1B3:0012C3D5:6760A5B1:vzstart:106:root@pam!sdk:";
    String otherStatus = "/api2/json/nodes/pve/tasks/" + other + "/status";
    sequence(otherStatus, okJson(status("running", null)), okJson(status("running", null)),
        okJson(status("running", null)), okJson(status("stopped", "OK")));
    CountDownLatch firstPoll = new CountDownLatch(1);
    wm.addMockServiceRequestListener((req, resp) -> {
      if (req.getUrl().equals(STATUS)) {
        firstPoll.countDown();
      }
    });

    CompletableFuture<TaskStatus> waiting = task(pve).awaitAsync(Duration.ofHours(1));
    assertThat(firstPoll.await(30, TimeUnit.SECONDS)).isTrue();
    waiting.cancel(true);
    pve.task(other).await(Duration.ofMinutes(1));

    assertThat(waiting).isCancelled();
    assertThatThrownBy(waiting::join).isInstanceOf(CancellationException.class);
    wm.verify(exactly(1), getRequestedFor(urlEqualTo(STATUS)));
  }

  @Test
  void await_taskThisClientStarted_teachesItsKind_handleOnAUpidDoesNot() {
    wm.stubFor(get(STATUS).willReturn(okJson(status("stopped", "OK"))));
    try (Transport transport = bareTransport()) {
      Upid upid = Upid.parse(UPID);

      new Task(transport, upid, false).await(Duration.ofMinutes(1));
      assertThat(transport.taskDurations().expect("pve", "vzcreate")).isNull();

      Task.justStarted(transport, upid).await(Duration.ofMinutes(1));
      assertThat(transport.taskDurations().expect("pve", "vzcreate")).isNotNull();
      assertThat(transport.taskDurations().expect("pve", "vzstart")).isNull();
    }
  }

  @Test
  void await_variantOfAType_isLearnedApartFromTheTypeAndOtherVariants() {
    wm.stubFor(get(STATUS).willReturn(okJson(status("stopped", "OK"))));
    try (Transport transport = bareTransport()) {
      Upid upid = Upid.parse(UPID);
      Task.justStarted(transport, upid, "full").await(Duration.ofMinutes(1));
      assertThat(transport.taskDurations().expect("pve", "vzcreate/full")).isNotNull();
      assertThat(transport.taskDurations().expect("pve", "vzcreate/linked")).isNull();
      assertThat(transport.taskDurations().expect("pve", "vzcreate")).isNull();
    }
  }

  @Test
  void await_failedTask_teachesNothing() {
    wm.stubFor(get(STATUS).willReturn(okJson(status("stopped", "command 'lxc-start' failed"))));
    wm.stubFor(get("/api2/json/nodes/pve/tasks/" + UPID + "/log?start=0&limit=1")
        .willReturn(okJson("{\"data\":[{\"n\":1,\"t\":\"TASK ERROR: boom\"}],\"total\":1}")));
    try (Transport transport = bareTransport()) {
      assertThatThrownBy(() -> Task.justStarted(transport, Upid.parse(UPID)).await(Duration.ofMinutes(1)))
          .isInstanceOf(TaskFailedException.class);
      assertThat(transport.taskDurations().expect("pve", "vzcreate")).isNull();
    }
  }

  @Test
  void promptly_keepsFailOnWarnings_andTeachesTheKindLikeAnOrdinaryWait() {
    sequence(STATUS, okJson(status("running", null)), okJson(status("stopped", "WARNINGS: 1")));
    wm.stubFor(get("/api2/json/nodes/pve/tasks/" + UPID + "/log?start=0&limit=1")
        .willReturn(okJson("{\"data\":[{\"n\":1,\"t\":\"WARN: x\"}],\"total\":1}")));
    try (Transport transport = bareTransport()) {
      Task task = Task.justStarted(transport, Upid.parse(UPID));

      assertThat(task.promptly().await(Duration.ofMinutes(1)).warnings()).isEqualTo(1);
      wm.verify(exactly(2), getRequestedFor(urlEqualTo(STATUS)));
      // the first poll saw it running, the second stopped: the kind ends between the two
      TaskDurations.Expectation learned = transport.taskDurations().expect("pve", "vzcreate");
      assertThat(learned).isNotNull();
      assertThat(learned.lowMs()).isLessThan(learned.endMs());

      assertThatThrownBy(() -> task.promptly().failOnWarnings().await(Duration.ofMinutes(1)))
          .isInstanceOf(TaskFailedException.class);
      assertThatThrownBy(() -> task.failOnWarnings().promptly().await(Duration.ofMinutes(1)))
          .isInstanceOf(TaskFailedException.class);
    }
  }
}
