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
  void terminal_scriptFallbackAlsoGivesATerminal() throws Exception {
    Assumptions.assumeTrue(TerminalSession.has("script"), "script (util-linux) is not installed");

    TerminalSession.Capture capture =
        TerminalSession.script(dir, env(), List.of(LauncherIT.launcher().toString(), "--help"));

    assertThat(capture.exitCode()).isZero();
    assertThat(capture.raw()).contains("\u001b[");
  }
}
