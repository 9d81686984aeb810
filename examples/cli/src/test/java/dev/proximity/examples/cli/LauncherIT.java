package dev.proximity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged fat jar through the {@code proximity} launcher script, as a user would. */
class LauncherIT {
  @TempDir Path home;

  static Path launcher() {
    return Path.of(System.getProperty("proximity.cli.launcher", "proximity")).toAbsolutePath();
  }

  static Path jar() {
    return Path.of(System.getProperty("proximity.cli.jar", "target/none.jar")).toAbsolutePath();
  }

  /** Runs the launcher with a private HOME and the running JDK, returning exit code and output. */
  static CliRunner.Result run(Path home, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(launcher().toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("PROXIMITY_CONFIG");
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("launcher finished").isTrue();
    return new CliRunner.Result(
        p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void launcher_runsTheFatJar() throws Exception {
    assertThat(jar()).exists();

    CliRunner.Result version = run(home, "--version");
    CliRunner.Result help = run(home, "--help");
    CliRunner.Result usage = run(home, "nope");

    assertThat(version.exitCode()).as(version.toString()).isZero();
    assertThat(version.out()).startsWith("proximity 0.");
    assertThat(help.out()).contains("Exit codes:").doesNotContain("\u001b[");
    assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(usage.err()).startsWith("error: unknown command 'nope'");
  }

  @Test
  void launcher_withoutJar_saysHowToBuildIt() throws Exception {
    Path lonely = home.resolve("bin/proximity");
    Files.createDirectories(lonely.getParent());
    Files.copy(launcher(), lonely);
    ProcessBuilder pb = new ProcessBuilder(lonely.toString(), "--version").redirectErrorStream(true);
    pb.environment().remove("PROXIMITY_JAR");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(output).contains("error: the proximity jar was not found").contains("hint: build it with");
  }
}
