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
    TaskDurations.Expectation end = new TaskDurations.Expectation(300, 300, 300);
    assertThat(TaskPollSchedule.nextDelayMs(end, 0, 2, NO_DEADLINE)).isEqualTo(298);
    assertThat(TaskPollSchedule.nextDelayMs(end, 1, 301, NO_DEADLINE)).isEqualTo(100);
    assertThat(TaskPollSchedule.nextDelayMs(end, 2, 5_000, NO_DEADLINE)).isEqualTo(500);
    assertThat(TaskPollSchedule.nextDelayMs(end, 9, 60_000, NO_DEADLINE)).isEqualTo(2000);
  }

  @Test
  void looseEnd_probesFirstThenPollsAtTheEnd() {
    TaskDurations.Expectation loose = new TaskDurations.Expectation(100, 200, 300);
    assertThat(TaskPollSchedule.nextDelayMs(loose, 0, 0, NO_DEADLINE)).isEqualTo(200);
    assertThat(TaskPollSchedule.nextDelayMs(loose, 1, 202, NO_DEADLINE)).isEqualTo(98);
  }

  @Test
  void waitBegunAfterTheExpectedEnd_pollsAtOnce() {
    assertThat(TaskPollSchedule.nextDelayMs(new TaskDurations.Expectation(300, 300, 300), 0, 900, NO_DEADLINE)).isZero();
  }

  @Test
  void noDelayReachesPastTheDeadline() {
    assertThat(TaskPollSchedule.nextDelayMs(null, 6, 10_000, 300)).isEqualTo(300);
    assertThat(TaskPollSchedule.nextDelayMs(new TaskDurations.Expectation(60_000, 60_000, 60_000), 0, 0, 1_000))
        .isEqualTo(1_000);
    assertThat(TaskPollSchedule.nextDelayMs(null, 3, 10_000, -5)).isZero();
  }

  @Test
  void watched_safetyPollsAt5sThenGapsDoublingTo60s_anchoredAtTheStart() {
    List<Long> points = new ArrayList<>();
    long at = 0;
    for (int i = 0; i < 8; i++) {
      at += TaskPollSchedule.nextWatchedDelayMs(at, NO_DEADLINE);
      points.add(at);
    }
    assertThat(points).containsExactly(5_000L, 15_000L, 35_000L, 75_000L, 135_000L, 195_000L, 255_000L, 315_000L);
    // a late answer skips to the next point instead of shifting the rest
    assertThat(TaskPollSchedule.nextWatchedDelayMs(5_300, NO_DEADLINE)).isEqualTo(9_700);
    assertThat(TaskPollSchedule.nextWatchedDelayMs(200_000, NO_DEADLINE)).isEqualTo(55_000);
    // a wait begun after the first point (a handle from a UPID, a wait started late) takes the next one
    assertThat(TaskPollSchedule.nextWatchedDelayMs(0, NO_DEADLINE)).isEqualTo(5_000);
    assertThat(TaskPollSchedule.nextWatchedDelayMs(12_000, NO_DEADLINE)).isEqualTo(3_000);
  }

  @Test
  void watched_neverPastTheDeadline_soTheLastPollIsAtTheDeadline() {
    assertThat(TaskPollSchedule.nextWatchedDelayMs(1_000, 2_500)).isEqualTo(2_500);
    assertThat(TaskPollSchedule.nextWatchedDelayMs(70_000, 0)).isZero();
    assertThat(TaskPollSchedule.nextWatchedDelayMs(70_000, -10)).isZero();
  }

  @Test
  void watched_requestsBesidesTheSignal_growWithTheLogOfTheTasksLengthThenOneAMinute() {
    assertThat(safetyPollsBefore(4_999)).isZero();
    assertThat(safetyPollsBefore(30_000)).isEqualTo(2);
    assertThat(safetyPollsBefore(10 * 60_000)).isEqualTo(12);
  }

  @Test
  void watched_unknownKind_onlySafetyPolls() {
    assertThat(TaskPollSchedule.nextWatchedDelayMs(null, false, 0, 0, NO_DEADLINE)).isEqualTo(5_000);
    assertThat(TaskPollSchedule.nextWatchedDelayMs(null, true, 0, 0, NO_DEADLINE)).isEqualTo(5_000);
  }

  @Test
  void watched_knownKind_pollsTheLearnedEnd_thenLeavesTheOverrunToTheWatch() {
    TaskDurations.Expectation known = new TaskDurations.Expectation(280, 300, 300);
    // ordinary: the learned end first, as without a watch
    assertThat(TaskPollSchedule.nextWatchedDelayMs(known, false, 0, 20, NO_DEADLINE)).isEqualTo(280);
    // past the learned end the ordinary schedule would poll every tenth of the elapsed time; the
    // watch reports that end, so only the safety poll is left
    assertThat(TaskPollSchedule.nextWatchedDelayMs(known, false, 1, 310, NO_DEADLINE)).isEqualTo(4_690);
    // a loosely known kind: the probe halfway, then the end
    TaskDurations.Expectation loose = new TaskDurations.Expectation(1_000, 2_000, 3_000);
    assertThat(TaskPollSchedule.nextWatchedDelayMs(loose, false, 0, 0, NO_DEADLINE)).isEqualTo(2_000);
    assertThat(TaskPollSchedule.nextWatchedDelayMs(loose, false, 1, 2_010, NO_DEADLINE)).isEqualTo(990);
    // an expected end after the first safety poll: that poll comes first
    TaskDurations.Expectation slow = new TaskDurations.Expectation(8_000, 8_000, 8_000);
    assertThat(TaskPollSchedule.nextWatchedDelayMs(slow, false, 0, 0, NO_DEADLINE)).isEqualTo(5_000);
    assertThat(TaskPollSchedule.nextWatchedDelayMs(slow, false, 1, 5_000, NO_DEADLINE)).isEqualTo(3_000);
  }

  @Test
  void watched_knownKind_promptWaitKeepsItsGridThroughTheStepsPastTheLateEdge() {
    TaskDurations.Expectation known = new TaskDurations.Expectation(200, 230, 230);
    long step = TaskPollSchedule.promptStepMs(known);
    long gridEnd = 230 + TaskPollSchedule.PROMPT_STEPS * step;
    assertThat(TaskPollSchedule.nextWatchedDelayMs(known, true, 0, 10, NO_DEADLINE)).isEqualTo(190);
    assertThat(TaskPollSchedule.nextWatchedDelayMs(known, true, 1, 201, NO_DEADLINE))
        .isEqualTo(TaskPollSchedule.nextPromptDelayMs(known, 1, 201, NO_DEADLINE));
    long lastGridPoint = gridEnd - step;
    assertThat(TaskPollSchedule.nextWatchedDelayMs(known, true, 9, lastGridPoint - 1, NO_DEADLINE)).isEqualTo(1);
    assertThat(TaskPollSchedule.nextWatchedDelayMs(known, true, 10, gridEnd, NO_DEADLINE))
        .isEqualTo(5_000 - gridEnd);
  }

  /** How many safety polls a watched wait sends on a task that ends at {@code endMs}. */
  private static int safetyPollsBefore(long endMs) {
    int polls = 0;
    for (long at = TaskPollSchedule.nextWatchedDelayMs(0, NO_DEADLINE); at < endMs;
        at += TaskPollSchedule.nextWatchedDelayMs(at, NO_DEADLINE)) {
      polls++;
    }
    return polls;
  }

  /** The outcome of one modelled wait: status requests sent and how late the end was noticed. */
  private record Wait(int requests, long lateMs) {}

  /**
   * Models a wait on a server that answers in {@code rttMs} and whose task ends {@code durationMs}
   * after its start, using the schedule and the memory exactly as {@code Task.await} does.
   */
  private static Wait modelWait(TaskDurations memory, long durationMs, long rttMs) {
    return modelWait(memory, durationMs, rttMs, false);
  }

  /** As {@link #modelWait(TaskDurations, long, long)}, for an ordinary or a prompt wait. */
  private static Wait modelWait(TaskDurations memory, long durationMs, long rttMs, boolean prompt) {
    TaskDurations.Expectation expected = memory.expect("pve", "vzstart");
    long now = rttMs;  // the start call's answer
    long lastRunning = -1;
    for (int sent = 0; ; sent++) {
      now += prompt ? TaskPollSchedule.nextPromptDelayMs(expected, sent, now, NO_DEADLINE)
          : TaskPollSchedule.nextDelayMs(expected, sent, now, NO_DEADLINE);
      long sentAt = now;
      boolean running = sentAt + rttMs / 2 < durationMs;
      now += rttMs;
      if (!running) {
        // as Task.learn: a prompt wait's first look at the early edge that saw the end moves it back
        if (prompt && expected != null && lastRunning < 0
            && sentAt <= expected.lowMs() + TaskPollSchedule.promptStepMs(expected)) {
          memory.recordEndedByEarlyEdge("pve", "vzstart", now);
        } else {
          memory.record("pve", "vzstart", lastRunning, now);
        }
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

  @Test
  void prompt_unknownKind_pollsAtGapsFrom50MsGrowing1_5Times_andAtTheOrdinaryPoints() {
    List<Long> points = new ArrayList<>();
    long now = 0;
    for (int sent = 0; sent < 19; sent++) {
      now += TaskPollSchedule.nextPromptDelayMs(null, sent, now, NO_DEADLINE);
      points.add(now);
    }
    assertThat(points).containsExactly(0L, 50L, 100L, 125L, 237L, 300L, 405L, 657L, 700L, 1035L, 1500L, 1602L,
        2452L, 3100L, 3727L, 5100L, 5639L, 7100L, 9100L);
    // a slow answer skips points instead of shifting them
    assertThat(TaskPollSchedule.nextPromptDelayMs(null, 3, 260, NO_DEADLINE)).isEqualTo(40);
  }

  @ParameterizedTest
  @ValueSource(longs = {30, 99, 100, 101, 199, 200, 201, 299, 1_499, 1_500, 1_501, 3_000, 60_000})
  void prompt_unknownKind_isNeverLaterThanTheOrdinaryPoints_andWithinHalfTheLength(long durationMs) {
    Wait ordinary = modelWait(new TaskDurations(), durationMs, 0, false);
    Wait prompt = modelWait(new TaskDurations(), durationMs, 0, true);
    assertThat(prompt.lateMs()).isLessThanOrEqualTo(ordinary.lateMs());
    // with round trips an ordinary wait's points drift later (one round trip per poll) and may
    // happen to land just past an end that an anchored prompt point just missed; the prompt wait
    // still notices within half the task's length (50 ms at least) plus the round trips
    for (long rtt : new long[] {1, 2, 9}) {
      Wait slowPrompt = modelWait(new TaskDurations(), durationMs, rtt, true);
      assertThat(slowPrompt.lateMs()).as("%d ms task, %d ms round trip", durationMs, rtt)
          .isLessThanOrEqualTo(Math.max(TaskPollSchedule.PROMPT_FIRST_DELAY_MS, durationMs / 2) + 2 * rtt);
    }
  }

  @Test
  void prompt_learnedKind_looksAtTheEarlyEdge_thenEvery15MsToTheLateEdgeAndBeyond_thenAsOrdinary() {
    TaskDurations.Expectation e = new TaskDurations.Expectation(190, 215, 215);
    assertThat(TaskPollSchedule.nextPromptDelayMs(e, 0, 2, NO_DEADLINE)).isEqualTo(188);
    // answers arrive a little after each poll; the grid stays anchored at the early edge
    assertThat(TaskPollSchedule.nextPromptDelayMs(e, 1, 192, NO_DEADLINE)).isEqualTo(13);   // at 205
    assertThat(TaskPollSchedule.nextPromptDelayMs(e, 2, 207, NO_DEADLINE)).isEqualTo(8);    // the late edge, 215
    assertThat(TaskPollSchedule.nextPromptDelayMs(e, 3, 217, NO_DEADLINE)).isEqualTo(3);    // 220
    assertThat(TaskPollSchedule.nextPromptDelayMs(e, 4, 222, NO_DEADLINE)).isEqualTo(13);   // 235
    // the grid runs six steps past the late edge (305 ms), then the ordinary overrun schedule takes over
    assertThat(TaskPollSchedule.nextPromptDelayMs(e, 9, 297, NO_DEADLINE)).isEqualTo(13);   // 310
    assertThat(TaskPollSchedule.nextPromptDelayMs(e, 10, 311, NO_DEADLINE)).isEqualTo(100);
    assertThat(TaskPollSchedule.nextPromptDelayMs(e, 11, 5_000, NO_DEADLINE)).isEqualTo(500);
  }

  @Test
  void prompt_wideInterval_widensTheStepSoSixStepsSpanIt() {
    TaskDurations.Expectation wide = new TaskDurations.Expectation(100, 200, 400);
    assertThat(TaskPollSchedule.promptStepMs(wide)).isEqualTo(50);
    assertThat(TaskPollSchedule.promptStepMs(new TaskDurations.Expectation(300, 300, 300)))
        .isEqualTo(TaskPollSchedule.PROMPT_STEP_MS);
    assertThat(TaskPollSchedule.nextPromptDelayMs(wide, 0, 0, NO_DEADLINE)).isEqualTo(100);
    assertThat(TaskPollSchedule.nextPromptDelayMs(wide, 1, 101, NO_DEADLINE)).isEqualTo(49);
  }

  @Test
  void prompt_waitBegunPastTheEarlyEdge_pollsAtOnce_andNoDelayReachesPastTheDeadline() {
    TaskDurations.Expectation e = new TaskDurations.Expectation(190, 215, 215);
    assertThat(TaskPollSchedule.nextPromptDelayMs(e, 0, 200, NO_DEADLINE)).isZero();
    assertThat(TaskPollSchedule.nextPromptDelayMs(e, 0, 2, 40)).isEqualTo(40);
    assertThat(TaskPollSchedule.nextPromptDelayMs(null, 9, 10_000, 300)).isEqualTo(300);
    assertThat(TaskPollSchedule.nextPromptDelayMs(e, 3, 10_000, -5)).isZero();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 7, 14, 15, 40})
  void prompt_learnedKind_sendsAtMost14RequestsBeforeTheOrdinaryOverrun_whateverTheRoundTrip(long rttMs) {
    for (TaskDurations.Expectation e : List.of(new TaskDurations.Expectation(190, 215, 215),
        new TaskDurations.Expectation(100, 200, 400), new TaskDurations.Expectation(0, 0, 0))) {
      long gridEnd = e.endMs() + TaskPollSchedule.PROMPT_STEPS * TaskPollSchedule.promptStepMs(e);
      long now = 0;
      int sent = 0;
      // a task that never ends: count the requests sent until the schedule leaves the grid
      while (now < gridEnd) {
        now += TaskPollSchedule.nextPromptDelayMs(e, sent, now, NO_DEADLINE) + rttMs;
        sent++;
      }
      assertThat(sent).as("requests for %s with a %d ms round trip", e, rttMs)
          .isLessThanOrEqualTo(2 * TaskPollSchedule.PROMPT_STEPS + 2);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {300, 3_000, 60_000})
  void prompt_learnedKind_noticesTheEndWithinAStepPlusTheRoundTrip(long durationMs) {
    TaskDurations memory = new TaskDurations();
    modelWait(memory, durationMs, 2, false);  // learned by an ordinary wait first
    for (int i = 0; i < 4; i++) {
      long step = TaskPollSchedule.promptStepMs(memory.expect("pve", "vzstart"));
      Wait w = modelWait(memory, durationMs, 2, true);
      assertThat(w.lateMs()).isLessThanOrEqualTo(step + 2);
      assertThat(w.requests()).isLessThanOrEqualTo(TaskPollSchedule.PROMPT_STEPS + 1);
    }
    // after one prompt wait the interval is as narrow as its step: the late edge is then the end plus
    // at most a step and the round trip, and the next wait needs only a few requests
    TaskDurations.Expectation learned = memory.expect("pve", "vzstart");
    assertThat(learned.endMs() - learned.lowMs()).isLessThanOrEqualTo(TaskPollSchedule.PROMPT_STEP_MS + 2);
    assertThat(modelWait(memory, durationMs, 2, true).requests()).isLessThanOrEqualTo(3);
  }

  /**
   * Models one golden template replica's queue: each clone starts when the previous one's end is
   * noticed (plus the round trip of the clone request), as the SDK's clone queue does.
   *
   * @return when the last clone's end is noticed, in ms after the first clone's start
   */
  private static long modelQueue(long[] durationsMs, long rttMs, boolean prompt) {
    TaskDurations memory = new TaskDurations();
    long total = 0;
    for (long d : durationsMs) {
      total += rttMs + d + modelWait(memory, d, rttMs, prompt).lateMs();
    }
    return total;
  }

  @Test
  void prompt_queueOfSixClones_endsSoonerThanWithOrdinaryWaits_coldAndWithJitter() {
    long[] even = {200, 200, 200, 200, 200, 200};
    long[] jitter = {200, 207, 195, 212, 198, 203};
    for (long[] queue : List.of(even, jitter)) {
      long work = java.util.Arrays.stream(queue).sum();
      long ordinary = modelQueue(queue, 2, false);
      long prompt = modelQueue(queue, 2, true);
      assertThat(prompt).isLessThan(ordinary);
      // the first clone is an unknown kind (noticed at 237 ms at the latest); every later one
      // within a step plus the round trip of the learned interval, or of the jitter
      assertThat(prompt - work - queue.length * 2L).isLessThanOrEqualTo(50 + 5 * (TaskPollSchedule.PROMPT_STEP_MS + 2 + 2));
    }
  }

  @Test
  void prompt_tasksThatVary_areNoticedSoonerThanByOrdinaryWaits_asTheEarlyEdgeMovesBackWhenOneEndsBeforeIt() {
    // 200 ms tasks that end up to 30 ms apart, the spread a loaded machine adds to when a start is seen
    long[] durations = new long[60];
    for (int i = 0; i < durations.length; i++) {
      durations[i] = 200 + (i * 37 % 61) - 30;
    }
    TaskDurations ordinaryMemory = new TaskDurations();
    TaskDurations promptMemory = new TaskDurations();
    long ordinaryLate = 0;
    long promptLate = 0;
    int promptRequests = 0;
    for (long d : durations) {
      ordinaryLate += modelWait(ordinaryMemory, d, 2, false).lateMs();
      Wait w = modelWait(promptMemory, d, 2, true);
      promptLate += w.lateMs();
      promptRequests += w.requests();
    }
    assertThat(promptLate).isLessThan(ordinaryLate / 2);
    assertThat(promptLate / durations.length).isLessThanOrEqualTo(TaskPollSchedule.PROMPT_STEP_MS + 2);
    assertThat(promptRequests).isLessThanOrEqualTo(4 * durations.length);
  }
}
