package dev.proximity.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.pve.TaskDurationSnapshot;
import dev.proximity.pve.TaskDurationSnapshot.LearnedKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class TaskDurationsTest {
  @Test
  void unknownKind_hasNoExpectation() {
    TaskDurations memory = new TaskDurations();
    memory.record("pve1", "vzstart", 0, 300);
    assertThat(memory.expect("pve1", "vzcreate")).isNull();
    assertThat(memory.expect("pve2", "vzstart")).isNull();
  }

  @Test
  void looseInterval_probesHalfway_andNarrowsUntilTheEndIsCloseEnough() {
    TaskDurations memory = new TaskDurations();
    memory.record("pve", "vzstart", -1, 306);
    assertThat(memory.expect("pve", "vzstart")).isEqualTo(new TaskDurations.Expectation(0, 153, 306));
    memory.record("pve", "vzstart", 153, 310);
    assertThat(memory.expect("pve", "vzstart")).isEqualTo(new TaskDurations.Expectation(153, 229, 306));
    memory.record("pve", "vzstart", 229, 307);
    assertThat(memory.expect("pve", "vzstart")).isEqualTo(new TaskDurations.Expectation(229, 267, 306));
    memory.record("pve", "vzstart", 267, 309);
    assertThat(memory.expect("pve", "vzstart")).isEqualTo(new TaskDurations.Expectation(267, 306, 306));
    // A wait that only saw the end (first poll) keeps what earlier waits narrowed.
    memory.record("pve", "vzstart", -1, 308);
    assertThat(memory.expect("pve", "vzstart")).isEqualTo(new TaskDurations.Expectation(267, 306, 306));
  }

  @Test
  void taskOutlivingTheKnownEnd_startsOverFromWhatItShowed() {
    TaskDurations memory = new TaskDurations();
    memory.record("pve", "vzstart", 250, 306);
    memory.record("pve", "vzstart", 306, 1_500);
    assertThat(memory.expect("pve", "vzstart")).isEqualTo(new TaskDurations.Expectation(306, 903, 1_500));
  }

  @Test
  void inconsistentObservation_isIgnored() {
    TaskDurations memory = new TaskDurations();
    memory.record("pve", "vzstart", 500, 400);
    memory.record("pve", "vzstart", 0, -3);
    assertThat(memory.expect("pve", "vzstart")).isNull();
  }

  @Test
  void expectation_probeMustLieBeforeTheEnd() {
    assertThatThrownBy(() -> new TaskDurations.Expectation(0, 400, 300))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probe 400 ms");
  }

  @Test
  void expectation_earlyEdgeMustNotComeAfterTheProbe() {
    assertThatThrownBy(() -> new TaskDurations.Expectation(250, 200, 300))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("early edge 250 ms");
  }

  @Test
  void densePollsOfAPromptWait_narrowTheIntervalToTheirStep_andKeepItsEarlyEdge() {
    TaskDurations memory = new TaskDurations();
    // a first wait saw the task running at 125 ms and stopped at the answer of 240 ms
    memory.record("pve", "vzclone/linked", 125, 240);
    assertThat(memory.expect("pve", "vzclone/linked")).isEqualTo(new TaskDurations.Expectation(125, 182, 240));
    // a prompt wait stepping through that interval saw it running at 201 and stopped at 218
    memory.record("pve", "vzclone/linked", 201, 218);
    assertThat(memory.expect("pve", "vzclone/linked")).isEqualTo(new TaskDurations.Expectation(201, 218, 218));
    // a slower task outside what was known replaces it; one seen ended at the first poll keeps the edges
    memory.record("pve", "vzclone/linked", 218, 236);
    assertThat(memory.expect("pve", "vzclone/linked")).isEqualTo(new TaskDurations.Expectation(218, 236, 236));
    memory.record("pve", "vzclone/linked", -1, 240);
    assertThat(memory.expect("pve", "vzclone/linked")).isEqualTo(new TaskDurations.Expectation(218, 236, 236));
  }

  @Test
  void taskEndedByTheEarlyEdge_movesTheEarlyEdgeBackByTheWidth_andTheLateEdgeDownToTheAnswer() {
    TaskDurations memory = new TaskDurations();
    memory.record("pve", "vzclone/linked", 180, 240);
    memory.recordEndedByEarlyEdge("pve", "vzclone/linked", 190);
    assertThat(memory.expect("pve", "vzclone/linked")).isEqualTo(new TaskDurations.Expectation(120, 155, 190));
    // a narrow interval moves back by at least two prompt steps
    memory.record("pve", "vzclone/linked", 185, 190);
    memory.recordEndedByEarlyEdge("pve", "vzclone/linked", 200);
    assertThat(memory.expect("pve", "vzclone/linked"))
        .isEqualTo(new TaskDurations.Expectation(185 - TaskDurations.MIN_WIDENING_MS, 190, 190));
    // an unknown kind learns that it ended before the answer, as from any wait
    memory.recordEndedByEarlyEdge("pve", "vzstart", 300);
    assertThat(memory.expect("pve", "vzstart")).isEqualTo(new TaskDurations.Expectation(0, 150, 300));
  }

  @Test
  void memoryIsBounded_leastRecentlyUsedKindsGoFirst() {
    TaskDurations memory = new TaskDurations();
    for (int i = 0; i < TaskDurations.MAX_KINDS; i++) {
      memory.record("pve", "type" + i, 0, 1_000);
    }
    assertThat(memory.expect("pve", "type0")).isNotNull();  // now the most recently used
    memory.record("pve", "one-more", 0, 1_000);
    assertThat(memory.expect("pve", "type0")).isNotNull();
    assertThat(memory.expect("pve", "type1")).isNull();
    assertThat(memory.expect("pve", "one-more")).isNotNull();
  }

  @Test
  void concurrentRecordsAndReads_keepEveryKindConsistent() {
    TaskDurations memory = new TaskDurations();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        all.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < 5_000; i++) {
            String type = "type" + (i % 300);
            memory.record("pve", type, 100, 400);
            TaskDurations.Expectation e = memory.expect("pve", type);
            assertThat(e == null || e.endMs() == 400).isTrue();
          }
        }, pool));
      }
      all.forEach(CompletableFuture::join);
    } finally {
      pool.shutdownNow();
    }
    int remembered = 0;
    for (int i = 0; i < 300; i++) {
      TaskDurations.Expectation e = memory.expect("pve", "type" + i);
      if (e != null) {
        assertThat(e).isEqualTo(new TaskDurations.Expectation(100, 250, 400));
        remembered++;
      }
    }
    assertThat(remembered).isEqualTo(TaskDurations.MAX_KINDS);
  }

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  @Test
  void snapshot_carriesEachKindWithItsIntervalAndWhenAWaitLastTaughtIt() {
    TaskDurations memory = new TaskDurations(Clock.fixed(T0, ZoneOffset.UTC));
    memory.record("pve1", "vzstart", 250, 306);
    memory.record("pve2", "vzclone/full", -1, 6_100);

    assertThat(memory.snapshot().kinds()).containsExactly(
        new LearnedKind("pve1", "vzstart", Duration.ofMillis(250), Duration.ofMillis(306), T0),
        new LearnedKind("pve2", "vzclone/full", Duration.ZERO, Duration.ofMillis(6_100), T0));
  }

  @Test
  void restoredKinds_narrowAndStartOverExactlyLikeKindsLearnedLive() {
    long[][] waits = {{-1, 1_500}, {700, 1_100}, {900, 1_040}, {-1, 1_030}, {1_030, 2_400}, {1_800, 2_100}};
    for (int split = 0; split <= waits.length; split++) {
      TaskDurations live = new TaskDurations();
      TaskDurations first = new TaskDurations();
      for (int i = 0; i < waits.length; i++) {
        live.record("pve", "vzstart", waits[i][0], waits[i][1]);
        if (i < split) {
          first.record("pve", "vzstart", waits[i][0], waits[i][1]);
        }
      }
      // A second memory takes over what the first learned after `split` waits and sees the rest.
      TaskDurations next = new TaskDurations();
      next.restore(first.snapshot());
      for (int i = split; i < waits.length; i++) {
        next.record("pve", "vzstart", waits[i][0], waits[i][1]);
      }
      assertThat(next.expect("pve", "vzstart")).as("restored after %d waits", split)
          .isEqualTo(live.expect("pve", "vzstart"));
      assertThat(intervals(next)).as("restored after %d waits", split).isEqualTo(intervals(live));
    }
  }

  private static List<List<Duration>> intervals(TaskDurations memory) {
    return memory.snapshot().kinds().stream().map(k -> List.of(k.endsAfter(), k.endsBy())).toList();
  }

  @Test
  void restore_keepsWhenEachKindWasLearned_soItStillAgesOut() {
    TaskDurations memory = new TaskDurations(Clock.fixed(T0.plus(Duration.ofDays(3)), ZoneOffset.UTC));
    memory.restore(new TaskDurationSnapshot(List.of(
        new LearnedKind("pve", "vzstart", Duration.ofMillis(250), Duration.ofMillis(306), T0))));

    assertThat(memory.expect("pve", "vzstart")).isEqualTo(new TaskDurations.Expectation(250, 306, 306));
    assertThat(memory.snapshot().kinds()).singleElement()
        .extracting(LearnedKind::learnedAt).isEqualTo(T0);
    memory.record("pve", "vzstart", 280, 320);
    assertThat(memory.snapshot().kinds()).containsExactly(new LearnedKind("pve", "vzstart",
        Duration.ofMillis(280), Duration.ofMillis(306), T0.plus(Duration.ofDays(3))));
  }

  @Test
  void snapshot_listsLeastRecentlyUsedFirst_soARestoredMemoryDropsTheSameKinds() {
    TaskDurations memory = new TaskDurations();
    for (int i = 0; i < TaskDurations.MAX_KINDS; i++) {
      memory.record("pve", "type" + i, 0, 1_000);
    }
    memory.expect("pve", "type0");
    TaskDurations next = new TaskDurations();
    next.restore(memory.snapshot());
    next.record("pve", "one-more", 0, 1_000);

    assertThat(next.expect("pve", "type0")).isNotNull();
    assertThat(next.expect("pve", "type1")).isNull();
    assertThat(next.snapshot().kinds()).hasSize(TaskDurations.MAX_KINDS);
  }
}
