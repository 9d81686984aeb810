package dev.proximity.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.audit.AuditEvent;
import dev.proximity.audit.AuditEvent.Outcome;
import dev.proximity.command.CommandTarget;
import dev.proximity.command.SafeCommand;
import dev.proximity.command.SafeCommandRefusedException;
import dev.proximity.command.SafeCommandResult;
import dev.proximity.command.SafeCommands;
import dev.proximity.spi.HostShell;
import dev.proximity.testkit.GuestFs;
import dev.proximity.testkit.ssh.InMemoryGuests;
import dev.proximity.testkit.ssh.SimFault;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every safe command end to end: SafeCommands over SshHostShells against the SSH simulator. */
class SafeCommandsSimulatorTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String COMPOSE_YAML = String.join("\n",
      "services:",
      "  web:",
      "    image: nginx:1.27",
      "    healthcheck:",
      "      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]",
      "    volumes:",
      "      - html:/usr/share/nginx/html",
      "  db:",
      "    image: postgres:16",
      "    environment:",
      "      POSTGRES_USER: app",
      "      POSTGRES_PASSWORD: hunter2-very-secret",
      "volumes:",
      "  html: {}",
      "");

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T18:00:00Z"), ZoneOffset.UTC);
  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private InMemoryGuests guests;
  private SshHostSimulator sim;
  private SshHostShells shells;
  private HostShell shell;
  private CommandTarget target;

  @BeforeEach
  void start() throws Exception {
    guests = new InMemoryGuests();
    guests.add("pve", 101).start();
    sim = SshHostSimulator.builder().directory(guests).clock(clock)
        .authorizedKey(Files.readString(SshHostShellsTest.KEYS.resolve("id_ecdsa.pub"))).start();
    shells = SshHostShells.builder().node("pve", sim.host(), sim.portFor("pve"))
        .auth(SshAuth.privateKey(SshHostShellsTest.KEYS.resolve("id_ecdsa")))
        .hostKeys(HostKeyVerification.pinnedSha256(sim.hostKeyFingerprint())).build();
    shell = shells.forNode("pve");
    target = new CommandTarget("pve", 101, "shop");
    deployApp();
    sim.clearRecords();
  }

  /** Deploys per docs/container-contract.md, as the deploy pipeline does. */
  private void deployApp() {
    shell.push(101, "#!/bin/sh\n# install docker\n".getBytes(StandardCharsets.UTF_8),
        "/opt/proximity/install-docker.sh", 0700);
    assertThat(shell.exec(101, List.of("docker", "version", "--format", "{{.Server.Version}}"),
        TIMEOUT).ok()).isFalse();
    assertThat(shell.exec(101, List.of("sh", "/opt/proximity/install-docker.sh"), TIMEOUT).ok())
        .isTrue();
    assertThat(shell.exec(101, List.of("docker", "version", "--format", "{{.Server.Version}}"),
        TIMEOUT).stdout()).isEqualTo("27.3.1\n");
    assertThat(shell.exec(101, List.of("mkdir", "-p", "/opt/proximity/app"), TIMEOUT).ok())
        .isTrue();
    shell.push(101, COMPOSE_YAML.getBytes(StandardCharsets.UTF_8),
        "/opt/proximity/app/compose.yaml", 0600);
    assertThat(shell.exec(101, compose("up", "-d", "--remove-orphans"), TIMEOUT).ok()).isTrue();
  }

  private static List<String> compose(String... words) {
    List<String> argv = new ArrayList<>(SafeCommand.COMPOSE);
    argv.addAll(List.of(words));
    return argv;
  }

  @AfterEach
  void stop() {
    shells.close();
    sim.close();
  }

  private SafeCommandResult run(String name, Map<String, String> params) {
    SafeCommandResult result = SafeCommands.run(shell, target, name, params, "alice",
        events::add, TIMEOUT);
    assertThat(sim.containerCommands()).last().isEqualTo(result.command().argv());
    return result;
  }

  @Test
  void logs_tailAndService_returnTimestampedLines() {
    sim.appendLog("pve", 101, "web", "GET / 200");
    SafeCommandResult result = run("logs", Map.of("tail", "1", "service", "web"));
    assertThat(result.ok()).isTrue();
    assertThat(result.output()).isEqualTo("web-1  | 2026-11-28T18:00:00.000000000Z GET / 200\n");
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(Outcome.ALLOWED);
      assertThat(e.command()).isEqualTo("logs");
      assertThat(e.parameters()).isEqualTo(Map.of("tail", "1", "service", "web"));
      assertThat(e.app()).isEqualTo("shop");
      assertThat(e.outputBytes()).isEqualTo(result.outputBytes());
    });
  }

  @Test
  void logs_allServicesWithSince_interleavesServices() {
    SafeCommandResult result = run("logs", Map.of("since", "1h"));
    assertThat(result.output().lines())
        .anyMatch(l -> l.startsWith("web-1  | "))
        .anyMatch(l -> l.startsWith("db-1   | "));
  }

  @Test
  void logs_unknownService_failsAndIsAudited() {
    SafeCommandResult result = run("logs", Map.of("service", "cache"));
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errors()).contains("no such service: cache");
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(e.detail()).isEqualTo("no such service: cache");
    });
  }

  @Test
  void status_printsOneJsonObjectPerService() throws Exception {
    SafeCommandResult result = run("status", Map.of());
    List<String> lines = result.output().lines().toList();
    assertThat(lines).hasSize(2);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode db = mapper.readTree(lines.get(0));
    JsonNode web = mapper.readTree(lines.get(1));
    assertThat(db.get("Service").asText()).isEqualTo("db");
    assertThat(db.get("Name").asText()).isEqualTo("app-db-1");
    assertThat(db.get("State").asText()).isEqualTo("running");
    assertThat(db.get("Health").asText()).isEmpty();
    assertThat(web.get("Image").asText()).isEqualTo("nginx:1.27");
    assertThat(web.get("Health").asText()).isEqualTo("healthy");
  }

  @Test
  void disk_showsRootFsAndOverlays() {
    String out = run("disk", Map.of()).output();
    assertThat(out.lines().findFirst().orElseThrow())
        .startsWith("Filesystem").endsWith("Size  Used Avail Use% Mounted on");
    assertThat(out).contains("/dev/mapper/pve-vm--101--disk--0", " 8.0G ", "/var/lib/docker/overlay2/");
  }

  @Test
  void processes_listsDockerAndServices() {
    String out = run("processes", Map.of()).output();
    assertThat(out.lines().findFirst().orElseThrow()).contains("PID", "%CPU", "COMMAND");
    assertThat(out).contains("dockerd", "nginx", "postgres");
  }

  @Test
  void memory_hasFreeShape() {
    String out = run("memory", Map.of()).output();
    assertThat(out.lines().toList()).hasSize(3);
    assertThat(out).contains("total", "Mem:", "Swap:", "1024");
  }

  @Test
  void network_listsInterfacesWithAddress() {
    String out = run("network", Map.of()).output();
    assertThat(out).contains("lo ", "eth0@if", "10.0.0.103/24", "docker0", "br-");
  }

  @Test
  void images_listsPulledImages() {
    String out = run("images", Map.of()).output();
    assertThat(out.lines().findFirst().orElseThrow()).startsWith("REPOSITORY");
    assertThat(out).contains("nginx", "1.27", "postgres", "16");
  }

  @Test
  void volumes_listsNamedVolumes() {
    assertThat(run("volumes", Map.of()).output()).isEqualTo("DRIVER    VOLUME NAME\nlocal     app_html\n");
  }

  @Test
  void config_masksSecrets() {
    SafeCommandResult result = run("config", Map.of());
    assertThat(result.output()).doesNotContain("hunter2")
        .contains("POSTGRES_PASSWORD: <redacted>", "POSTGRES_USER: app", "image: nginx:1.27");
  }

  @Test
  void system_printsKernel() {
    assertThat(run("system", Map.of()).output()).startsWith("Linux ct101 6.8.12-4-pve ");
  }

  @Test
  void follow_streamsLogLinesAndIsAudited() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch two = new java.util.concurrent.CountDownLatch(2);
    try (HostShell.LineStream stream = SafeCommands.follow(shell, target,
        dev.proximity.command.LogsCommand.tail(5).withService("web"), "alice", events::add,
        TIMEOUT, line -> {
          lines.add(line);
          two.countDown();
        })) {
      assertThat(two.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
    assertThat(lines).allMatch(l -> l.startsWith("web-1  | 2026-11-28T18:00:00"));
    assertThat(sim.containerCommands()).last().asList().endsWith("--follow", "web");
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(Outcome.ALLOWED);
      assertThat(e.parameters()).containsEntry("follow", "true").containsEntry("tail", "5");
    });
  }

  @Test
  void refused_neverReachesTheHost() {
    int before = sim.connectionsAccepted();
    assertThatThrownBy(() -> SafeCommands.run(shell, target, "logs",
        Map.of("service", "web; rm -rf /"), "mallory", events::add, TIMEOUT))
        .isInstanceOf(SafeCommandRefusedException.class);
    assertThat(sim.commands()).isEmpty();
    assertThat(sim.connectionsAccepted()).isEqualTo(before);
    assertThat(events).singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.REFUSED));
  }

  @Test
  void hangingCommand_isAuditedAsError() {
    sim.addFault(SimFault.hang(SimFault.argvContains("free")));
    assertThatThrownBy(() -> SafeCommands.run(shell, target, "memory", Map.of(), "alice",
        events::add, Duration.ofMillis(300))).isInstanceOf(SshCommandException.class);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(e.detail()).contains("timeout");
    });
  }

  @Test
  void stoppedContainer_failsLikeProxmox() {
    guests.guest("pve", 101).map(g -> (InMemoryGuests.Guest) g).orElseThrow().stop();
    SafeCommandResult result = run("disk", Map.of());
    assertThat(result.exitCode()).isEqualTo(255);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(e.detail()).isEqualTo("CT 101 not running");
    });
  }

  @Test
  void clonedFileSystem_carriesTheDockerModel() {
    GuestFs fs = guests.guest("pve", 101).orElseThrow().fs();
    InMemoryGuests.Guest clone = guests.add("pve", 102);
    clone.fs();
    GuestFs copy = fs.copy();
    copy.snapshot().forEach((path, file) -> clone.fs().write(path, file.content(), file.mode()));
    clone.start();
    CommandTarget cloned = new CommandTarget("pve", 102, "shop-clone");
    SafeCommandResult status = SafeCommands.run(shell, cloned, SafeCommand.parse("status",
        Map.of()), "alice", events::add, TIMEOUT, clock);
    assertThat(status.output().lines()).hasSize(2);
  }
}
