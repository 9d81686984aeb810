package dev.proximity.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real CLI main in-process with captured output, a private home and chosen variables. */
final class CliRunner {
  private final Path home;
  private final Map<String, String> env = new HashMap<>();
  private boolean terminal;

  CliRunner(Path home) {
    this.home = home;
  }

  CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  CliRunner terminal(boolean terminal) {
    this.terminal = terminal;
    return this;
  }

  Path home() {
    return home;
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = Main.run(new CliEnvironment(o, e, env, terminal, home), args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  /** The outcome of one run. */
  record Result(int exitCode, String out, String err) {
    JsonNode json() {
      try {
        return CliJson.mapper().readTree(out);
      } catch (Exception e) {
        throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
