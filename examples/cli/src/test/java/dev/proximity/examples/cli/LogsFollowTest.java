package dev.proximity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logs --follow}: streams until --for has passed, then exits cleanly. */
class LogsFollowTest {
  @TempDir Path home;

  @Test
  void follow_printsTheTailThenStopsAfterFor() {
    CliRunner cli = new CliRunner(home).env("PROXIMITY_DEMO_STATE", home.resolve("demo.json").toString());
    assertThat(cli.run("--demo", "deploy", "hello", "--name", "web").exitCode()).isZero();

    CliRunner.Result r = cli.run("--demo", "logs", "web", "--follow", "--for", "2s", "--tail", "10");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("web");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void follow_refusesJsonAndForWithoutFollow() {
    CliRunner cli = new CliRunner(home);

    CliRunner.Result json = cli.run("--demo", "logs", "web", "--follow", "--json");
    CliRunner.Result forOnly = cli.run("--demo", "logs", "web", "--for", "2s");

    assertThat(json.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(json.err()).startsWith("error: --follow prints lines as they come; it has no JSON form");
    assertThat(forOnly.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(forOnly.err()).startsWith("error: --for only applies with --follow");
  }
}
