package dev.proximity.internal.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.InvalidRequestException;
import dev.proximity.pve.TaskEndWatch;
import dev.proximity.pve.TaskWatchException;
import dev.proximity.pve.TestClock;
import dev.proximity.pve.model.Upid;
import dev.proximity.spi.HostShell;
import dev.proximity.spi.HostShellFactory;
import dev.proximity.support.FakeLineSession;
import dev.proximity.support.UnusedHostShell;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HostTaskWatch against a scripted host shell whose sessions the test drives: what is sent, what
 * the "script" reports, when a session ends. The network steps run on the calling thread (a direct
 * executor) so every assertion sees a settled state; one test uses the watch's own threads.
 */
class HostTaskWatchTest {
  private static final String NODE = "pve1";
  /** pid 0x000D7AA2 = 883362, pstart 0x08D5A17C = 148218236. */
  private static final Upid A = Upid.parse(
      "UPID:pve1:000D7AA2:08D5A17C:63DF62A5:vzcreate:200:root@pam:");
  private static final String A_LINE = "883362 148218236";
  private static final Upid A_AGAIN = Upid.parse(
      "UPID:pve1:000D7AA2:08D5A17C:63DF62A5:vzcreate:200:root@pam:");
  private static final Upid B = Upid.parse(
      "UPID:pve1:00000010:00000020:63DF62A6:vzstart:200:root@pam:");
  private static final String B_LINE = "16 32";

  private final Hosts hosts = new Hosts();
  private final TestClock clock = TestClock.fixed();
  private final HostTaskWatch watch = new HostTaskWatch(hosts, Runnable::run, clock);

  @AfterEach
  void close() {
    watch.close();
  }

  @Test
  void watchesOfOneProcessShareOneLine_andCompleteWhenTheScriptReportsIt() {
    CompletableFuture<Void> a1 = watch.watch(A).orElseThrow();
    CompletableFuture<Void> a2 = watch.watch(A_AGAIN).orElseThrow();
    CompletableFuture<Void> b = watch.watch(B).orElseThrow();

    assertThat(hosts.sessions).hasSize(1);
    FakeLineSession session = hosts.sessions.get(0);
    assertThat(session.argv).isEqualTo(List.of("bash", "-c", HostTaskWatch.SCRIPT,
        "proximity-task-watch"));
    assertThat(session.sent).containsExactly(A_LINE, B_LINE);

    session.report(A_LINE);
    assertThat(a1).isCompleted();
    assertThat(a2).isCompleted();
    assertThat(b).isNotDone();
    assertThat(session.closed).isFalse();

    session.report("999 1"); // not watched: ignored
    session.report(B_LINE);
    assertThat(b).isCompleted();
    assertThat(session.closed).as("nothing left to watch").isTrue();
  }

  @Test
  void cancellingForgetsTheWatch_andTheLastCancelClosesTheSession() {
    CompletableFuture<Void> a1 = watch.watch(A).orElseThrow();
    CompletableFuture<Void> a2 = watch.watch(A_AGAIN).orElseThrow();
    CompletableFuture<Void> b = watch.watch(B).orElseThrow();
    FakeLineSession session = hosts.sessions.get(0);

    a1.cancel(false);
    session.report(A_LINE);
    assertThat(a2).as("the other watch of the process still listens").isCompleted();

    b.cancel(false);
    assertThat(session.closed).isTrue();
    session.report(B_LINE); // a late report of a forgotten process changes nothing
    assertThat(b).isCancelled();
  }

  @Test
  void aSessionWithNothingLeftToWatchCloses_andTheNextWatchOpensANewOne() {
    CompletableFuture<Void> a = watch.watch(A).orElseThrow();
    hosts.sessions.get(0).report(A_LINE);
    assertThat(a).isCompleted();
    assertThat(hosts.sessions.get(0).closed).isTrue();

    CompletableFuture<Void> b = watch.watch(B).orElseThrow();
    assertThat(hosts.sessions).hasSize(2);
    FakeLineSession second = hosts.sessions.get(1);
    assertThat(second.sent).containsExactly(B_LINE);
    second.report(B_LINE);
    assertThat(b).isCompleted();
  }

  @Test
  void whenTheSessionEnds_everyPendingWatchFails_andTheNextWatchStartsAgain() {
    CompletableFuture<Void> a = watch.watch(A).orElseThrow();
    CompletableFuture<Void> b = watch.watch(B).orElseThrow();

    hosts.sessions.get(0).exit.complete(OptionalInt.of(0));

    assertFailed(a, "the watch command exited with status 0");
    assertFailed(b, "the watch command exited with status 0");
    CompletableFuture<Void> again = watch.watch(A).orElseThrow();
    assertThat(hosts.sessions).hasSize(2);
    assertThat(hosts.sessions.get(1).sent).containsExactly(A_LINE);
    assertThat(again).isNotDone();
  }

  @Test
  void whenTheConnectionDrops_pendingWatchesFailWithTheCause() {
    CompletableFuture<Void> a = watch.watch(A).orElseThrow();
    InvalidRequestException dropped = new InvalidRequestException(
        InvalidRequestException.Reason.NOT_CONFIGURED, "connection to pve1 dropped");

    hosts.sessions.get(0).exit.completeExceptionally(dropped);

    assertThat(cause(a)).isInstanceOf(TaskWatchException.class)
        .hasMessageContaining("connection to pve1 dropped")
        .hasCause(dropped);
  }

