package dev.proximity.pve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.pve.TaskDurationSnapshot.LearnedKind;
import dev.proximity.pve.model.TaskStatus;
import dev.proximity.pve.model.Upid;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Task waits of a client with a {@link TaskEndWatch}, against the Proxmox simulator: the simulator
 * runs {@code vzstart} for 1 s of real time and {@code vzsnapshot} for an hour (a task that does not
 * end during a test); the fake watch is told how to behave. The tests count the simulator's status
 * requests and never measure time; where a safety poll must come, the client's clock is moved.
 */
class TaskEndWatchWaitTest {
  static final String TOKEN = "root@pam!watch";
  static final String SECRET = "watch-secret-0000";
  static final int CT = 100;

  PveSimulator sim;
  PveClient plain;
  final ScheduledExecutorService watcherThread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "fake-task-end-watch");
    t.setDaemon(true);
    return t;
  });

  @BeforeEach
  void start() {
    sim = PveSimulator.builder().node("pve1", 8, 16L << 30).token(TOKEN, SECRET, false).timeScale(1.0)
        .taskDuration("vzcreate", Duration.ZERO).taskDuration("vzstop", Duration.ZERO)
        .taskDuration("vzstart", Duration.ofSeconds(1)).taskDuration("vzsnapshot", Duration.ofHours(1)).start();
    plain = client(Clock.systemUTC(), null);
    plain.node("pve1").createLxc(b -> b.vmid(CT).ostemplate("local:vztmpl/" + PveSimulatorBuilder.DEFAULT_TEMPLATE)
        .hostname("watched").storage("local-lvm").unprivileged(true)).await(Duration.ofMinutes(1));
  }

  @AfterEach
  void stop() {
    watcherThread.shutdownNow();
    plain.close();
    sim.close();
  }

  /** How the fake watch behaves. */
  enum Behaviour {
    /** Completes once the simulator says the task ended, as a watch on the worker process does. */
    ENDS_WITH_TASK,
    /** Never completes: a watch that stopped without saying so. */
    NEVER,
    /** Completes at once, while the task still runs. */
    LIES,
    /** Fails at once. */
    FAILS,
    /** Throws from {@code watch(..)}. */
    THROWS,
    /** Cannot watch the task. */
    CANNOT
  }

  /** A task end watch the test controls; keeps every future it handed out. */
  final class FakeWatch implements TaskEndWatch {
    final Behaviour behaviour;
    final List<CompletableFuture<Void>> handedOut = new CopyOnWriteArrayList<>();
    final List<Upid> asked = new CopyOnWriteArrayList<>();

    FakeWatch(Behaviour behaviour) {
      this.behaviour = behaviour;
    }

    @Override
    public Optional<CompletableFuture<Void>> watch(Upid upid) {
      asked.add(upid);
      CompletableFuture<Void> f = new CompletableFuture<>();
      switch (behaviour) {
        case THROWS -> throw new IllegalStateException("watch broke");
        case CANNOT -> {
          return Optional.empty();
        }
        case FAILS -> f.completeExceptionally(new IllegalStateException("the shell to pve1 closed"));
        case LIES -> f.complete(null);
        case NEVER -> { }
        case ENDS_WITH_TASK -> {
          // looks every 10 ms, as the real watch looks at /proc every 50 ms
          ScheduledFuture<?> looking = watcherThread.scheduleWithFixedDelay(() -> {
            if (sim.taskEndedAt(upid.text()).isPresent()) {
              f.complete(null);
            }
          }, 0, 10, TimeUnit.MILLISECONDS);
          f.whenComplete((v, e) -> looking.cancel(false));
        }
        default -> throw new AssertionError(behaviour);
      }
      handedOut.add(f);
      return Optional.of(f);
    }

    CompletableFuture<Void> only() {
      assertThat(handedOut).hasSize(1);
      return handedOut.get(0);
    }
  }

  private PveClient client(Clock clock, TaskEndWatch watch) {
    PveClient.Builder b = PveClient.builder().endpoint(sim.baseUri())
        .credentials(PveCredentials.apiToken(TOKEN, SECRET))
        .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint())).clock(clock);
    return (watch == null ? b : b.taskEndWatch(watch)).build();
  }

  private long statusRequests(Task task) {
    String statusPath = "/tasks/" + task.upid().text() + "/status";
    return sim.requests().stream()
        .filter(r -> URLDecoder.decode(r.path(), StandardCharsets.UTF_8).endsWith(statusPath)).count();
  }

  private static LearnedKind learned(PveClient pve, String kind) {
    return pve.taskDurations().kinds().stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
  }

  @Test
  void firstTaskOfAnUnknownKind_watched_costsOneStatusRequest() {
    FakeWatch watch = new FakeWatch(Behaviour.ENDS_WITH_TASK);
    try (PveClient pve = client(Clock.systemUTC(), watch)) {
      Task start = pve.node("pve1").lxc(CT).start();

      TaskStatus done = start.await(Duration.ofMinutes(1));

      assertThat(done.succeeded()).isTrue();
      assertThat(statusRequests(start)).isEqualTo(1);
      assertThat(watch.asked).containsExactly(start.upid());
      assertThat(watch.only()).isCompleted();
      // no request saw it running: it ended after its start and before the one answer
      assertThat(learned(pve, "vzstart").endsAfter()).isZero();
      assertThat(sim.container(CT).orElseThrow().running()).isTrue();
    }
  }

  @Test
  void handlesFromAUpid_andPromptHandles_useTheWatchToo() {
    FakeWatch watch = new FakeWatch(Behaviour.ENDS_WITH_TASK);
    try (PveClient pve = client(Clock.systemUTC(), watch)) {
      Task start = pve.node("pve1").lxc(CT).start();
      Task byUpid = pve.task(start.upid().text());
      assertThat(byUpid.await(Duration.ofMinutes(1)).succeeded()).isTrue();
      assertThat(statusRequests(byUpid)).isEqualTo(1);

      Task stop = pve.node("pve1").lxc(CT).stop();
      assertThat(stop.promptly().await(Duration.ofMinutes(1)).succeeded()).isTrue();
      assertThat(statusRequests(stop)).isEqualTo(1);
      assertThat(watch.asked).containsExactly(start.upid(), stop.upid());
    }
  }

  @Test
  void watchThatNeverSignals_theSafetyPollEndsTheWait_andTheWatchIsCancelled() {
    FakeWatch watch = new FakeWatch(Behaviour.NEVER);
    TestClock clock = TestClock.fixed();
    try (PveClient pve = client(clock, watch)) {
      Task start = pve.node("pve1").lxc(CT).start();
      plain.task(start.upid().text()).await(Duration.ofMinutes(1));
      sim.clearRequests();
      // the first safety poll is 5 s after the start: 10 ms from the wait's beginning on this clock
      clock.advance(Duration.ofMillis(4_990));

      assertThat(start.await(Duration.ofMinutes(1)).succeeded()).isTrue();

      assertThat(statusRequests(start)).isEqualTo(1);
      assertThat(watch.only()).isCancelled();
    }
  }

  @Test
  void failingWatch_fallsBackToTheOrdinarySchedule() {
    assertFallsBackToPolling(Behaviour.FAILS);
  }

  @Test
  void throwingWatch_fallsBackToTheOrdinarySchedule() {
    assertFallsBackToPolling(Behaviour.THROWS);
  }

  @Test
  void watchThatCannotWatchTheTask_leavesTheOrdinarySchedule() {
    assertFallsBackToPolling(Behaviour.CANNOT);
  }

  @Test
  void watchThatSaysEndedWhileTheStatusSaysRunning_fallsBackToTheOrdinarySchedule() {
    FakeWatch watch = assertFallsBackToPolling(Behaviour.LIES);
    assertThat(watch.only()).isCompletedWithValue(null);
  }

  /**
   * A 1 s task whose wait polls as without a watch: at once, then 100 ms later, 200 ms after that,
   * doubling, so at least the first two polls see it running and a later one sees the end. A wait
   * that kept relying on the watch would send one request at the first safety poll 5 s after the
   * start (two for the lying watch: one when it said ended, one at the safety poll).
   */
  private FakeWatch assertFallsBackToPolling(Behaviour behaviour) {
    FakeWatch watch = new FakeWatch(behaviour);
    try (PveClient pve = client(Clock.systemUTC(), watch)) {
      Task start = pve.node("pve1").lxc(CT).start();

      TaskStatus done = start.await(Duration.ofMinutes(1));

      assertThat(done.succeeded()).isTrue();
      assertThat(sim.taskEndedAt(start.upid().text())).isPresent();
      assertThat(statusRequests(start)).isGreaterThan(2);
      LearnedKind kind = learned(pve, "vzstart");
      assertThat(kind.endsBy()).isGreaterThan(kind.endsAfter());
      assertThat(watch.asked).containsExactly(start.upid());
    }
    return watch;
  }

  @Test
  void cancellingTheWait_cancelsTheWatch() {
    FakeWatch watch = new FakeWatch(Behaviour.NEVER);
    try (PveClient pve = client(Clock.systemUTC(), watch)) {
      Task snapshot = pve.node("pve1").lxc(CT).createSnapshot("before", "");

      CompletableFuture<TaskStatus> waiting = snapshot.awaitAsync(Duration.ofHours(2));
      waiting.cancel(true);

      assertThat(watch.only()).isCancelled();
      assertThatThrownBy(waiting::join).isInstanceOf(CancellationException.class);
    }
  }

  @Test
  void taskStillRunningAtTheDeadline_timesOut_andTheWatchIsCancelled() {
    FakeWatch watch = new FakeWatch(Behaviour.NEVER);
    // every read of the clock moves it a minute on, so the 30 s deadline passes without waiting
    TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1));
    try (PveClient pve = client(clock, watch)) {
      Task snapshot = pve.node("pve1").lxc(CT).createSnapshot("before", "");

      assertThatThrownBy(() -> snapshot.await(Duration.ofSeconds(30)))
          .isInstanceOfSatisfying(TaskTimeoutException.class,
              e -> assertThat(e.upid()).isEqualTo(snapshot.upid().text()));
      assertThat(watch.only()).isCancelled();
      assertThat(statusRequests(snapshot)).isEqualTo(1);
    }
  }

  @Test
  void builder_rejectsANullWatch() {
    assertThatThrownBy(() -> PveClient.builder().taskEndWatch(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("watch");
  }
}
