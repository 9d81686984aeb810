package dev.proximity.pve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.Proximity;
import dev.proximity.pve.TaskDurationSnapshot.LearnedKind;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one SDK instance learned about task durations, saved to a file at close and read by the next
 * instance, makes that instance's first task of the kind polled at the expected end. The simulator
 * runs {@code vzstart} for 1 s of real time; the tests count status requests, never time.
 */
class TaskDurationsCarryOverTest {
  static final String TOKEN = "root@pam!carry";
  static final String SECRET = "carry-secret-0000";
  static final int CT = 100;

  @TempDir Path dir;
  PveSimulator sim;

  @BeforeEach
  void start() {
    sim = PveSimulator.builder().node("pve1", 8, 16L << 30).token(TOKEN, SECRET, false).timeScale(1.0)
        .taskDuration("vzstart", Duration.ofSeconds(1)).taskDuration("vzcreate", Duration.ZERO)
        .taskDuration("vzstop", Duration.ZERO).start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private Proximity connect(Path file) {
    return Proximity.builder().endpoint(sim.baseUri()).credentials(PveCredentials.apiToken(TOKEN, SECRET))
        .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint())).taskDurations(file).build();
  }

  /** Starts the container, waits for the start, stops it again; returns the start's status requests. */
  private long startAndStop(PveClient pve) {
    Task start = pve.node("pve1").lxc(CT).start();
    start.await(Duration.ofMinutes(1));
    pve.node("pve1").lxc(CT).stop().await(Duration.ofMinutes(1));
    String statusPath = "/tasks/" + start.upid().text() + "/status";
    return sim.requests().stream()
        .filter(r -> URLDecoder.decode(r.path(), StandardCharsets.UTF_8).endsWith(statusPath)).count();
  }

  @Test
  void firstTaskOfAKind_afterAPreviousInstanceSavedItsDurations_isPolledAtTheExpectedEnd() {
    Path file = dir.resolve("state").resolve("task-durations.json");
    long unknownKind;
    try (Proximity first = connect(file)) {
      first.pve().node("pve1").createLxc(b -> b.vmid(CT).ostemplate("local:vztmpl/" + PveSimulatorBuilder.DEFAULT_TEMPLATE)
          .hostname("carry").storage("local-lvm").unprivileged(true)).await(Duration.ofMinutes(1));
      // Unknown: polled at 0, 0.1, 0.3, 0.7 s while it runs, and seen stopped at 1.5 s.
      unknownKind = startAndStop(first.pve());
      assertThat(Files.exists(file)).as("nothing is written before close").isFalse();
    }
    TaskDurationSnapshot saved = TaskDurationSnapshot.readFrom(file);
    assertThat(saved.kinds()).extracting(LearnedKind::node, LearnedKind::kind)
        .contains(org.assertj.core.groups.Tuple.tuple("pve1", "vzstart"));

    try (Proximity next = connect(file)) {
      assertThat(next.pve().taskDurations()).isEqualTo(saved);
      long carriedOver = startAndStop(next.pve());

      // Known to end by 1.5 s: one probe halfway into the uncertainty, then the end at the latest.
      assertThat(carriedOver).as("status requests of the new instance's first vzstart").isLessThanOrEqualTo(2);
      assertThat(unknownKind).as("status requests of the first instance's first vzstart").isGreaterThan(carriedOver);
      LearnedKind before = kind(saved);
      LearnedKind after = kind(next.pve().taskDurations());
      assertThat(after.endsBy()).as("the new wait narrows what it was given").isLessThanOrEqualTo(before.endsBy());
    }
    assertThat(kind(TaskDurationSnapshot.readFrom(file)).learnedAt()).isAfterOrEqualTo(kind(saved).learnedAt());
  }

  @Test
  void unusableFile_neverFailsTheConnect_andIsReplacedAtClose() throws Exception {
    Path file = dir.resolve("task-durations.json");
    Files.writeString(file, "{\"not\": \"ours\"");
    try (Proximity px = connect(file)) {
      assertThat(px.pve().taskDurations().kinds()).isEmpty();
      assertThat(px.pve().version()).isNotNull();
    }
    assertThat(TaskDurationSnapshot.fromJson(Files.readString(file))).isEqualTo(TaskDurationSnapshot.empty());
  }

  private static LearnedKind kind(TaskDurationSnapshot snapshot) {
    return snapshot.kinds().stream().filter(k -> k.kind().equals("vzstart")).findFirst().orElseThrow();
  }
}
