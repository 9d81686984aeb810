package dev.proximity.examples.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a command on a real terminal: a detached tmux session on a private server socket, with the
 * pane's raw output recorded. Where tmux is missing, {@code script -q} gives the command a pty
 * instead (no screen capture then). Skips the test with a clear reason when neither is installed.
 *
 * <p>No sleeps: the command waits on a tmux channel until recording has started, and signals another
 * channel when it is done; the test blocks on that channel.
 */
final class TerminalSession {
  /** What the command printed on the terminal. */
  record Capture(int exitCode, String raw, String screen) {}

  private TerminalSession() {}

  static boolean has(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Skips the calling test when no terminal driver is installed. */
  static void assumeAvailable() {
    Assumptions.assumeTrue(
        has("tmux") || has("script"),
        "neither tmux nor script (util-linux) is installed: cannot give the CLI a real terminal;"
            + " install one (apt-get install tmux) to run this test");
  }

  /**
   * Runs the command on a 120x30 terminal and returns its raw output and, with tmux, the final screen.
   *
   * @param dir a scratch directory
   * @param env extra environment variables
   * @param command the program and its arguments
   */
  static Capture run(Path dir, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    assumeAvailable();
    return has("tmux") ? tmux(dir, env, command) : script(dir, env, command);
  }

  private static Capture tmux(Path dir, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    String socket = "proximity-cli-test-" + UUID.randomUUID();
    Path raw = dir.resolve("raw.log");
    Path exit = dir.resolve("exit.txt");
    Path conf = dir.resolve("tmux.conf");
    Files.writeString(conf, "set -g remain-on-exit on\nset -g history-limit 5000\n");
    Path runner = dir.resolve("run.sh");
    StringBuilder sh = new StringBuilder("#!/bin/sh\n");
    env.forEach((k, v) -> sh.append("export ").append(k).append('=').append(quote(v)).append('\n'));
    sh.append("unset NO_COLOR\n");
    sh.append("tmux -L ").append(socket).append(" wait-for go\n");
    for (String word : command) {
      sh.append(quote(word)).append(' ');
    }
    sh.append("\necho $? > ").append(quote(exit.toString())).append('\n');
    sh.append("tmux -L ").append(socket).append(" wait-for -S done\n");
    Files.writeString(runner, sh.toString());
    runner.toFile().setExecutable(true);
    try {
      // a second session keeps the server up while the command's pane is torn down
      exec("tmux", "-L", socket, "-f", conf.toString(), "new-session", "-d", "-s", "keeper", "/bin/sh");
      exec("tmux", "-L", socket, "new-session", "-d", "-s", "t", "-x", "120", "-y", "30",
          "env", "TERM=xterm-256color", "/bin/sh", runner.toString());
      // the pane's output goes to a file; the pipe signals "piped" once it has written everything
      exec("tmux", "-L", socket, "pipe-pane", "-t", "t", "-o",
          "cat > " + quote(raw.toString()) + "; tmux -L " + socket + " wait-for -S piped");
      exec("tmux", "-L", socket, "wait-for", "-S", "go");
      exec("tmux", "-L", socket, "wait-for", "done");
      // -S -: from the start of the history, as the dead-pane notice may scroll the screen by a line
      String screen = exec("tmux", "-L", socket, "capture-pane", "-p", "-S", "-", "-t", "t");
      exec("tmux", "-L", socket, "kill-session", "-t", "t");
      exec("tmux", "-L", socket, "wait-for", "piped");
      return new Capture(
          Integer.parseInt(Files.readString(exit).trim()),
          Files.readString(raw, StandardCharsets.UTF_8),
          screen);
    } finally {
      new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  static Capture script(Path dir, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    Path raw = dir.resolve("typescript");
    StringBuilder line = new StringBuilder();
    for (String word : command) {
      line.append(quote(word)).append(' ');
    }
    ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", line.toString().trim(), raw.toString());
    pb.environment().putAll(env);
    pb.environment().put("TERM", "xterm-256color");
    pb.environment().remove("NO_COLOR");
    pb.redirectInput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("command on the pty did not finish: " + command);
    }
    return new Capture(p.exitValue(), Files.readString(raw, StandardCharsets.UTF_8), "");
  }

  private static String exec(String... argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(List.of(argv))).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", argv));
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", argv) + " failed: " + out);
    }
    return out;
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
