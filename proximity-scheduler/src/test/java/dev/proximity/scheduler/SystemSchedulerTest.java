package dev.proximity.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.scheduler.internal.SystemTimer;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The default wiring: SDK-owned threads and the system timer (no timing assertions). */
class SystemSchedulerTest {

  @Test
  void runNow_onTheOwnedExecutor_runsOnANamedDaemonThread() throws Exception {
    AtomicReference<Thread> ran = new AtomicReference<>();
    try (Scheduler s = Scheduler.builder().build()) {
      s.add(Job.of("probe", Schedule.weekly(DayOfWeek.SUNDAY, LocalTime.of(3, 0)),
          ZoneId.of("UTC"), ctx -> ran.set(Thread.currentThread())));
      s.start();
      RunRecord record = s.runNow("probe").get(30, TimeUnit.SECONDS);
      assertThat(record.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
      assertThat(s.status("probe").orElseThrow().nextRun()).isPresent();
    }
    assertThat(ran.get().getName()).startsWith("proximity-scheduler-job-");
    assertThat(ran.get().isDaemon()).isTrue();
  }

  @Test
  void systemTimer_dueInstant_runsAndCancelledOneDoesNot() throws Exception {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try {
      SystemTimer timer = new SystemTimer(Clock.systemUTC(), executor);
      CountDownLatch due = new CountDownLatch(1);
      CountDownLatch cancelled = new CountDownLatch(1);
      timer.schedule(Instant.now().plus(Duration.ofDays(1)), cancelled::countDown).cancel();
      timer.schedule(Instant.now().minusSeconds(1), due::countDown);
      assertThat(due.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(cancelled.getCount()).isEqualTo(1);
    } finally {
      executor.shutdownNow();
    }
  }
}
