package dev.proximity.examples.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the JDK's real {@code jshell} (of the JDK running the tests) with the SDK class path,
 * {@code proximity.jsh} as startup script and each example script, in demo mode.
 */
class JShellIT {
  static Path dir;
  static String classPath;
  static Path jshell;

  @TempDir Path home;

  @BeforeAll
  static void locate() throws IOException {
    dir = Path.of(System.getProperty("proximity.jshell.dir", ".")).toAbsolutePath();
    Path cpFile = Path.of(System.getProperty("proximity.jshell.classpath", "target/classpath.txt"));
    classPath = Files.readString(cpFile).strip() + File.pathSeparator
        + Path.of(System.getProperty("proximity.jshell.jar", "target/none.jar")).toAbsolutePath();
    jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
    Assumptions.assumeTrue(Files.isExecutable(jshell),
        "this Java runtime has no jshell (" + jshell + "); a full JDK is needed to run the JShell examples");
  }

  /** Runs jshell on a script and returns its whole output. */
  private String run(String script) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        jshell.toString(), "--class-path", classPath,
        "-R-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "--startup", "DEFAULT", "--startup", dir.resolve("proximity.jsh").toString(),
        dir.resolve("scripts").resolve(script).toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("HOME", home.toString());
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Path log = home.resolve(script + ".out");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("jshell did not finish " + script + ": " + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).as("no snippet failed").doesNotContain("Exception").doesNotContain("|  Error:");
    return output;
  }

  @Test
  void deployAndInspect_runsInDemoMode() throws Exception {
    String out = run("deploy-and-inspect.jsh");

    assertThat(out).contains("[100%] done").contains("deployed hello-jshell on ");
    assertThat(out).contains("status: RUNNING").contains("service web: running healthy");
    assertThat(out).contains("parameters: {").contains("GREETING=Hello from JShell");
    assertThat(out).contains("disk exit 0: /dev/");
    // the one-request listing knows the catalog app and its version from the container's tags
    assertThat(out).containsPattern("app hello-jshell +RUNNING +\\S+ +hello \\d");
    assertThat(out).containsPattern("app hello-jshell +RUNNING");
  }

  @Test
  void nightlyBackupReport_runsInDemoMode() throws Exception {
    String out = run("nightly-backup-report.jsh");

    assertThat(out).contains("backed up site -> ").contains("skipped status (STOPPED)");
    assertThat(out).containsPattern("site +1  20");
    assertThat(out).contains("NO BACKUP IN 24H").contains("report: 1 app(s) without a fresh backup");
  }

  @Test
  void bulkUpdateCheck_runsInDemoMode() throws Exception {
    String out = run("bulk-update-check.jsh");

    assertThat(out).containsPattern("site +hello +\\S+ +current");
    assertThat(out).contains("update check: all 2 apps are current");
  }
}
