package dev.proximity.testkit.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.testkit.Eventually;
import dev.proximity.testkit.GuestFs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import dev.proximity.testkit.pve.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator seen through a raw SSH client (MINA's), sending command lines as they are. */
class SshHostSimulatorTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private InMemoryGuests guests;
  private SshHostSimulator sim;
  private SshClient client;
  private ClientSession session;

  record Result(int exit, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    guests = new InMemoryGuests();
    guests.add("pve", 101).start();
    guests.add("pve", 102);
    sim = SshHostSimulator.builder().directory(guests).password("pw").healthyAfterPolls(1)
        .start();
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier((s, address, key) -> KeyUtils.compareKeys(key,
        sim.hostPublicKey()));
    client.start();
    session = client.connect("root", sim.host(), sim.portFor("pve")).verify(TIMEOUT)
        .getSession();
    session.addPasswordIdentity("pw");
    session.auth().verify(TIMEOUT);
  }

  @AfterEach
  void stop() throws Exception {
    session.close();
    client.stop();
    sim.close();
  }

  private Result run(String line) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ChannelExec channel = session.createExecChannel(line)) {
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(TIMEOUT);
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
      return new Result(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void unquotedShellSyntax_isRefusedAndRecorded() throws Exception {
    Result r = run("pct exec 101 -- echo $(id)");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("refuses", "unquoted '$'");
    assertThat(sim.commands()).singleElement().satisfies(c -> {
      assertThat(c.line()).isEqualTo("pct exec 101 -- echo $(id)");
      assertThat(c.argv()).isEmpty();
      assertThat(c.user()).isEqualTo("root");
    });
  }

  @Test
  void pctList_showsContainers() throws Exception {
    Result r = run("pct list");
    assertThat(r.out().lines().toList()).containsExactly(
        "VMID       Status     Lock         Name                ",
        "101        running                 ct101               ",
        "102        stopped                 ct102               ");
  }

  @Test
  void pctExec_shellString_isRefused() throws Exception {
    Result r = run("pct exec 101 -- sh -c 'id'");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("does not run shell strings");
  }

  @Test
  void installScript_missing_fails() throws Exception {
    Result r = run("pct exec 101 -- sh /opt/proximity/install-docker.sh");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cannot open /opt/proximity/install-docker.sh");
    Result docker = run("pct exec 101 -- docker version");
    assertThat(docker.exit()).isEqualTo(127);
    assertThat(docker.err()).contains("Failed to exec \"docker\"");
  }

  @Test
  void compose_lifecycle_followsTheContract() throws Exception {
    GuestFs fs = guests.guest("pve", 101).orElseThrow().fs();
    fs.write("/opt/proximity/install-docker.sh", new byte[] {'#'}, 0700);
    assertThat(run("pct exec 101 -- sh /opt/proximity/install-docker.sh").exit()).isZero();
    String compose = "pct exec 101 -- docker compose --project-directory /opt/proximity/app"
        + " -f /opt/proximity/app/compose.yaml ";
    Result missing = run(compose + "up -d --remove-orphans");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("open /opt/proximity/app/compose.yaml: no such file");

    fs.write("/opt/proximity/app/compose.yaml", ("services:\n  web:\n    image: nginx:1.27\n"
        + "    healthcheck:\n      test: [CMD, true]\n  worker:\n    image: busybox:1\n")
        .getBytes(StandardCharsets.UTF_8), 0600);
    Result up = run(compose + "up -d --remove-orphans");
    assertThat(up.exit()).isZero();
    assertThat(up.err()).contains("Container app-web-1  Started");

    Result first = run(compose + "ps --all --format json");
    assertThat(first.out().lines().toList()).hasSize(2);
    assertThat(first.out()).contains("\"Health\":\"starting\"", "\"State\":\"running\"");
    assertThat(run(compose + "ps --all --format json").out())
        .contains("\"Health\":\"healthy\"").contains("\"Service\":\"worker\"");

    sim.setServiceState("pve", 101, "worker", "exited", "");
    assertThat(run(compose + "ps --format json").out().lines().toList()).hasSize(1);
    assertThat(run(compose + "ps --all --format json").out()).contains("\"State\":\"exited\"");

    assertThat(run(compose + "down").exit()).isZero();
    assertThat(run(compose + "ps --all --format json").out()).isEmpty();
    assertThat(run("pct exec 101 -- docker image ls").out()).contains("nginx", "busybox");
  }

  @Test
  void timings_slowHealthCheck_keepsServiceStarting_andSlowInstallEndsWhenTheClientGivesUp()
      throws Exception {
    sim.close();
    sim = SshHostSimulator.builder().directory(guests).password("pw")
        .timings(new GuestTimings(Duration.ofHours(1), Duration.ZERO, Duration.ZERO), 1.0)
        .start();
    session.close();
    session = client.connect("root", sim.host(), sim.portFor("pve")).verify(TIMEOUT)
        .getSession();
    session.addPasswordIdentity("pw");
    session.auth().verify(TIMEOUT);
    GuestFs fs = guests.guest("pve", 101).orElseThrow().fs();
    fs.write("/opt/proximity/install-docker.sh", new byte[] {'#'}, 0700);
    try (ChannelExec channel = session.createExecChannel(
        "pct exec 101 -- sh /opt/proximity/install-docker.sh")) {
      channel.open().verify(TIMEOUT);
      // the install takes an hour: closing the channel abandons it, without effect
    }
    assertThat(sim.dockerInstalled("pve", 101)).isFalse();

    fs.write("/usr/bin/docker", new byte[] {'#'}, 0755);
    // no interval: Docker's default 30 s, at scale 1.0 the first check is 30 s away
    fs.write("/opt/proximity/app/compose.yaml", ("services:\n  web:\n    image: nginx:1.27\n"
        + "    healthcheck:\n      test: [CMD, 'true']\n").getBytes(StandardCharsets.UTF_8), 0600);
    String compose = "pct exec 101 -- docker compose --project-directory /opt/proximity/app"
        + " -f /opt/proximity/app/compose.yaml ";
    assertThat(run(compose + "up -d").exit()).isZero();
    for (int poll = 0; poll < 3; poll++) {
      assertThat(run(compose + "ps --format json").out()).contains("\"Health\":\"starting\"");
    }
  }

  @Test
  void health_followsTheComposeInterval_andInspectShowsTheScaledCheck() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    restart(SshHostSimulator.builder().directory(guests).password("pw").clock(clock)
        .timings(GuestTimings.INSTANT, 0.5));
    GuestFs fs = guests.guest("pve", 101).orElseThrow().fs();
    fs.write("/usr/bin/docker", new byte[] {'#'}, 0755);
    // web: checked every 4 s (2 s scaled); db: start period, so first checked after its start
    // interval of 1 s (0.5 s scaled); cache has no check and runs at once
    fs.write("/opt/proximity/app/compose.yaml", ("services:\n"
        + "  web:\n    image: nginx:1.27\n    healthcheck:\n      test: [CMD, 'true']\n"
        + "      interval: 4s\n      timeout: 1500ms\n"
        + "  db:\n    image: postgres:16\n    healthcheck:\n      test: [CMD, 'true']\n"
        + "      interval: 1m\n      start_period: 30s\n      start_interval: 1s\n"
        + "  cache:\n    image: redis:7\n").getBytes(StandardCharsets.UTF_8), 0600);
    String compose = "pct exec 101 -- docker compose --project-directory /opt/proximity/app"
        + " -f /opt/proximity/app/compose.yaml ";
    assertThat(run(compose + "up -d").exit()).isZero();
    assertThat(health(run(compose + "ps --format json").out()))
        .containsExactly("\"Health\":\"\"", "\"Health\":\"starting\"", "\"Health\":\"starting\"");

    clock.advance(Duration.ofMillis(499));
    assertThat(run(compose + "ps --format json db").out()).contains("\"Health\":\"starting\"");
    clock.advance(Duration.ofMillis(1));
    assertThat(run(compose + "ps --format json db").out()).contains("\"Health\":\"healthy\"");
    clock.advance(Duration.ofMillis(1499));
    assertThat(run(compose + "ps --format json web").out()).contains("\"Health\":\"starting\"");
    clock.advance(Duration.ofMillis(1));
    assertThat(run(compose + "ps --format json web").out()).contains("\"Health\":\"healthy\"");

    String ids = run(compose + "ps --format json").out().lines()
        .map(l -> l.replaceAll(".*\"ID\":\"([0-9a-f]+)\".*", "$1")).reduce("", (a, b) -> a + " " + b);
    Result inspect = run("pct exec 101 -- docker container inspect --format"
        + " '{{.Id}} {{json .Config.Healthcheck}}'" + ids);
    assertThat(inspect.exit()).isZero();
    assertThat(inspect.out()).contains("\"Interval\":2000000000,\"Timeout\":750000000",
        "\"Interval\":30000000000,\"Timeout\":15000000000,\"StartPeriod\":15000000000,"
            + "\"StartInterval\":500000000", " null");
  }

  private static List<String> health(String psJson) {
    return psJson.lines().map(l -> l.replaceAll(".*(\"Health\":\"[a-z]*\").*", "$1")).toList();
  }

  private void restart(SshHostSimulator.Builder builder) throws Exception {
    sim.close();
    sim = builder.start();
    session.close();
    session = client.connect("root", sim.host(), sim.portFor("pve")).verify(TIMEOUT)
        .getSession();
    session.addPasswordIdentity("pw");
    session.auth().verify(TIMEOUT);
  }

  @Test
  void compose_invalidYaml_fails() throws Exception {
    GuestFs fs = guests.guest("pve", 101).orElseThrow().fs();
    fs.write("/usr/bin/docker", new byte[0], 0755);
    fs.write("/c.yaml", "services: [".getBytes(StandardCharsets.UTF_8), 0600);
    Result r = run("pct exec 101 -- docker compose -f /c.yaml up -d");
    assertThat(r.exit()).isEqualTo(15);
    assertThat(r.err()).startsWith("yaml: ");
  }

  @Test
  void exitFault_appliesOnceToMatchingCommand() throws Exception {
    sim.addFault(SimFault.exit(SimFault.argvContains("pveversion"), 3, "nope").times(1));
    assertThat(run("pveversion").exit()).isEqualTo(3);
    assertThat(run("pveversion").exit()).isZero();
  }

  @Test
  void rm_removesHostFiles() throws Exception {
    java.nio.file.Files.writeString(sim.hostRoot("pve").resolve("tmp/x"), "x");
    assertThat(sim.hostFiles("pve")).containsExactly("/tmp/x");
    assertThat(run("rm -f -- /tmp/x /tmp/absent").exit()).isZero();
    assertThat(sim.hostFiles("pve")).isEmpty();
    assertThat(run("rm /tmp/absent").exit()).isEqualTo(1);
    assertThat(run("rm -f -- /../../etc/passwd").exit()).isZero();
    assertThat(List.of(sim.hostRoot("pve").toFile().list())).contains("tmp");
  }

  @Test
  void activeConnections_countsOpenSessions_andFollowsClosesAndDrops() throws Exception {
    Duration deadline = Duration.ofSeconds(10);
    assertThat(Eventually.count(sim::activeConnections, 1, deadline)).isEqualTo(1);
    ClientSession second = client.connect("root", sim.host(), sim.portFor("pve")).verify(TIMEOUT)
        .getSession();
    second.addPasswordIdentity("pw");
    second.auth().verify(TIMEOUT);
    assertThat(Eventually.count(sim::activeConnections, 2, deadline)).isEqualTo(2);
    second.close();
    assertThat(Eventually.count(sim::activeConnections, 1, deadline)).isEqualTo(1);
    assertThat(sim.dropConnections()).isEqualTo(1);
    assertThat(Eventually.count(sim::activeConnections, 0, deadline)).isZero();
    assertThat(sim.connectionsAccepted()).isEqualTo(2);
  }
}
