package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.testkit.Eventually;
import dev.proximity.testkit.FaultPlan;
import dev.proximity.testkit.GuestDirectory;
import dev.proximity.testkit.ssh.InMemoryGuests;
import dev.proximity.testkit.ssh.SimFault;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SSH host simulator's task watch ({@code bash -c SCRIPT proximity-task-watch}) against the
 * Proxmox simulator's tasks, through sshj, the SDK's SSH client. Task ends are driven by stopping
 * tasks through the API; the timeout only keeps a broken watch from blocking the build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskWatchTest extends SimTestBase {
  private static final String MARKER = "proximity-task-watch";
  /**
   * A stand-in for proximity-core's {@code HostTaskWatch.SCRIPT} (the testkit cannot depend on core;
   * the simulator recognises the marker, not the script) with what makes the real one hard to quote:
   * several lines, single and double quotes, {@code $}, braces and redirections. The real script
   * goes through the simulator in proximity-ssh's {@code EndToEndDeployTest}.
   */
  private static final String SCRIPT = String.join("\n",
      "p= re='^[0-9]+ [0-9]+$'",
      "while :; do IFS= read -r -t 0.05 l; [[ $l =~ $re ]] && echo \"${l% *}\" 2>/dev/null; done");

  private SshHostSimulator ssh;
  private SSHClient client;

  @AfterEach
  void closeSsh() throws IOException {
    if (client != null) {
      client.close();
    }
    if (ssh != null) {
      ssh.close();
    }
  }

  private void startSsh(GuestDirectory directory) throws IOException {
    ssh = SshHostSimulator.builder().directory(directory).password("pw").start();
    client = new SSHClient();
    client.addHostKeyVerifier(ssh.hostKeyFingerprint());
    client.connect(ssh.host(), ssh.portFor("pve"));
    client.authPassword("root", "pw");
  }

  /** One watch session: stdin lines in, stdout lines out. */
  private record Watch(Session session, Session.Command command, OutputStream stdin,
      BufferedReader stdout) {
    void send(String... lines) throws IOException {
      for (String line : lines) {
        stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      stdin.flush();
    }

    String next() throws IOException {
      return stdout.readLine();
    }

    /** Sends EOF and waits for the exit status. */
    Integer end() throws IOException {
      stdin.close();
      assertThat(stdout.readLine()).as("no output after the last ended process").isNull();
      command.join(30, TimeUnit.SECONDS);
      return command.getExitStatus();
    }
  }

  private Watch open() throws IOException {
    Session session = client.startSession();
    // the SDK's argv quoting (ShellQuoting): a word with special characters single-quoted
    String line = "bash -c '" + SCRIPT.replace("'", "'\\''") + "' " + MARKER;
    Session.Command command = session.exec(line);
    return new Watch(session, command, command.getOutputStream(), new BufferedReader(
        new InputStreamReader(command.getInputStream(), StandardCharsets.US_ASCII)));
  }

  /** The watch line of a task: its UPID's pid and pstart (hex there) in decimal. */
  private static String line(String upid) {
    String[] f = upid.split(":");
    return Long.parseLong(f[2], 16) + " " + Long.parseLong(f[3], 16);
  }

  private String startLongTask() {
    SimClient.Resp start = api.post("/nodes/pve/lxc/101/status/start");
    assertThat(start.status()).as(start.message()).isEqualTo(200);
    String upid = start.data().asText();
    assertThat(api.get("/nodes/pve/tasks/" + upid + "/status").data().get("status").asText())
        .isEqualTo("running");
    return upid;
  }

  @Test
  void watch_endedAtOnce_runningWhenTheTaskEnds_garbageIgnored_eofExitsZero() throws Exception {
    startSim(builder().taskDuration("vzstart", Duration.ofDays(30)));
    startSsh(sim);
    createOk(101);
    String ended = sim.tasks().get(0).upid();
    String running = startLongTask();
    String[] f = line(running).split(" ");
    String wrongStart = f[0] + " " + (Long.parseLong(f[1]) + 1);

    Watch watch = open();
    watch.send(line(running), "garbage", line(ended), "12 34 56", " 1 2", "0x10 7", wrongStart,
        line(running));
    assertThat(watch.next()).isEqualTo(line(ended));
    assertThat(watch.next()).isEqualTo(wrongStart);
    // lines are taken in order and each is checked with everything watched before it, so had the
    // running task counted as ended it would have come back before this line of no process
    watch.send("1 1");
    assertThat(watch.next()).isEqualTo("1 1");

    assertThat(api.delete("/nodes/pve/tasks/" + running).status()).isEqualTo(200);
    // watched twice while it ran, reported once (end() asserts nothing follows)
    assertThat(watch.next()).isEqualTo(line(running));
    assertThat(api.get("/nodes/pve/tasks/" + running + "/status").data().get("status").asText())
        .isEqualTo("stopped");
    assertThat(sim.taskEndedAt(running)).isPresent();
    assertThat(watch.end()).isZero();
    assertThat(ssh.commands()).filteredOn(c -> c.argv().size() == 4
        && c.argv().get(3).equals(MARKER)).singleElement()
        .satisfies(c -> assertThat(c.argv().subList(0, 3)).containsExactly("bash", "-c", SCRIPT));
  }

  @Test
  void processRunning_isTheStatusEndpointsRunning_byNodePidAndStart() {
    startSim(builder().faults(FaultPlan.builder().hangingTasks(1.0).build()));
    String upid = create(101).data().asText();
    String[] f = line(upid).split(" ");
    long pid = Long.parseLong(f[0]);
    long pstart = Long.parseLong(f[1]);

    assertThat(sim.processRunning("pve", pid, pstart)).isTrue();
    assertThat(sim.processRunning("pve", pid, pstart + 1)).isFalse();
    assertThat(sim.processRunning("pve2", pid, pstart)).isFalse();
    assertThat(sim.processRunning("pve", pid + 1, pstart)).isFalse();
    assertThat(api.delete("/nodes/pve/tasks/" + upid).status()).isEqualTo(200);
    assertThat(sim.processRunning("pve", pid, pstart)).isFalse();
    assertThat(api.await(upid)).isEqualTo("interrupted by signal");
  }

  @Test
  void watch_withoutTaskProcesses_reportsEveryProcessEnded() throws Exception {
    InMemoryGuests guests = new InMemoryGuests();
    startSsh(guests);
    Watch watch = open();
    watch.send("4242 99", "4242 99", "7 8");
    // each line ends at once, so the repeated one is watched (and reported) twice
    assertThat(watch.next()).isEqualTo("4242 99");
    assertThat(watch.next()).isEqualTo("4242 99");
    assertThat(watch.next()).isEqualTo("7 8");
    assertThat(watch.end()).isZero();
  }

  @Test
  void closingTheSession_endsTheWatchThreads_watchingOrNot() throws Exception {
    startSim(builder().taskDuration("vzstart", Duration.ofDays(30)));
    startSsh(sim);
    createOk(101);
    String running = startLongTask();
    Watch busy = open();
    busy.send(line(running), "1 1");
    assertThat(busy.next()).isEqualTo("1 1");
    open();
    Duration deadline = Duration.ofSeconds(20);
    // each watch is a checking thread and a stdin reader
    assertThat(Eventually.count(TaskWatchTest::watchThreads, 4, deadline)).isEqualTo(4);

    client.disconnect();

    assertThat(Eventually.count(TaskWatchTest::watchThreads, 0, deadline)).isZero();
    assertThat(Eventually.count(ssh::activeConnections, 0, deadline)).isZero();
  }

  @Test
  void sshFaults_applyToTheWatchLikeToAnyCommand() throws Exception {
    startSsh(new InMemoryGuests());
    ssh.addFault(SimFault.exit(SimFault.argvContains(MARKER), 255, "Connection reset").times(1));
    Watch failed = open();
    failed.command().join(30, TimeUnit.SECONDS);
    assertThat(failed.command().getExitStatus()).isEqualTo(255);

    Watch next = open();
    next.send("5 6");
    assertThat(next.next()).isEqualTo("5 6");
    assertThat(next.end()).isZero();
    assertThat(ssh.commands()).filteredOn(c -> c.argv().contains(MARKER)).hasSize(2);
  }

  private static int watchThreads() {
    return (int) Thread.getAllStackTraces().values().stream()
        .filter(stack -> Arrays.stream(stack).anyMatch(
            frame -> frame.getClassName().startsWith("dev.proximity.testkit.ssh.TaskWatch")))
        .count();
  }
}
