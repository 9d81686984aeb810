package dev.proximity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.pve.TaskDurationSnapshot;
import dev.proximity.pve.TaskDurationSnapshot.LearnedKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each run of the CLI is a new SDK client: what its task waits learned is kept in the state
 * directory, so the next run starts from it.
 */
class TaskDurationsFileTest {
  @TempDir Path home;
  CliRunner cli;
  Path file;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(home).env("PROXIMITY_DEMO_STATE", home.resolve("demo.json").toString());
    file = home.resolve(".local/state/proximity/task-durations/demo.json");
  }

  private CliRunner.Result ok(String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
    return r;
  }

  private static List<List<String>> kinds(TaskDurationSnapshot snapshot) {
    List<List<String>> out = new ArrayList<>();
    snapshot.kinds().forEach(k -> out.add(List.of(k.node(), k.kind())));
    return out;
  }

  @Test
  void secondRun_startsFromWhatTheFirstLearned_andSavesBoth() throws Exception {
    ok("--demo", "deploy", "hello", "--name", "web");
    TaskDurationSnapshot first = TaskDurationSnapshot.readFrom(file);
    assertThat(kinds(first)).as("learned by the deploy").isNotEmpty()
        .anySatisfy(k -> assertThat(k.get(1)).isEqualTo("vzstart"));
    // A kind only the file knows: it survives the next run only if that run read the file.
    LearnedKind elsewhere = new LearnedKind("pve9", "vzdump", Duration.ofSeconds(40), Duration.ofSeconds(42),
        Instant.now().minus(Duration.ofDays(1)));
    List<LearnedKind> seeded = new ArrayList<>(first.kinds());
    seeded.add(0, elsewhere);
    new TaskDurationSnapshot(seeded).writeTo(file);

    ok("--demo", "stop", "web");

    TaskDurationSnapshot second = TaskDurationSnapshot.readFrom(file);
    assertThat(second.kinds()).contains(elsewhere);
    assertThat(kinds(second)).containsAll(kinds(first));
  }

  @Test
  void noTaskDurations_neitherReadsNorWritesTheFile() throws Exception {
    ok("--demo", "--no-task-durations", "deploy", "hello", "--name", "web");
    assertThat(file).doesNotExist();

    Files.createDirectories(file.getParent());
    Files.writeString(file, "kept as it is");
    ok("--demo", "stop", "web", "--no-task-durations");
    assertThat(file).hasContent("kept as it is");
  }

  @Test
  void corruptFile_doesNotFailTheRun_andIsReplaced() throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"format\": \"proximity-task-durations\", \"version\": 1, \"kinds\": [");

    PrintStream real = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      ok("--demo", "deploy", "hello", "--name", "web");
    } finally {
      System.setErr(real);
    }

    assertThat(log.toString(StandardCharsets.UTF_8)).contains("[WARN]")
        .contains("task durations file " + file + " is ignored");
    assertThat(TaskDurationSnapshot.readFrom(file).kinds()).isNotEmpty();
  }

  @Test
  void clusters_keepTheirDurationsApart() {
    ProximityCommand root = new ProximityCommand(new CliEnvironment(System.out, System.err, java.util.Map.of(),
        false, home));
    Path dir = home.resolve(".local/state/proximity/task-durations");

    assertThat(root.taskDurationsFile(URI.create("https://10.0.0.2:8006"))).contains(dir.resolve("10.0.0.2_8006.json"));
    assertThat(root.taskDurationsFile(URI.create("https://[fd00::2]:8006"))).contains(dir.resolve("_fd00__2__8006.json"));
    assertThat(root.taskDurationsFile(null)).contains(dir.resolve("demo.json"));
  }
}
