package dev.proximity.pve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.pve.TaskDurationSnapshot.LearnedKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskDurationSnapshotTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @TempDir Path dir;

  private static LearnedKind kind(String node, String kind, long afterMs, long byMs, Instant at) {
    return new LearnedKind(node, kind, Duration.ofMillis(afterMs), Duration.ofMillis(byMs), at);
  }

  private static final TaskDurationSnapshot TWO = new TaskDurationSnapshot(List.of(
      kind("pve1", "vzstart", 280, 306, NOW.minus(Duration.ofDays(2))),
      kind("pve2", "vzclone/linked", 1_900, 2_050, NOW)));

  @Test
  void json_roundTrips_andIsVersioned() {
    String json = TWO.toJson();

    assertThat(json).contains("\"format\" : \"proximity-task-durations\"").contains("\"version\" : 1")
        .contains("\"endsAfterMs\" : 280").contains("\"learnedAt\" : \"2026-11-26T12:00:00Z\"");
    assertThat(TaskDurationSnapshot.fromJson(json)).isEqualTo(TWO);
  }

  @Test
  void fromJson_readsUnknownFieldsOfTheSameVersion() {
    String json = "{\"format\":\"proximity-task-durations\",\"version\":1,\"writer\":\"x\",\"kinds\":["
        + "{\"node\":\"pve\",\"kind\":\"vzstart\",\"endsAfterMs\":1,\"endsByMs\":2,"
        + "\"learnedAt\":\"2026-11-28T12:00:00Z\",\"samples\":4}]}";
    assertThat(TaskDurationSnapshot.fromJson(json).kinds()).containsExactly(kind("pve", "vzstart", 1, 2, NOW));
  }

  @Test
  void fromJson_refusesForeignFutureAndInvalidDocuments() {
    assertThatThrownBy(() -> TaskDurationSnapshot.fromJson("{\"apps\": []}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a task durations document");
    assertThatThrownBy(() -> TaskDurationSnapshot.fromJson(
        "{\"format\":\"proximity-task-durations\",\"version\":2,\"kinds\":[]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2 was written by a newer");
    assertThatThrownBy(() -> TaskDurationSnapshot.fromJson("{\"format\":"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not JSON");
    assertThatThrownBy(() -> TaskDurationSnapshot.fromJson("{\"format\":\"proximity-task-durations\",\"version\":1,"
        + "\"kinds\":[{\"node\":\"pve\",\"kind\":\"vzstart\",\"endsAfterMs\":5,\"endsByMs\":2,"
        + "\"learnedAt\":\"2026-11-28T12:00:00Z\"}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kinds[0]")
        .hasMessageContaining("0 <= endsAfter <= endsBy");
  }

  @Test
  void snapshot_isBoundedAndHoldsEachKindOnce() {
    List<LearnedKind> many = new ArrayList<>();
    for (int i = 0; i <= TaskDurationSnapshot.MAX_KINDS; i++) {
      many.add(kind("pve", "type" + i, 0, 10, NOW));
    }
    assertThatThrownBy(() -> new TaskDurationSnapshot(many)).hasMessageContaining("at most 256 kinds, got 257");
    assertThatThrownBy(() -> new TaskDurationSnapshot(List.of(kind("pve", "a", 0, 1, NOW), kind("pve", "a", 0, 2, NOW))))
        .hasMessageContaining("task kind a on pve appears twice");
  }

  @Test
  void toString_summarisesInsteadOfListingEveryKind() {
    List<LearnedKind> many = new ArrayList<>();
    for (int i = 0; i < TaskDurationSnapshot.MAX_KINDS; i++) {
      many.add(kind("pve" + (i % 3), "type" + i, 0, 10, NOW.minus(Duration.ofHours(i))));
    }
    assertThat(new TaskDurationSnapshot(many)).hasToString(
        "TaskDurationSnapshot[256 kinds on 3 nodes, learned 2026-11-17T21:00:00Z to 2026-11-28T12:00:00Z]");
    assertThat(TaskDurationSnapshot.empty()).hasToString("TaskDurationSnapshot[no kinds]");
  }

  @Test
  void file_roundTrips_andAMissingFileIsEmpty() {
    Path file = dir.resolve("a").resolve("b").resolve("durations.json");
    assertThat(TaskDurationSnapshot.readFrom(file)).isEqualTo(TaskDurationSnapshot.empty());

    TWO.writeTo(file);

    assertThat(TaskDurationSnapshot.readFrom(file)).isEqualTo(TWO);
    assertThat(dir.resolve("a").resolve("b")).isDirectoryContaining(p -> p.equals(file))
        .isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void unusableFiles_areIgnoredWithOneWarningEach() throws Exception {
    Path corrupt = Files.writeString(dir.resolve("corrupt.json"), "{\"format\":\"proximity-task-dura");
    Path foreign = Files.writeString(dir.resolve("foreign.json"), "{\"users\":[]}");
    Path future = Files.writeString(dir.resolve("future.json"),
        "{\"format\":\"proximity-task-durations\",\"version\":7,\"kinds\":[]}");
    Path directory = Files.createDirectory(dir.resolve("directory.json"));

    String log = capturingStandardError(() -> {
      for (Path file : List.of(corrupt, foreign, future, directory)) {
        assertThat(TaskDurationSnapshot.readFrom(file)).as(file.toString()).isEqualTo(TaskDurationSnapshot.empty());
      }
    });

    for (Path file : List.of(corrupt, foreign, future, directory)) {
      assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains(file.toString())))
          .as("warnings about " + file + " in:\n" + log).hasSize(1);
    }
    assertThat(log).contains("version 7 was written by a newer Proximity");
  }

  @Test
  void failedWrite_leavesNoPartialFileAndNoTemporaryFile() throws Exception {
    Path file = dir.resolve("durations.json");
    TWO.writeTo(file);
    String before = Files.readString(file);
    // The target cannot be replaced: a non-empty directory stands where the move goes.
    Path blocked = Files.createDirectories(dir.resolve("blocked.json"));
    Files.writeString(blocked.resolve("keep"), "x");

    assertThatThrownBy(() -> TaskDurationSnapshot.empty().writeTo(blocked))
        .isInstanceOfSatisfying(TaskDurationsFileException.class, e -> {
          assertThat(e.file()).isEqualTo(blocked);
          assertThat(e.getMessage()).contains("cannot save the learned task durations to " + blocked)
              .contains("writable");
        });
    assertThatThrownBy(() -> TWO.writeTo(file.resolve("under-a-file.json")))
        .isInstanceOf(TaskDurationsFileException.class);

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("durations.json", "blocked.json");
    }
    assertThat(Files.readString(file)).isEqualTo(before);
    assertThat(blocked.resolve("keep")).hasContent("x");
  }

  @Test
  void builder_dropsKindsNotConfirmedForThirtyDays_byTheClientsClock() {
    TaskDurationSnapshot mixed = new TaskDurationSnapshot(List.of(
        kind("pve", "old", 0, 10, NOW.minus(Duration.ofDays(30)).minusSeconds(1)),
        kind("pve", "edge", 0, 10, NOW.minus(Duration.ofDays(30))),
        kind("pve", "recent", 0, 10, NOW.minus(Duration.ofDays(1)))));

    try (PveClient pve = PveClient.builder().endpoint(URI.create("https://127.0.0.1:9"))
        .credentials(PveCredentials.apiToken("root@pam!t", "s")).clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .taskDurations(mixed).build()) {
      assertThat(pve.taskDurations().kinds()).extracting(LearnedKind::kind).containsExactly("edge", "recent");
    }
    assertThat(mixed.learnedSince(NOW)).isEqualTo(TaskDurationSnapshot.empty());
  }

  private static String capturingStandardError(Runnable action) {
    PrintStream real = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(real);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
