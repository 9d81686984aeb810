package dev.proximity.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @TempDir Path dir;

  private final Recorder recorder = new Recorder();
  private final List<Instant> runs = new CopyOnWriteArrayList<>();

  private Scheduler scheduler(VirtualTime time, Executor executor, Path stateFile) {
    SchedulerBuilder b = Scheduler.builder().virtualTime(time).executor(executor)
        .addListener(recorder);
    if (stateFile != null) {
      b.stateFile(stateFile);
    }
    return b.build();
  }

  private Job recording(String id, Schedule schedule, ZoneId zone) {
    return Job.of(id, schedule, zone, ctx -> runs.add(ctx.scheduledFor()));
  }

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void daily_acrossBerlinSpringForward_runsOncePerNight() {
    VirtualTime time = VirtualTime.at(at("2026-03-27T12:00:00Z"), BERLIN);
    try (Scheduler s = scheduler(time, Runnable::run, null)) {
      s.add(recording("backup", Schedule.daily(LocalTime.of(2, 30)), BERLIN));
      s.start();
      time.advanceTo(at("2026-03-31T00:00:00Z"));
    }
    assertThat(runs).containsExactly(at("2026-03-28T01:30:00Z"), at("2026-03-29T01:30:00Z"),
        at("2026-03-30T00:30:00Z"));
  }

  @Test
  void daily_acrossBerlinFallBack_runsOncePerNight() {
    VirtualTime time = VirtualTime.at(at("2026-10-24T12:00:00Z"), BERLIN);
    try (Scheduler s = scheduler(time, Runnable::run, null)) {
      s.add(recording("backup", Schedule.daily(LocalTime.of(2, 30)), BERLIN));
      s.start();
      time.advanceTo(at("2026-10-27T00:00:00Z"));
    }
    assertThat(runs).containsExactly(at("2026-10-25T00:30:00Z"), at("2026-10-26T01:30:00Z"));
  }

  @Test
  void daily_acrossNewYorkSpringForwardAndFallBack_runsOncePerNight() {
    VirtualTime time = VirtualTime.at(at("2026-03-07T12:00:00Z"), NEW_YORK);
    try (Scheduler s = scheduler(time, Runnable::run, null)) {
      s.add(recording("spring", Schedule.daily(LocalTime.of(2, 30)), NEW_YORK));
      s.start();
      time.advanceTo(at("2026-03-09T12:00:00Z"));
      assertThat(runs).containsExactly(at("2026-03-08T07:30:00Z"), at("2026-03-09T06:30:00Z"));
      runs.clear();
      s.remove("spring");
      s.add(recording("fall", Schedule.daily(LocalTime.of(1, 30)), NEW_YORK));
      time.advanceTo(at("2026-11-02T12:00:00Z"));
    }
    assertThat(runs).filteredOn(t -> t.isAfter(at("2026-10-31T12:00:00Z")))
        .containsExactly(at("2026-11-01T05:30:00Z"), at("2026-11-02T06:30:00Z"));
  }

  @Test
  void weeklyAndInterval_fireOnSchedule() {
    VirtualTime time = VirtualTime.at(at("2026-06-01T00:00:00Z"), BERLIN); // a Monday
    List<Instant> quarter = new CopyOnWriteArrayList<>();
    try (Scheduler s = scheduler(time, Runnable::run, null)) {
      s.add(recording("weekly", Schedule.weekly(DayOfWeek.SUNDAY, LocalTime.of(3, 0)), BERLIN));
      s.add(Job.of("quarter", Schedule.everyMinutes(15), BERLIN,
          ctx -> quarter.add(ctx.scheduledFor())));
      s.start();
      assertThat(s.status("weekly").orElseThrow().nextRun()).contains(at("2026-06-07T01:00:00Z"));
      time.advanceTo(at("2026-06-21T12:00:00Z"));
    }
    assertThat(runs).containsExactly(at("2026-06-07T01:00:00Z"), at("2026-06-14T01:00:00Z"),
        at("2026-06-21T01:00:00Z"));
    assertThat(quarter).hasSize(20 * 24 * 4 + 12 * 4).first().isEqualTo(at("2026-06-01T00:15:00Z"));
  }

  @Test
  void failedRun_isReportedAndLaterRunsContinue() {
    VirtualTime time = VirtualTime.at(at("2026-06-01T00:00:00Z"), BERLIN);
    int[] calls = {0};
    try (Scheduler s = scheduler(time, Runnable::run, null)) {
      s.add(Job.of("flaky", Schedule.everyHours(1), BERLIN, ctx -> {
        if (calls[0]++ == 0) {
          throw new IllegalStateException("storage offline\nsecond line");
        }
      }));
      s.start();
      time.advanceTo(at("2026-06-01T02:30:00Z"));
      RunRecord last = s.status("flaky").orElseThrow().lastRun().orElseThrow();
      assertThat(last.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
    }
    assertThat(recorder.events).containsExactly(
        "failed flaky 2026-06-01T01:00:00Z IllegalStateException: storage offline",
        "ok flaky 2026-06-01T02:00:00Z");
  }

  @Test
  void runStillInProgress_nextFireIsSkippedNotOverlapped() {
    VirtualTime time = VirtualTime.at(at("2026-06-01T00:00:00Z"), BERLIN);
    ManualExecutor executor = new ManualExecutor();
    try (Scheduler s = scheduler(time, executor, null)) {
      s.add(recording("slow", Schedule.everyMinutes(15), BERLIN));
      s.start();
      time.advanceTo(at("2026-06-01T00:15:00Z"));
      assertThat(executor.queued()).isEqualTo(1);
      assertThat(s.status("slow").orElseThrow().running()).isTrue();
      time.advanceTo(at("2026-06-01T00:45:00Z"));
      assertThat(executor.queued()).isEqualTo(1);
      assertThat(s.runNow("slow")).isCompletedExceptionally();
      executor.runAll();
      time.advanceTo(at("2026-06-01T01:00:00Z"));
      executor.runAll();
    }
    assertThat(runs).containsExactly(at("2026-06-01T00:15:00Z"), at("2026-06-01T01:00:00Z"));
    assertThat(recorder.events).containsExactly(
        "skipped slow 2026-06-01T00:30:00Z", "skipped slow 2026-06-01T00:45:00Z",
        "ok slow 2026-06-01T00:15:00Z", "ok slow 2026-06-01T01:00:00Z");
  }

  @Test
  void restart_afterRun_neitherRepeatsNorRunsEarly() {
    Path state = dir.resolve("state.json");
    VirtualTime time = VirtualTime.at(at("2026-06-01T12:00:00Z"), BERLIN);
    Schedule nightly = Schedule.daily(LocalTime.of(2, 0));
    try (Scheduler s = scheduler(time, Runnable::run, state)) {
      s.add(recording("backup", nightly, BERLIN));
      s.start();
      time.advanceTo(at("2026-06-02T03:00:00Z")); // ran at 00:00Z (02:00 CEST)
    }
    try (Scheduler s = scheduler(time, Runnable::run, state)) {
      s.add(recording("backup", nightly, BERLIN));
      s.start();
      JobStatus status = s.status("backup").orElseThrow();
      assertThat(status.lastRun().orElseThrow().scheduledFor()).isEqualTo(at("2026-06-02T00:00:00Z"));
      assertThat(status.lastRun().orElseThrow().outcome()).isEqualTo(RunOutcome.SUCCEEDED);
      assertThat(status.nextRun()).contains(at("2026-06-03T00:00:00Z"));
    }
    assertThat(runs).containsExactly(at("2026-06-02T00:00:00Z"));
  }

  @Test
  void restart_afterDowntime_catchesUpOnceWithinGrace() {
    Path state = dir.resolve("state.json");
    VirtualTime time = VirtualTime.at(at("2026-06-01T12:00:00Z"), BERLIN);
    List<JobContext> contexts = new CopyOnWriteArrayList<>();
    Job job = Job.of("backup", Schedule.daily(LocalTime.of(2, 0)), BERLIN, contexts::add)
        .withCatchUpGrace(Duration.ofHours(8));
    try (Scheduler s = scheduler(time, Runnable::run, state)) {
      s.add(job);
      s.start();
      time.advanceTo(at("2026-06-02T12:00:00Z"));
    }
    // down for three nights; up again at 07:00 CEST, 5 h after the last missed fire
    time.advanceTo(at("2026-06-05T05:00:00Z"));
    try (Scheduler s = scheduler(time, Runnable::run, state)) {
      s.add(job);
      s.start();
      time.advanceTo(at("2026-06-06T12:00:00Z"));
    }
    assertThat(contexts).extracting(JobContext::scheduledFor).containsExactly(
        at("2026-06-02T00:00:00Z"), at("2026-06-05T00:00:00Z"), at("2026-06-06T00:00:00Z"));
    assertThat(contexts).extracting(JobContext::catchUp).containsExactly(false, true, false);
    assertThat(contexts.get(1).startedAt()).isEqualTo(at("2026-06-05T05:00:00Z"));
  }

  @Test
  void restart_afterDowntimeBeyondGrace_reportsMissedAndWaitsForNextFire() {
    Path state = dir.resolve("state.json");
    VirtualTime time = VirtualTime.at(at("2026-06-01T12:00:00Z"), BERLIN);
    Job job = recording("backup", Schedule.daily(LocalTime.of(2, 0)), BERLIN)
        .withCatchUpGrace(Duration.ofHours(6));
    try (Scheduler s = scheduler(time, Runnable::run, state)) {
      s.add(job);
      s.start();
    }
    time.advanceTo(at("2026-06-02T10:00:00Z")); // 10 h after the missed fire
    try (Scheduler s = scheduler(time, Runnable::run, state)) {
      s.add(job);
      s.start();
      assertThat(s.status("backup").orElseThrow().lastRun().orElseThrow().outcome())
          .isEqualTo(RunOutcome.MISSED);
      time.advanceTo(at("2026-06-03T12:00:00Z"));
    }
    assertThat(recorder.events).containsExactly("missed backup 2026-06-02T00:00:00Z",
        "ok backup 2026-06-03T00:00:00Z");
    assertThat(runs).containsExactly(at("2026-06-03T00:00:00Z"));
  }

  @Test
  void restart_afterDowntimeOverManyIntervalFires_catchesUpOnlyOnce() {
    Path state = dir.resolve("state.json");
    VirtualTime time = VirtualTime.at(at("2026-06-01T00:00:00Z"), BERLIN);
    Job job = recording("poll", Schedule.everyMinutes(15), BERLIN);
    try (Scheduler s = scheduler(time, Runnable::run, state)) {
      s.add(job);
      s.start();
      time.advanceTo(at("2026-06-01T00:20:00Z"));
    }
    time.advanceTo(at("2026-06-01T02:05:00Z"));
    try (Scheduler s = scheduler(time, Runnable::run, state)) {
      s.add(job);
      s.start();
      time.advanceTo(at("2026-06-01T02:15:00Z"));
    }
    assertThat(runs).containsExactly(at("2026-06-01T00:15:00Z"), at("2026-06-01T02:00:00Z"),
        at("2026-06-01T02:15:00Z"));
  }

  @Test
  void restart_afterRunInterruptedByProcessStop_reportsAndRunsItAgain() {
    Path state = dir.resolve("state.json");
    VirtualTime time = VirtualTime.at(at("2026-06-01T12:00:00Z"), BERLIN);
    Job job = recording("backup", Schedule.daily(LocalTime.of(2, 0)), BERLIN);
    ManualExecutor dies = new ManualExecutor();
    try (Scheduler s = scheduler(time, dies, state)) {
      s.add(job);
      s.start();
      time.advanceTo(at("2026-06-02T00:30:00Z"));
      assertThat(dies.queued()).isEqualTo(1); // started, never finishes: the process "dies"
      dies.drop();
    }
    try (Scheduler s = scheduler(time, Runnable::run, state)) {
      s.add(job);
      s.start();
    }
    assertThat(recorder.events).containsExactly("interrupted backup 2026-06-02T00:00:00Z",
        "ok backup 2026-06-02T00:00:00Z");
  }

  @Test
  void freshJob_withoutState_waitsForItsFirstFire() {
    VirtualTime time = VirtualTime.at(at("2026-06-01T12:00:00Z"), BERLIN);
    try (Scheduler s = scheduler(time, Runnable::run, dir.resolve("s.json"))) {
      s.add(recording("backup", Schedule.daily(LocalTime.of(2, 0)), BERLIN));
      s.start();
      assertThat(runs).isEmpty();
      assertThat(s.status()).singleElement().satisfies(st -> {
        assertThat(st.nextRun()).contains(at("2026-06-02T00:00:00Z"));
        assertThat(st.lastRun()).isEmpty();
      });
    }
  }

  @Test
  void stateFile_isJsonWrittenWithoutLeftovers() throws Exception {
    Path state = dir.resolve("nested/state.json");
    VirtualTime time = VirtualTime.at(at("2026-06-01T23:59:00Z"), BERLIN);
    try (Scheduler s = scheduler(time, Runnable::run, state)) {
      s.add(Job.of("b", Schedule.everyMinutes(1), BERLIN, ctx -> {
        throw new IllegalStateException("boom");
      }));
      s.start();
      time.advanceBy(Duration.ofMinutes(1));
    }
    String json = Files.readString(state);
    assertThat(json).contains("\"version\" : 1", "\"outcome\" : \"FAILED\"",
        "\"scheduledFor\" : \"2026-06-02T00:00:00Z\"", "IllegalStateException: boom");
    try (Stream<Path> files = Files.list(state.getParent())) {
      assertThat(files).containsExactly(state);
    }
  }

  @Test
  void stateFile_whenCorrupt_startFailsWithAHint() throws Exception {
    Path state = dir.resolve("state.json");
    Files.writeString(state, "{not json");
    VirtualTime time = VirtualTime.at(at("2026-06-01T12:00:00Z"), BERLIN);
    try (Scheduler s = scheduler(time, Runnable::run, state)) {
      assertThatThrownBy(s::start).isInstanceOf(SchedulerException.class)
          .hasMessageContaining("move it away");
    }
  }

  @Test
  void runNow_runsOutsideTheScheduleAndReturnsTheRecord() {
    VirtualTime time = VirtualTime.at(at("2026-06-01T12:00:00Z"), BERLIN);
    try (Scheduler s = scheduler(time, Runnable::run, null)) {
      s.add(recording("check", Schedule.weekly(DayOfWeek.SUNDAY, LocalTime.of(3, 0)), BERLIN));
      assertThatThrownBy(() -> s.runNow("check")).isInstanceOf(SchedulerException.class);
      s.start();
      CompletableFuture<RunRecord> run = s.runNow("check");
      assertThat(run.join().outcome()).isEqualTo(RunOutcome.SUCCEEDED);
      assertThat(s.status("check").orElseThrow().nextRun()).contains(at("2026-06-07T01:00:00Z"));
      assertThatThrownBy(() -> s.add(recording("check", Schedule.everyHours(1), BERLIN)))
          .isInstanceOf(SchedulerException.class).hasMessageContaining("already scheduled");
    }
    assertThat(runs).containsExactly(at("2026-06-01T12:00:00Z"));
  }

  @Test
  void close_isIdempotentAndCancelsWakeups() {
    VirtualTime time = VirtualTime.at(at("2026-06-01T12:00:00Z"), BERLIN);
    Scheduler s = scheduler(time, Runnable::run, null);
    s.add(recording("a", Schedule.everyMinutes(5), BERLIN));
    s.start();
    assertThat(time.pendingWakeups()).isEqualTo(1);
    s.close();
    s.close();
    assertThat(time.pendingWakeups()).isZero();
    time.advanceBy(Duration.ofHours(1));
    assertThat(runs).isEmpty();
    assertThat(s.status("a").orElseThrow().nextRun()).isEmpty();
  }
}
