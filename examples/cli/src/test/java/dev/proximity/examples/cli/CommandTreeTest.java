package dev.proximity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command tree itself: help everywhere, usage errors, exit codes, completion. */
class CommandTreeTest {
  @TempDir Path home;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(home);
  }

  /** Every command path, e.g. ["catalog", "show"], except picocli's own help command. */
  static List<List<String>> commandPaths() {
    List<List<String>> paths = new ArrayList<>();
    collect(Main.commandLine(new ProximityCommand(
        new CliEnvironment(System.out, System.err, java.util.Map.of(), false, Path.of(".")))), new ArrayList<>(), paths);
    return paths;
  }

  private static void collect(CommandLine command, List<String> prefix, List<List<String>> out) {
    for (var entry : command.getSubcommands().entrySet()) {
      if (entry.getKey().equals("help")) {
        continue;
      }
      List<String> path = new ArrayList<>(prefix);
      path.add(entry.getKey());
      out.add(path);
      collect(entry.getValue(), path, out);
    }
  }

  @Test
  void help_everyCommandHasDescriptionAndExamples() {
    List<List<String>> paths = commandPaths();
    assertThat(paths).isNotEmpty();
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliRunner.Result r = cli.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(String.join(" ", path)).isZero();
      assertThat(r.out()).as(String.join(" ", path))
          .startsWith("Usage: proximity " + String.join(" ", path))
          .contains("Examples:")
          .contains("  proximity ");
      assertThat(r.err()).isEmpty();
    }
  }

  @Test
  void help_rootListsExitCodesAndCommands() {
    CliRunner.Result r = cli.run("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Exit codes:").contains("  0   ok").contains("  3   not found").contains("Commands:");
    for (List<String> path : commandPaths()) {
      if (path.size() == 1) {
        assertThat(r.out()).contains("  " + path.get(0) + " ");
      }
    }
  }

  @Test
  void help_isPlainWithoutTerminalAndWithNoColor() {
    assertThat(cli.run("--help").out()).doesNotContain("\u001b[");
    assertThat(cli.terminal(true).env("NO_COLOR", "1").run("--help").out()).doesNotContain("\u001b[");
    assertThat(cli.terminal(true).env("NO_COLOR", "").env("TERM", "xterm").run("--help").out()).contains("\u001b[");
  }

  @Test
  void usage_unknownCommand_isOneLineWithSuggestion() {
    CliRunner.Result r = cli.run("confg");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).isEmpty();
    List<String> lines = r.err().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("error: unknown command 'confg'");
    assertThat(lines.get(1)).startsWith("hint: did you mean config").endsWith("? see 'proximity --help'");
  }

  @Test
  void usage_unknownOptionAndMissingCommand_exitTwo() {
    CliRunner.Result option = cli.run("config", "--bogus");
    CliRunner.Result none = cli.run();

    assertThat(option.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(option.err()).startsWith("error: unknown option '--bogus' for proximity config\n");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).startsWith("error: proximity needs a command\n");
  }

  @Test
  void usage_errorIsRedOnlyOnATerminal() {
    assertThat(cli.run("nope").err()).startsWith("error:");
    assertThat(cli.terminal(true).env("TERM", "xterm").run("nope").err()).startsWith("\u001b[31merror:");
    assertThat(cli.terminal(true).run("--no-color", "nope").err()).startsWith("error:");
  }

  @Test
  void version_printsVersion() {
    CliRunner.Result r = cli.run("--version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("proximity ");
  }

  @Test
  void completion_printsBashScriptCoveringEveryCommand() throws Exception {
    CliRunner.Result r = cli.run("completion");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("complete -F _complete_proximity").contains("--json");
    for (List<String> path : commandPaths()) {
      assertThat(r.out()).contains(path.get(path.size() - 1));
    }
    Path script = home.resolve("proximity-completion.bash");
    Files.writeString(script, r.out(), StandardCharsets.UTF_8);
    assertBashAccepts(script);
  }

  private static void assertBashAccepts(Path script) throws IOException, InterruptedException {
    Path bash = Path.of("/bin/bash");
    Assumptions.assumeTrue(Files.isExecutable(bash), "bash is not installed: cannot syntax-check the completion script");
    Process p = new ProcessBuilder(bash.toString(), "-n", script.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }
}
