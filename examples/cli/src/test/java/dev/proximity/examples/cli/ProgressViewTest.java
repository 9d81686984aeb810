package dev.proximity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressViewTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private CliEnvironment env(boolean terminal, Map<String, String> vars) {
    return new CliEnvironment(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        vars,
        terminal,
        Path.of("."));
  }

  @Test
  void terminal_redrawsOneLineInPlace() {
    CliEnvironment env = env(true, Map.of("TERM", "xterm"));
    try (ProgressView view = ProgressView.forEnvironment(env, new Style(false), "deploy web", env.out())) {
      assertThat(view).isInstanceOf(ProgressView.Bar.class);
      view.update("create-container", 25, "vmid 101");
      view.update("start", 50, "");
      view.update("done", 100, "");
    }
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(text).startsWith("\r\u001b[2Kdeploy web [======>                 ]  25% create-container: vmid 101");
    assertThat(text).contains("\r\u001b[2Kdeploy web [============>           ]  50% start");
    assertThat(text).endsWith("\r\u001b[2Kdeploy web [========================] 100% done" + System.lineSeparator());
    assertThat(text.chars().filter(c -> c == '\n').count()).as("one finished line").isEqualTo(1);
  }

  @Test
  void terminal_cutsTheLineToTheTerminalWidth() {
    ProgressView.Bar bar = new ProgressView.Bar(new PrintStream(out), new Style(false), "deploy web", 60);

    String line = bar.render("create-container", 10, "a very long message that does not fit in sixty columns");

    assertThat(line.length()).isLessThanOrEqualTo(59);
    assertThat(line).endsWith("~");
  }

  @Test
  void notATerminal_printsOneLinePerStep() {
    CliEnvironment env = env(false, Map.of());
    try (ProgressView view = ProgressView.forEnvironment(env, new Style(false), "deploy web", env.out())) {
      view.update("create-container", 25, "vmid 101");
      view.update("create-container", 30, "still");
      view.update("start", 50, "");
    }

    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
        .containsExactly("deploy web [ 25%] create-container  vmid 101", "deploy web [ 50%] start");
  }

  @Test
  void dumbTerminal_getsPlainLines() {
    CliEnvironment env = env(true, Map.of("TERM", "dumb"));

    assertThat(ProgressView.forEnvironment(env, new Style(false), "x", env.out())).isInstanceOf(ProgressView.Lines.class);
    assertThat(env.colours()).isFalse();
  }

  @Test
  void colours_onlyOnTerminalWithoutNoColor() {
    assertThat(env(true, Map.of()).colours()).isTrue();
    assertThat(env(false, Map.of()).colours()).isFalse();
    assertThat(env(true, Map.of("NO_COLOR", "1")).colours()).isFalse();
    assertThat(env(true, Map.of("NO_COLOR", "")).colours()).isTrue();
  }
}
