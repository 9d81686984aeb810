package dev.proximity.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.spi.CommandResult;
import dev.proximity.spi.HostShell;
import dev.proximity.ssh.SshCommandException.Reason;
import dev.proximity.testkit.GuestFs;
import dev.proximity.testkit.ssh.InMemoryGuests;
import dev.proximity.testkit.ssh.RecordedCommand;
import dev.proximity.testkit.ssh.SimFault;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshHostShellsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final Path KEYS = Path.of("src/test/resources/keys");

  private InMemoryGuests guests;
  private SshHostSimulator sim;
  private SshHostShells shells;
  private HostShell shell;

  @BeforeEach
  void start() throws Exception {
    guests = new InMemoryGuests();
    guests.add("pve", 101).start();
    guests.add("pve", 102);
    sim = SshHostSimulator.builder().directory(guests).node("pve")
        .authorizedKey(Files.readString(KEYS.resolve("id_ecdsa.pub")))
        .password("s3cret").start();
    shells = shellsBuilder().build();
    shell = shells.forNode("pve");
  }

  private SshHostShells.Builder shellsBuilder() {
    return SshHostShells.builder()
        .node("pve", sim.host(), sim.portFor("pve"))
        .auth(SshAuth.privateKey(KEYS.resolve("id_ecdsa")))
        .hostKeys(HostKeyVerification.pinnedSha256(sim.hostKeyFingerprint()));
  }

  @AfterEach
  void stop() {
    shells.close();
    sim.close();
  }

  @Test
  void exec_hostileArgv_arrivesIntact() {
    List<String> argv = List.of("echo", "it's", "$(id)", "`uname`", "a\nb", "; rm -rf /", "",
        "日本 🚀", "\\", "\"q\"", "*", "~root", "#no comment", "A=b");
    CommandResult result = shell.exec(101, argv, TIMEOUT);

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo(String.join(" ", argv.subList(1, argv.size())) + "\n");
    RecordedCommand recorded = sim.commands().get(0);
    assertThat(recorded.argv()).startsWith("pct", "exec", "101", "--");
    assertThat(recorded.containerArgv()).isEqualTo(argv);
    assertThat(result.argv()).isEqualTo(recorded.argv());
  }

  @Test
  void run_onHost_usesNoPct() {
    CommandResult result = shell.run(List.of("pveversion"), TIMEOUT);
    assertThat(result.ok()).isTrue();
    assertThat(result.stdout()).startsWith("pve-manager/8.");
    assertThat(sim.commands().get(0).argv()).containsExactly("pveversion");
  }

  @Test
  void exec_stoppedContainer_failsLikeProxmox() {
    CommandResult result = shell.exec(102, List.of("true"), TIMEOUT);
    assertThat(result.exitCode()).isEqualTo(255);
    assertThat(result.stderr()).isEqualTo("CT 102 not running\n");
  }

  @Test
  void exec_missingContainer_failsLikeProxmox() {
    CommandResult result = shell.exec(109, List.of("true"), TIMEOUT);
    assertThat(result.exitCode()).isEqualTo(255);
    assertThat(result.stderr())
        .isEqualTo("Configuration file 'nodes/pve/lxc/109.conf' does not exist\n");
  }

  @Test
  void exec_nulInArgv_isRefusedBeforeConnecting() {
    assertThatThrownBy(() -> shell.exec(101, List.of("echo", "a\0b"), TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(sim.connectionsAccepted()).isZero();
  }

  @Test
  void push_bytes_landInContainerWithModeAndTempFileIsGone() {
    byte[] content = "services: {}\n".getBytes(StandardCharsets.UTF_8);
    shell.push(101, content, "/opt/proximity/app/compose.yaml", 0600);

    GuestFs.GuestFile file = guests.guest("pve", 101).orElseThrow().fs()
        .read("/opt/proximity/app/compose.yaml").orElseThrow();
    assertThat(file.content()).isEqualTo(content);
    assertThat(file.mode()).isEqualTo(0600);
    assertThat(sim.pushes()).singleElement().satisfies(push -> {
      assertThat(push.sourceMode()).isEqualTo(0600);
      assertThat(push.source()).matches("/tmp/\\.proximity-push-[0-9a-f]{32}");
      assertThat(push.mode()).isEqualTo(0600);
    });
    assertThat(sim.hostFiles("pve")).isEmpty();
    List<String> pushArgv = sim.commands().stream().map(RecordedCommand::argv)
        .filter(a -> a.get(0).equals("pct")).findFirst().orElseThrow();
    assertThat(pushArgv).containsExactly("pct", "push", "101", sim.pushes().get(0).source(),
        "/opt/proximity/app/compose.yaml", "--perms", "0600");
  }

  @Test
  void push_localFile_isStreamed(@TempDir Path dir) throws Exception {
    Path local = dir.resolve("install-docker.sh");
    byte[] content = new byte[300_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Files.write(local, content);
    shell.push(101, local, "/opt/proximity/install-docker.sh", 0700);

    GuestFs.GuestFile file = guests.guest("pve", 101).orElseThrow().fs()
        .read("/opt/proximity/install-docker.sh").orElseThrow();
    assertThat(file.content()).isEqualTo(content);
    assertThat(file.mode()).isEqualTo(0700);
    assertThat(sim.hostFiles("pve")).isEmpty();
  }

  @Test
  void push_toStoppedContainer_throwsAndRemovesTempFile() {
    assertThatThrownBy(() -> shell.push(102, new byte[] {1}, "/x", 0644))
        .isInstanceOfSatisfying(SshCommandException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.EXIT_STATUS);
          assertThat(e.exitCode()).hasValue(255);
          assertThat(e.stderrTail()).contains("CT 102 not running");
        });
    assertThat(sim.hostFiles("pve")).isEmpty();
    assertThat(sim.commands().get(sim.commands().size() - 1).argv())
        .startsWith("rm", "-f", "--");
  }

  @Test
  void exec_hangingCommand_timesOutAndConnectionStaysUsable() {
    sim.addFault(SimFault.hang(SimFault.argvContains("hang")).times(1));
    assertThatThrownBy(() -> shell.exec(101, List.of("echo", "hang"), Duration.ofMillis(300)))
        .isInstanceOfSatisfying(SshCommandException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
    assertThat(shell.exec(101, List.of("echo", "next"), TIMEOUT).stdout()).isEqualTo("next\n");
    assertThat(sim.connectionsAccepted()).isEqualTo(1);
  }

  @Test
  void exec_faultExit_isReturnedAsResult() {
    sim.addFault(SimFault.exit(SimFault.argvContains("pull"), 18, "toomanyrequests"));
    CommandResult result = shell.exec(101, List.of("docker", "compose", "pull"), TIMEOUT);
    assertThat(result.exitCode()).isEqualTo(18);
    assertThat(result.stderr()).isEqualTo("toomanyrequests\n");
  }

  @Test
  void exec_largeOutput_isTruncatedAndReported() {
    shells.close();
    shells = shellsBuilder().maxOutputBytes(1000).build();
    byte[] big = "0123456789".repeat(10_000).getBytes(StandardCharsets.UTF_8);
    guests.guest("pve", 101).orElseThrow().fs().write("/big.txt", big, 0644);

    CommandResult result = shells.forNode("pve").exec(101, List.of("cat", "/big.txt"), TIMEOUT);

    assertThat(result.ok()).isTrue();
    assertThat(result.truncated()).isTrue();
    assertThat(result.stdout()).hasSize(1000).startsWith("0123456789");
    assertThat(result.outputBytes()).isEqualTo(big.length);
  }

  @Test
  void exec_smallOutput_isNotTruncated() {
    CommandResult result = shell.exec(101, List.of("echo", "hi"), TIMEOUT);
    assertThat(result.truncated()).isFalse();
    assertThat(result.outputBytes()).isEqualTo(3);
  }

  @Test
  void exec_afterDroppedConnection_reconnects() {
    assertThat(shell.exec(101, List.of("echo", "1"), TIMEOUT).ok()).isTrue();
    assertThat(sim.dropConnections()).isEqualTo(1);

    assertThat(shell.exec(101, List.of("echo", "2"), TIMEOUT).stdout()).isEqualTo("2\n");
    assertThat(sim.connectionsAccepted()).isEqualTo(2);
  }

  @Test
  void exec_connectionDroppedMidCommand_reportsLostThenRecovers() {
    sim.addFault(SimFault.dropConnection(SimFault.argvContains("boom")).times(1));
    assertThatThrownBy(() -> shell.exec(101, List.of("echo", "boom"), TIMEOUT))
        .isInstanceOfSatisfying(SshCommandException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CONNECTION_LOST));
    assertThat(shell.exec(101, List.of("echo", "again"), TIMEOUT).stdout()).isEqualTo("again\n");
  }

  @Test
  void exec_fiftyConcurrentCommands_shareOneConnection() throws Exception {
    shells.close();
    shells = shellsBuilder().maxConnectionsPerNode(1).build();
    HostShell single = shells.forNode("pve");
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<CommandResult>> futures = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String word = "n" + i;
        futures.add(pool.submit(() -> {
          go.await();
          return single.exec(101, List.of("echo", word), TIMEOUT);
        }));
      }
      go.countDown();
      for (int i = 0; i < 50; i++) {
        assertThat(futures.get(i).get(60, TimeUnit.SECONDS).stdout()).isEqualTo("n" + i + "\n");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sim.connectionsAccepted()).isEqualTo(1);
    assertThat(sim.commands()).hasSize(50);
  }

  @Test
  void stream_followedLogs_deliverLinesUntilClosed() throws Exception {
    HostShell.LineStream ignored;
    GuestFs fs = guests.guest("pve", 101).orElseThrow().fs();
    fs.write("/opt/proximity/install-docker.sh", new byte[] {'#'}, 0700);
    fs.write("/opt/proximity/app/compose.yaml",
        "services:\n  web:\n    image: nginx:1.27\n".getBytes(StandardCharsets.UTF_8), 0600);
    assertThat(shell.exec(101, List.of("sh", "/opt/proximity/install-docker.sh"), TIMEOUT).ok())
        .isTrue();
    List<String> compose = List.of("docker", "compose", "--project-directory",
        "/opt/proximity/app", "-f", "/opt/proximity/app/compose.yaml");
    List<String> up = new ArrayList<>(compose);
    up.addAll(List.of("up", "-d", "--remove-orphans"));
    assertThat(shell.exec(101, up, TIMEOUT).ok()).isTrue();

    List<String> follow = new ArrayList<>(compose);
    follow.addAll(List.of("logs", "--no-color", "--tail", "10", "--follow"));
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch two = new CountDownLatch(2);
    try (HostShell.LineStream stream = shell.stream(101, follow, TIMEOUT, line -> {
      lines.add(line);
      two.countDown();
    })) {
      ignored = stream;
      assertThat(two.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(stream.await(Duration.ofMillis(50))).isEmpty();
    }
    assertThat(ignored.await(TIMEOUT)).isEqualTo(OptionalInt.empty());
    assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("web-1  | "));
  }

  @Test
  void stream_finiteCommand_reportsExitCode() {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (HostShell.LineStream stream =
        shell.stream(101, List.of("echo", "a"), TIMEOUT, lines::add)) {
      assertThat(stream.await(TIMEOUT)).hasValue(0);
    }
    assertThat(lines).containsExactly("a");
  }

  @Test
  void exec_allChannelsBusy_opensAnotherConnection_upToTheLimit() throws Exception {
    shells.close();
    shells = shellsBuilder().maxConcurrentChannels(2).maxConnectionsPerNode(2).build();
    HostShell bounded = shells.forNode("pve");
    CountDownLatch hanging = new CountDownLatch(4);
    sim.addFault(SimFault.hang(argv -> {
      if (argv.contains("hang")) {
        hanging.countDown();
        return true;
      }
      return false;
    }));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> hung = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        // long timeouts: under load a short one could free a channel before the fifth command asks
        hung.add(pool.submit(() -> bounded.exec(101, List.of("echo", "hang"),
            Duration.ofSeconds(60))));
      }
      // four commands run at once: two channels on each of two connections
      assertThat(hanging.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(sim.connectionsAccepted()).isEqualTo(2);
      assertThatThrownBy(() -> bounded.exec(101, List.of("echo", "fifth"), Duration.ofMillis(200)))
          .isInstanceOfSatisfying(SshCommandException.class,
              e -> assertThat(e).hasMessageContaining("no free channel"));
      shells.close();  // ends the hung commands
      for (Future<?> f : hung) {
        assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
            .hasCauseInstanceOf(SshCommandException.class);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sim.connectionsAccepted()).isEqualTo(2);
  }

  @Test
  void exec_moreCommandsThanChannels_waitsThenTimesOut() throws Exception {
    shells.close();
    shells = shellsBuilder().maxConcurrentChannels(2).maxConnectionsPerNode(1).build();
    HostShell bounded = shells.forNode("pve");
    CountDownLatch hanging = new CountDownLatch(2);
    sim.addFault(SimFault.hang(argv -> {
      if (argv.contains("hang")) {
        hanging.countDown();
        return true;
      }
      return false;
    }));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> hung = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        hung.add(pool.submit(() -> bounded.exec(101, List.of("echo", "hang"),
            Duration.ofSeconds(3))));
      }
      assertThat(hanging.await(30, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> bounded.exec(101, List.of("echo", "third"), Duration.ofMillis(200)))
          .isInstanceOfSatisfying(SshCommandException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e).hasMessageContaining("no free channel");
          });
      for (Future<?> f : hung) {
        assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
            .hasCauseInstanceOf(SshCommandException.class);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(bounded.exec(101, List.of("echo", "free"), TIMEOUT).stdout()).isEqualTo("free\n");
    assertThat(sim.commands()).noneMatch(c -> c.argv().contains("third"));
  }

  @Test
  void connect_serverThatNeverSpeaks_timesOut() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5,
        java.net.InetAddress.getLoopbackAddress())) {
      SshHostShells quiet = SshHostShells.builder()
          .node("pve", "127.0.0.1", silent.getLocalPort())
          .auth(SshAuth.privateKey(KEYS.resolve("id_ecdsa")))
          .hostKeys(HostKeyVerification.pinnedSha256(sim.hostKeyFingerprint()))
          .connectTimeout(Duration.ofMillis(500)).build();
      try (quiet) {
        assertThatThrownBy(() -> quiet.forNode("pve").run(List.of("true"), TIMEOUT))
            .isInstanceOfSatisfying(SshCommandException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CONNECT));
      }
    }
  }

  @Test
  void close_stopsEveryIoThread() {
    assertThat(shell.exec(101, List.of("echo", "x"), TIMEOUT).ok()).isTrue();
    shells.close();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("proximity-ssh-") && t.isAlive());
    assertThatThrownBy(() -> shell.exec(101, List.of("echo", "x"), TIMEOUT))
        .isInstanceOf(SshCommandException.class);
  }

  @Test
  void forNode_unknownNode_isRefused() {
    assertThatThrownBy(() -> shells.forNode("pve9"))
        .isInstanceOfSatisfying(SshCommandException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_NODE));
  }

  @Test
  void toString_showsNoSecrets() {
    SshHostShells withPassword = shellsBuilder().auth(SshAuth.password("s3cret".toCharArray()))
        .build();
    try (withPassword) {
      assertThat(withPassword.toString()).doesNotContain("s3cret").contains("password");
    }
  }
}
