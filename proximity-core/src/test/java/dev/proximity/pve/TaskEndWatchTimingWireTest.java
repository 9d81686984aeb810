package dev.proximity.pve;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.proximity.internal.http.Executors;
import dev.proximity.internal.http.RetryPolicy;
import dev.proximity.internal.http.Transport;
import dev.proximity.internal.http.TransportConfig;
import dev.proximity.pve.model.TaskStatus;
import dev.proximity.pve.model.Upid;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a watched wait's timer and its watch's signal meet, against WireMock with a frozen client
 * clock: which requests go out, and which timers ran or are pending (read from the client's timer
 * executor, which drops cancelled timers at once), never how long anything took.
 */
class TaskEndWatchTimingWireTest {
  static final String UPID = TaskAwaitWireTest.UPID;
  static final String STATUS = TaskAwaitWireTest.STATUS;

  /** The watch every wait of the test's transport gets; the test completes it. */
  final CompletableFuture<Void> watched = new CompletableFuture<>();
  /** Status requests the server has seen; the first one signals the watch when asked to. */
  final AtomicInteger statusRequests = new AtomicInteger();
  volatile boolean signalDuringFirstRequest;

  WireMockServer wm;
  TestClock clock;
  Transport transport;

  /** Runs while WireMock prepares an answer, so whatever it does happens while the request is in flight. */
  final class SignalInFlight implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent event) {
      if (event.getRequest().getUrl().equals(STATUS) && statusRequests.incrementAndGet() == 1
          && signalDuringFirstRequest) {
        watched.complete(null);
      }
      return event.getResponseDefinition();
    }

    @Override
    public String getName() {
      return "signal-in-flight";
    }
  }

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new SignalInFlight()));
    wm.start();
    String state = Scenario.STARTED;
    wm.stubFor(get(STATUS).inScenario("status").whenScenarioStateIs(state)
        .willReturn(okJson(TaskAwaitWireTest.status("running", null))).willSetStateTo("ended"));
    wm.stubFor(get(STATUS).inScenario("status").whenScenarioStateIs("ended")
        .willReturn(okJson(TaskAwaitWireTest.status("stopped", "OK"))));
    clock = TestClock.fixed();
    TransportConfig config = new TransportConfig(URI.create("http://127.0.0.1:" + wm.port()),
        PveCredentials.apiToken(WireTestSupport.TOKEN_ID, WireTestSupport.TOKEN_SECRET), TlsTrust.system(),
        Duration.ofSeconds(5), Duration.ofSeconds(5), clock, RetryPolicy.defaults());
    transport = new Transport(config, new Executors(2), upid -> Optional.of(watched));
  }

  @AfterEach
  void stop() {
    transport.close();
    wm.stop();
  }

  private ScheduledThreadPoolExecutor timer() {
    return (ScheduledThreadPoolExecutor) transport.executors().timer();
  }

  @Test
  void signalWhileASafetyPollIsInFlight_makesTheNextPollImmediate() {
    signalDuringFirstRequest = true;
    Task task = Task.justStarted(transport, Upid.parse(UPID));
    // the first safety poll is 5 s after the start: 10 ms from the wait's beginning on this clock
    clock.advance(Duration.ofMillis(4_990));

    TaskStatus done = task.await(Duration.ofMinutes(1));

    assertThat(done.succeeded()).isTrue();
    // the safety poll saw it running; the next request came from the signal, not from a timer
    wm.verify(exactly(2), getRequestedFor(urlEqualTo(STATUS)));
    assertThat(timer().getCompletedTaskCount()).as("timers that ran").isEqualTo(1);
    assertThat(timer().getQueue()).as("timers pending").isEmpty();
    assertThat(watched).isCompletedWithValue(null);
  }

  @Test
  void signalWhileTheSafetyPollIsPending_cancelsItsTimer_andReadsTheStatusOnce() {
    wm.resetScenarios();
    wm.setScenarioState("status", "ended");
    Task task = Task.justStarted(transport, Upid.parse(UPID));

    CompletableFuture<TaskStatus> waiting = task.awaitAsync(Duration.ofMinutes(1));
    assertThat(timer().getQueue()).as("the safety poll, 5 s after the start").hasSize(1);
    watched.complete(null);
    assertThat(timer().getQueue()).as("cancelled by the signal").isEmpty();

    assertThat(waiting.join().succeeded()).isTrue();
    wm.verify(exactly(1), getRequestedFor(urlEqualTo(STATUS)));
    assertThat(timer().getCompletedTaskCount()).as("timers that ran").isZero();
  }

  @Test
  void watchFailingWhileTheSafetyPollIsPending_switchesToTheOrdinarySchedule() {
    wm.resetScenarios();
    wm.setScenarioState("status", "ended");
    Task task = Task.justStarted(transport, Upid.parse(UPID));

    CompletableFuture<TaskStatus> waiting = task.awaitAsync(Duration.ofMinutes(1));
    assertThat(timer().getQueue()).hasSize(1);
    watched.completeExceptionally(new TaskWatchException("pve", "the watch command ended", null));

    // an unknown kind's ordinary schedule polls at once: no timer, one request
    assertThat(waiting.join().succeeded()).isTrue();
    wm.verify(exactly(1), getRequestedFor(urlEqualTo(STATUS)));
    assertThat(timer().getCompletedTaskCount()).isZero();
    assertThat(timer().getQueue()).isEmpty();
  }

  @Test
  void learnedKind_isStillPolledAtItsLearnedEnd_beforeTheFirstSafetyPoll() {
    wm.resetScenarios();
    wm.setScenarioState("status", "ended");
    transport.taskDurations().record("pve", "vzcreate", 250, 300);
    Task task = Task.justStarted(transport, Upid.parse(UPID));

    CompletableFuture<TaskStatus> waiting = task.awaitAsync(Duration.ofMinutes(1));

    assertThat(timer().getQueue()).hasSize(1);
    assertThat(((java.util.concurrent.Delayed) timer().getQueue().peek()).getDelay(java.util.concurrent.TimeUnit.MILLISECONDS))
        .as("the learned end, 300 ms after the start, not the safety poll at 5 s").isBetween(1L, 300L);
    assertThat(waiting.join().succeeded()).isTrue();
    wm.verify(exactly(1), getRequestedFor(urlEqualTo(STATUS)));
    assertThat(watched).as("the watch is cancelled when the poll saw the end").isCancelled();
  }
}
