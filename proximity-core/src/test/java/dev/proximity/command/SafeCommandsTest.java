package dev.proximity.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.ProximityException;
import dev.proximity.audit.AuditEvent;
import dev.proximity.audit.AuditEvent.Outcome;
import dev.proximity.spi.CommandResult;
import dev.proximity.support.UnusedHostShell;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SafeCommands against a scripted HostShell; the simulator-backed tests live in proximity-ssh. */
class SafeCommandsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T18:00:00Z"), ZoneOffset.UTC);
  private final List<AuditEvent> events = new ArrayList<>();
  private final CommandTarget target = new CommandTarget("pve1", 101, "web");

  /** Answers every exec with a fixed result and remembers the argv. */
  private static final class ScriptedShell extends UnusedHostShell {
    final List<List<String>> execs = new ArrayList<>();
    final int exit;
    final String stdout;
    final RuntimeException failure;

    ScriptedShell(int exit, String stdout, RuntimeException failure) {
      this.exit = exit;
      this.stdout = stdout;
      this.failure = failure;
    }

    @Override
    public CommandResult exec(int vmid, List<String> argv, Duration timeout) {
      execs.add(argv);
      if (failure != null) {
        throw failure;
      }
      return new CommandResult(argv, exit, stdout, exit == 0 ? "" : "boom\nlast line", false,
          stdout.length(), Duration.ofMillis(7));
    }
  }

  @Test
  void run_success_isAuditedAsAllowed() {
    ScriptedShell shell = new ScriptedShell(0, "Linux ct101\n", null);
    SafeCommandResult result = SafeCommands.run(shell, target, new SystemCommand(), "alice",
        events::add, Duration.ofSeconds(5), CLOCK);

    assertThat(result.ok()).isTrue();
    assertThat(result.output()).isEqualTo("Linux ct101\n");
    assertThat(shell.execs).containsExactly(List.of("uname", "-a"));
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(Outcome.ALLOWED);
      assertThat(e.actor()).isEqualTo("alice");
      assertThat(e.time()).isEqualTo(CLOCK.instant());
      assertThat(e.node()).isEqualTo("pve1");
      assertThat(e.vmid()).isEqualTo(101);
      assertThat(e.app()).isEqualTo("web");
      assertThat(e.command()).isEqualTo("system");
      assertThat(e.exitCode()).isZero();
      assertThat(e.duration()).isEqualTo(Duration.ofMillis(7));
      assertThat(e.outputBytes()).isEqualTo(12);
    });
  }

  @Test
  void run_nonZeroExit_isAuditedAsFailedWithLastErrorLine() {
    ScriptedShell shell = new ScriptedShell(3, "", null);
    SafeCommandResult result = SafeCommands.run(shell, target, LogsCommand.tail(5), "bob",
        events::add, Duration.ofSeconds(5), CLOCK);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(e.detail()).isEqualTo("last line");
      assertThat(e.parameters()).containsEntry("tail", "5");
    });
  }

  @Test
  void run_shellFailure_isAuditedAsErrorAndRethrown() {
    ProximityException failure = new ProximityException("connection refused") {
      private static final long serialVersionUID = 1L;
    };
    ScriptedShell shell = new ScriptedShell(0, "", failure);
    assertThatThrownBy(() -> SafeCommands.run(shell, target, new DiskCommand(), "carol",
        events::add, Duration.ofSeconds(5), CLOCK)).isSameAs(failure);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(e.exitCode()).isEqualTo(-1);
      assertThat(e.detail()).isEqualTo("connection refused");
    });
  }

  @Test
  void run_refusedByName_isAuditedAndNeverTouchesTheShell() {
    ScriptedShell shell = new ScriptedShell(0, "", null);
    assertThatThrownBy(() -> SafeCommands.run(shell, target, "rm", Map.of("path", "/"), "mallory",
        events::add, Duration.ofSeconds(5))).isInstanceOf(SafeCommandRefusedException.class);
    assertThat(shell.execs).isEmpty();
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(e.command()).isEqualTo("rm");
      assertThat(e.actor()).isEqualTo("mallory");
      assertThat(e.parameters()).containsEntry("path", "/");
      assertThat(e.detail()).contains("unknown safe command");
      assertThat(e.duration()).isZero();
    });
  }

  @Test
  void run_refusedParameter_isAudited() {
    ScriptedShell shell = new ScriptedShell(0, "", null);
    assertThatThrownBy(() -> SafeCommands.run(shell, target, "logs",
        Map.of("service", "--help"), "mallory", events::add, Duration.ofSeconds(5)))
        .isInstanceOf(SafeCommandRefusedException.class);
    assertThat(shell.execs).isEmpty();
    assertThat(events).singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.REFUSED));
  }

  @Test
  void run_config_redactsOutput() {
    ScriptedShell shell = new ScriptedShell(0,
        "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: hunter2\n", null);
    SafeCommandResult result = SafeCommands.run(shell, target, new ConfigCommand(), "alice",
        events::add, Duration.ofSeconds(5), CLOCK);
    assertThat(result.output()).doesNotContain("hunter2").contains("POSTGRES_PASSWORD: <redacted>");
  }
}