  @Test
  void aSessionThatCannotStartFailsTheWatch_theNodeIsLeftAloneForAWhile_thenTriedAgain() {
    hosts.refuse = true;
    CompletableFuture<Void> a = watch.watch(A).orElseThrow();
    assertFailed(a, "could not start (no channel)");
    assertThat(hosts.starts.get()).isEqualTo(1);

    clock.advance(HostTaskWatch.START_RETRY_AFTER.minusMillis(1));
    assertThat(watch.watch(B)).as("waits on the node poll meanwhile").isEmpty();
    assertThat(hosts.starts.get()).as("no new attempt").isEqualTo(1);

    // a second failure in a row doubles the pause
    clock.advance(Duration.ofMillis(1));
    assertFailed(watch.watch(B).orElseThrow(), "could not start (no channel)");
    assertThat(hosts.starts.get()).isEqualTo(2);
    clock.advance(HostTaskWatch.START_RETRY_AFTER.multipliedBy(2).minusMillis(1));
    assertThat(watch.watch(B)).isEmpty();

    hosts.refuse = false;
    clock.advance(Duration.ofMillis(1));
    CompletableFuture<Void> b = watch.watch(B).orElseThrow();
    assertThat(hosts.sessions).hasSize(1);
    assertThat(hosts.sessions.get(0).sent).containsExactly(B_LINE);
    assertThat(b).isNotDone();

    // a start that worked ends the run of failures: the next one pauses the first period again
    hosts.sessions.get(0).report(B_LINE);
    hosts.refuse = true;
    assertFailed(watch.watch(A).orElseThrow(), "could not start (no channel)");
    hosts.refuse = false;
    clock.advance(HostTaskWatch.START_RETRY_AFTER);
    assertThat(watch.watch(A)).isPresent();
  }

  @Test
  void aFailedSendFailsTheWatchesAndClosesTheSession() {
    CompletableFuture<Void> a = watch.watch(A).orElseThrow();
    FakeLineSession session = hosts.sessions.get(0);
    session.refuseSends = true;

    CompletableFuture<Void> b = watch.watch(B).orElseThrow();

    assertFailed(a, "sending to the watch command failed");
    assertFailed(b, "sending to the watch command failed");
    assertThat(session.closed).isTrue();
  }

  @Test
  void nothingIsWatchedWithoutAShell() {
    assertThat(watch.watch(Upid.parse(
        "UPID:pve9:00000010:00000020:63DF62A6:vzstart:200:root@pam:"))).isEmpty();
    assertThat(new HostTaskWatch(null, Runnable::run, clock).watch(A)).isEmpty();
    assertThat(hosts.sessions).isEmpty();
  }

  @Test
  void closeFailsPendingWatches_closesTheSession_andWatchesNothingMore() {
    CompletableFuture<Void> a = watch.watch(A).orElseThrow();

    watch.close();

    assertFailed(a, "the watch was closed");
    assertThat(hosts.sessions.get(0).closed).isTrue();
    assertThat(watch.watch(B)).isEmpty();
  }

  @Test
  void watchNeverWaitsForTheSessionToStart() throws Exception {
    CountDownLatch starting = new CountDownLatch(1);
    hosts.blockStart = new CountDownLatch(1);
    hosts.onStart = starting::countDown;
    try (HostTaskWatch threaded = new HostTaskWatch(hosts)) {
      CompletableFuture<Void> a = threaded.watch(A).orElseThrow();
      // watch returned while the session start is still blocked on the host.
      assertThat(starting.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(hosts.sessions).isEmpty();

      hosts.blockStart.countDown();
      FakeLineSession session = hosts.started.get(30, TimeUnit.SECONDS);
      assertThat(session.nextSent()).isEqualTo(A_LINE);
      session.report(A_LINE);
      a.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theStaticFactoryWatchesOverTheGivenShells() {
    TaskEndWatch overShells = TaskEndWatch.overHostShells(hosts);
    assertThat(overShells).isInstanceOf(HostTaskWatch.class);
    assertThatThrownBy(() -> TaskEndWatch.overHostShells(null))
        .isInstanceOf(NullPointerException.class);
    ((HostTaskWatch) overShells).close();
  }

  private static void assertFailed(CompletableFuture<Void> future, String detail) {
    assertThat(cause(future)).isInstanceOf(TaskWatchException.class)
        .hasMessageContaining("node " + NODE)
        .hasMessageContaining(detail);
    assertThat(((TaskWatchException) cause(future)).node()).isEqualTo(NODE);
  }

  private static Throwable cause(CompletableFuture<Void> future) {
    assertThat(future).isCompletedExceptionally();
    try {
      future.get(0, TimeUnit.SECONDS);
      throw new AssertionError("not failed");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** One host shell, on node pve1 only, whose sessions the test drives. */
  private static final class Hosts extends UnusedHostShell implements HostShellFactory {
    final List<FakeLineSession> sessions = new CopyOnWriteArrayList<>();
    final CompletableFuture<FakeLineSession> started = new CompletableFuture<>();
    volatile boolean refuse;
    final AtomicInteger starts = new AtomicInteger();
    volatile CountDownLatch blockStart;
    volatile Runnable onStart = () -> { };

    @Override
    public HostShell forNode(String node) {
      if (!node.equals(NODE)) {
        throw new InvalidRequestException(InvalidRequestException.Reason.NOT_CONFIGURED,
            "no shell for node " + node);
      }
      return this;
    }

    @Override
    public LineSession session(List<String> argv, Consumer<String> lines) {
      starts.incrementAndGet();
      onStart.run();
      if (blockStart != null) {
        try {
          blockStart.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (refuse) {
        throw new InvalidRequestException(InvalidRequestException.Reason.NOT_CONFIGURED,
            "no channel");
      }
      FakeLineSession session = new FakeLineSession(NODE, argv, lines);
      sessions.add(session);
      started.complete(session);
      return session;
    }

    @Override
    public void close() {}
  }
}
