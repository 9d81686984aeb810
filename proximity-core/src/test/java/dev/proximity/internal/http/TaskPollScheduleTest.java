package dev.proximity.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskPollScheduleTest {
  private static final long NO_DEADLINE = Long.MAX_VALUE;

  @Test
  void unknownKind_pollsAtOnceThenDoublesFrom100MsTo2s() {
    List<Long> delays = new ArrayList<>();
    for (int sent = 0; sent < 8; sent++) {
      delays.add(TaskPollSchedule.nextDelayMs(null, sent, 0, NO_DEADLINE));
    }
    assertThat(delays).containsExactly(0L, 100L, 200L, 400L, 800L, 1600L, 2000L, 2000L);
  }

  @Test
  void knownEnd_firstPollAtTheEnd_thenATenthOfTheElapsedTime() {
    TaskDurations.Expectation end = new TaskDurations.Expectation(300, 300);
    assertThat(TaskPollSchedule.nextDelayMs(end, 0, 2, NO_DEADLINE)).isEqualTo(298);
    assertThat(TaskPollSchedule.nextDelayMs(end, 1, 301, NO_DEADLINE)).isEqualTo(100);
    assertThat(TaskPollSchedule.nextDelayMs(end, 2, 5_000, NO_DEADLINE)).isEqualTo(500);
    assertThat(TaskPollSchedule.nextDelayMs(end, 9, 60_000, NO_DEADLINE)).isEqualTo(2000);
  }

  @Test
  void looseEnd_probesFirstThenPollsAtTheEnd() {
    TaskDurations.Expectation loose = new TaskDurations.Expectation(200, 300);
    assertThat(TaskPollSchedule.nextDelayMs(loose, 0, 0, NO_DEADLINE)).isEqualTo(200);
    assertThat(TaskPollSchedule.nextDelayMs(loose, 1, 202, NO_DEADLINE)).isEqualTo(98);
  }

  @Test
  void waitBegunAfterTheExpectedEnd_pollsAtOnce() {
    assertThat(TaskPollSchedule.nextDelayMs(new TaskDurations.Expectation(300, 300), 0, 900, NO_DEADLINE)).isZero();
  }

  @Test
  void noDelayReachesPastTheDeadline() {
    assertThat(TaskPollSchedule.nextDelayMs(null, 6, 10_000, 300)).isEqualTo(300);
    assertThat(TaskPollSchedule.nextDelayMs(new TaskDurations.Expectation(60_000, 60_000), 0, 0, 1_000))
        .isEqualTo(1_000);
    assertThat(TaskPollSchedule.nextDelayMs(null, 3, 10_000, -5)).isZero();
  }

  /** The outcome of one modelled wait: status requests sent and how late the end was noticed. */
  private record Wait(int requests, long lateMs) {}

  /**
   * Models a wait on a server that answers in {@code rttMs} and whose task ends {@code durationMs}
   * after its start, using the schedule and the memory exactly as {@code Task.await} does.
   */
  private static Wait modelWait(TaskDurations memory, long durationMs, long rttMs) {
    TaskDurations.Expectation expected = memory.expect("pve", "vzstart");
    long now = rttMs;  // the start call's answer
    long lastRunning = -1;
    for (int sent = 0; ; sent++) {
      now += TaskPollSchedule.nextDelayMs(expected, sent, now, NO_DEADLINE);
      long sentAt = now;
      boolean running = sentAt + rttMs / 2 < durationMs;
      now += rttMs;
      if (!running) {
        memory.record("pve", "vzstart", lastRunning, now);
        return new Wait(sent + 1, now - durationMs);
      }
      lastRunning = sentAt;
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {300, 3_000, 60_000})
  void repeatedTasksOfAKind_areNoticedWithinATenthPlus150Ms_withNoMoreRequestsThanA1sPoll(long durationMs) {
    TaskDurations memory = new TaskDurations();
    List<Wait> waits = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      waits.add(modelWait(memory, durationMs, 2));
    }
    long fixedPollRequests = (durationMs + 999) / 1000;
    // Learning takes at most a few waits (probes halve the uncertainty); after that every wait meets the target.
    for (Wait w : waits.subList(3, waits.size())) {
      assertThat(w.lateMs()).isLessThanOrEqualTo(durationMs / 10 + 150);
      assertThat(w.requests()).isLessThanOrEqualTo((int) fixedPollRequests);
    }
  }

  @Test
  void unknownLongTask_isNoticedWithin2s_withFewerRequestsThanA1sPoll() {
    Wait first = modelWait(new TaskDurations(), 60_000, 2);
    assertThat(first.lateMs()).isLessThanOrEqualTo(2_000 + 2);
    assertThat(first.requests()).isLessThan(60);
  }
}
