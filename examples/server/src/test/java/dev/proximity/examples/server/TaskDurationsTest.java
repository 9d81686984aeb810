package dev.proximity.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.examples.server.config.ServerConfig;
import dev.proximity.examples.server.store.TaskDurationsSaver;
import dev.proximity.pve.PveClient;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TaskDurationSnapshot;
import dev.proximity.pve.TaskDurationSnapshot.LearnedKind;
import dev.proximity.pve.TlsTrust;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server keeps what the SDK learned about task durations across restarts. */
class TaskDurationsTest {
  @TempDir Path dataDir;

  @Test
  void restartedServer_startsFromTheSavedDurations_andSavesThemAtShutdown() {
    Path file = dataDir.resolve("task-durations-demo.json");
    LearnedKind start = new LearnedKind("pve1", "vzstart", Duration.ofMillis(900), Duration.ofMillis(950),
        Instant.now().minus(Duration.ofHours(1)));
    new TaskDurationSnapshot(List.of(start)).writeTo(file);
    ServerConfig config = ServerConfig.fromSettings(Map.of("demo", "true", "listen.port", "0",
        "data_dir", dataDir.toString()));
    assertThat(Backend.taskDurationsFile(config)).isEqualTo(file);

    try (ProximityServer server = ProximityServer.start(config, Clock.systemUTC(),
        Backend.create(config, Clock.systemUTC(), DemoServerExtension.TEST_TIME_SCALE))) {
      assertThat(server.backend().proximity().pve().taskDurations().kinds()).containsExactly(start);
      new TaskDurationSnapshot(List.of()).writeTo(file);  // so the save at shutdown shows
    }

    assertThat(TaskDurationSnapshot.readFrom(file).kinds()).containsExactly(start);
  }

  @Test
  void saver_writesWhatWasLearned_atMostEveryPeriodOnTheClock() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    Path file = dataDir.resolve("task-durations.json");
    try (PveSimulator sim = PveSimulator.builder().node("pve1", 8, 16L << 30).token("root@pam!t", "secret-1", false)
            .timeScale(0.0005).start();
        PveClient pve = PveClient.builder().endpoint(sim.baseUri())
            .credentials(PveCredentials.apiToken("root@pam!t", "secret-1"))
            .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint())).build();
        TaskDurationsSaver saver = new TaskDurationsSaver(pve, file, clock, Duration.ofMinutes(10))) {
      assertThat(saver.tick()).as("nothing learned yet").isFalse();

      pve.node("pve1").createLxc(b -> b.vmid(100).ostemplate("local:vztmpl/" + PveSimulatorBuilder.DEFAULT_TEMPLATE)
          .hostname("saver").storage("local-lvm").unprivileged(true)).await(Duration.ofMinutes(1));
      clock.advance(Duration.ofMinutes(9));
      assertThat(saver.tick()).as("learned, but the period has not passed").isFalse();
      assertThat(file).doesNotExist();

      clock.advance(Duration.ofMinutes(1));
      assertThat(saver.tick()).isTrue();
      assertThat(TaskDurationSnapshot.readFrom(file)).isEqualTo(pve.taskDurations());
      assertThat(pve.taskDurations().kinds()).extracting(LearnedKind::kind).containsExactly("vzcreate");

      clock.advance(Duration.ofMinutes(30));
      assertThat(saver.tick()).as("nothing new since the last save").isFalse();
    }
  }
}
