package dev.proximity.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proximity.pve.TaskEndWatch;
import dev.proximity.pve.model.Upid;
import dev.proximity.spi.HostShell;
import dev.proximity.ssh.SshCommandException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host sessions and the task watch script over a real OpenSSH server on loopback: the "host" is
 * this machine, so the script watches real processes that the test starts and ends.
 */
class HostSessionIT {
  private static final Path KEYS = SshHostShellsTest.KEYS.toAbsolutePath();
  /** Generous: only a bound for a broken build, never a measurement. */
  private static final long WAIT_S = 60;

  @TempDir
  static Path dir;
  private static OpenSshServer server;
  private static Path knownHosts;

  @BeforeAll
  static void startSshd() throws Exception {
    String reason = OpenSshServer.unavailableReason();
    assumeTrue(reason == null, () -> "skipped: " + reason);
    server = OpenSshServer.start(dir,
        List.of(Files.readString(KEYS.resolve("id_ed25519.pub")).trim()));
    knownHosts = dir.resolve("known_hosts");
    Files.write(knownHosts, List.of(server.knownHostsLine()));
  }

  @AfterAll
  static void stopSshd() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static SshHostShells.Builder builder() {
    return SshHostShells.builder().node("pve", "127.0.0.1", server.port)
        .auth(SshAuth.privateKey(KEYS.resolve("id_ed25519")))
        .hostKeys(HostKeyVerification.knownHosts(knownHosts));
  }

  @Test
  void session_roundTripsLines_andEndsOnClose() throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    try (SshHostShells shells = builder().build()) {
      HostShell.LineSession session = shells.forNode("pve").session(List.of("cat"), lines::add);
      session.send("hello");
      session.send("two words, 'quoted' $(not run)");
      assertThat(lines.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo("hello");
      assertThat(lines.poll(WAIT_S, TimeUnit.SECONDS))
          .isEqualTo("two words, 'quoted' $(not run)");
      assertThat(session.exited()).isNotDone();
      assertThatThrownBy(() -> session.send("a\nb")).isInstanceOf(IllegalArgumentException.class);

      session.close();

      session.exited().get(WAIT_S, TimeUnit.SECONDS);
      assertThatThrownBy(() -> session.send("late"))
          .isInstanceOfSatisfying(SshCommandException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.CONNECTION_LOST));
    }
  }

  @Test
  void session_commandThatExitsOnItsOwn_reportsItsExitCode() throws Exception {
    try (SshHostShells shells = builder().build()) {
      HostShell.LineSession session = shells.forNode("pve")
          .session(List.of("sh", "-c", "read line; exit 7"), line -> { });
      session.send("go");
      assertThat(session.exited().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(OptionalInt.of(7));
    }
  }

  @Test
  void session_connectionDrop_endsItExceptionally() throws Exception {
    try (SshHostShells shells = builder().build()) {
      HostShell.LineSession session = shells.forNode("pve").session(List.of("cat"), line -> { });

      shells.disconnect("pve");

      assertThatThrownBy(() -> session.exited().get(WAIT_S, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(SshCommandException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.CONNECTION_LOST));
    }
  }

  @Test
  void session_neverTakesTheLastChannel_andReleasesItsChannelOnClose() throws Exception {
    try (SshHostShells shells = builder().maxConcurrentChannels(2).maxConnectionsPerNode(1)
        .build()) {
      HostShell shell = shells.forNode("pve");
      HostShell.LineSession first = shell.session(List.of("cat"), line -> { });

      assertThatThrownBy(() -> shell.session(List.of("cat"), line -> { }))
          .isInstanceOfSatisfying(SshCommandException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
          .hasMessageContaining("node pve");
      assertThat(shell.run(List.of("true"), Duration.ofSeconds(WAIT_S)).ok())
          .as("commands keep the other channel").isTrue();

      first.close();
      first.exited().get(WAIT_S, TimeUnit.SECONDS);
      HostShell.LineSession second = shell.session(List.of("cat"), line -> { });
      second.close();
    }
  }

  @Test
  void taskWatch_reportsExactlyTheProcessesThatNoLongerRunWithTheirStartTime() throws Exception {
    Process gone = new ProcessBuilder("sleep", "600").start();
    long gonePstart = pstart(gone.pid());
    gone.destroy();
    gone.waitFor();
    Process live = new ProcessBuilder("sleep", "600").start();
    try (SshHostShells shells = builder().build()) {
      TaskEndWatch watch = TaskEndWatch.overHostShells(shells);
      long pstart = pstart(live.pid());
      CompletableFuture<Void> liveEnd = watch.watch(upid(live.pid(), pstart)).orElseThrow();
      CompletableFuture<Void> goneEnd = watch.watch(upid(gone.pid(), gonePstart)).orElseThrow();

      goneEnd.get(WAIT_S, TimeUnit.SECONDS);
      assertThat(liveEnd).as("still running with its start time").isNotDone();

      // Another process (pid reuse) now runs under the watched pid: reported at once.
      watch.watch(upid(live.pid(), pstart + 1)).orElseThrow().get(WAIT_S, TimeUnit.SECONDS);
      assertThat(liveEnd).isNotDone();

      live.destroy();
      live.waitFor();
      liveEnd.get(WAIT_S, TimeUnit.SECONDS);
    } finally {
      live.destroyForcibly();
    }
  }

  /** Field 22 of /proc/PID/stat, read as the script does: after the last ") ". */
  private static long pstart(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] rest = stat.substring(stat.lastIndexOf(") ") + 2).trim().split(" ");
    return Long.parseLong(rest[19]);
  }

  private static Upid upid(long pid, long pstart) {
    return Upid.parse(String.format("UPID:pve:%08X:%08X:6745A1B2:vzcreate:101:root@pam:",
        pid, pstart));
  }
}
