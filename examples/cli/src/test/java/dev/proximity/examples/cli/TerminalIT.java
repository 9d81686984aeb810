package dev.proximity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged CLI on a real terminal (tmux, or a pty from script): colours and live progress. */
class TerminalIT {
  @TempDir Path dir;

  private Map<String, String> env() {
    return Map.of("HOME", dir.toString(), "JAVA_HOME", System.getProperty("java.home"));
  }

  @Test
  void terminal_helpIsColouredUnlessNoColor() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    TerminalSession.Capture coloured =
        TerminalSession.run(a, env(), List.of(LauncherIT.launcher().toString(), "--help"));
    assertThat(coloured.exitCode()).isZero();
    assertThat(coloured.raw()).contains("\u001b[");

    Path b = Files.createDirectories(dir.resolve("b"));
    TerminalSession.Capture plain =
        TerminalSession.run(b, env(), List.of("env", "NO_COLOR=1", LauncherIT.launcher().toString(), "--help"));
    assertThat(plain.exitCode()).isZero();
    assertThat(plain.raw()).contains("Usage: proximity").doesNotContain("\u001b[1m");
  }

  @Test
  void terminal_deployShowsALiveProgressBarWithStepNames() throws Exception {
    Path run = Files.createDirectories(dir.resolve("deploy"));
    TerminalSession.Capture capture = TerminalSession.run(run, env(), List.of(
        LauncherIT.launcher().toString(), "--demo", "--demo-state", dir.resolve("demo.json").toString(),
        "deploy", "hello", "--name", "live"));

    assertThat(capture.exitCode()).as(capture.raw()).isZero();
    // the bar is redrawn in place: carriage return + erase line before each state, step names shown
    assertThat(capture.raw()).contains("\r\u001b[2Kdeploy live [");
    for (String step : List.of("create", "start", "install-docker", "compose-up", "health")) {
      assertThat(capture.raw()).as("step " + step).contains("% " + "\u001b[1m" + step);
    }
    assertThat(capture.raw()).doesNotContain("deploy live [ 25%]");
    if (!capture.screen().isEmpty()) {
      // the screen keeps one finished bar line, then the result
      assertThat(capture.screen()).contains("] 100% ").contains("deployed live");
      assertThat(capture.screen().lines().filter(l -> l.startsWith("deploy live [")).count()).isEqualTo(1);
    }
  }

  @Test
  void terminal_scriptFallbackAlsoGivesATerminal() throws Exception {
    Assumptions.assumeTrue(TerminalSession.has("script"), "script (util-linux) is not installed");

    TerminalSession.Capture capture =
        TerminalSession.script(dir, env(), List.of(LauncherIT.launcher().toString(), "--help"));

    assertThat(capture.exitCode()).isZero();
    assertThat(capture.raw()).contains("\u001b[");
  }
}
