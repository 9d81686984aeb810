package dev.proximity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.Proximity;
import dev.proximity.internal.tasks.HostTaskWatch;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.Task;
import dev.proximity.pve.TlsTrust;
import dev.proximity.pve.model.TaskStatus;
import dev.proximity.spi.HostShell;
import dev.proximity.spi.HostShellFactory;
import dev.proximity.support.FakeLineSession;
import dev.proximity.support.UnusedHostShell;
import dev.proximity.support.TinyCatalog;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.StorageSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The facade hands its client a task watch over its host shells and ends it on close. */
class ProximityTaskWatchTest {

  @Test
  void theClientsTaskWaitsWatchOverTheFacadesShells_andCloseEndsTheWatch() throws Exception {
    WatchShells shells = new WatchShells();
    try (PveSimulator sim = PveSimulator.builder()
        .node("pve1", 8, 16L << 30)
        .storage(StorageSpec.builder("local").type("dir").content("vztmpl").build())
        .taskDuration("download", Duration.ofHours(1))
        .start()) {
      Proximity px = Proximity.builder()
          .endpoint(sim.baseUri())
          .credentials(PveCredentials.password("root@pam", "proximity"))
          .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint()))
          .hostShell(shells)
          .catalog(new TinyCatalog())
          .build();
      try {
        String template = px.pve().node("pve1").aplinfo().get(0).template();
        Task download = px.pve().node("pve1").downloadTemplate("local", template);
        CompletableFuture<TaskStatus> wait = download.awaitAsync(Duration.ofHours(2));

        FakeLineSession session = shells.opened.poll(60, TimeUnit.SECONDS);
        assertThat(session).as("a watch session was opened on the task's node").isNotNull();
        assertThat(session.node).isEqualTo("pve1");
        assertThat(session.argv).isEqualTo(HostTaskWatch.argv());
        assertThat(session.nextSent())
            .isEqualTo(download.upid().pid() + " " + download.upid().pstart());
        assertThat(wait).isNotDone();

        px.close();

        assertThat(session.closed).as("close() ends the watch's session").isTrue();
      } finally {
        px.close();
      }
    }
  }

  /** Host shells that only hold watch sessions, which report nothing. */
  private static final class WatchShells implements HostShellFactory {
    final BlockingQueue<FakeLineSession> opened = new LinkedBlockingQueue<>();

    @Override
    public HostShell forNode(String node) {
      return new UnusedHostShell() {
        @Override
        public LineSession session(List<String> argv, Consumer<String> lines) {
          FakeLineSession session = new FakeLineSession(node, argv, lines);
          opened.add(session);
          return session;
        }
      };
    }

    @Override
    public void close() {}
  }
}
