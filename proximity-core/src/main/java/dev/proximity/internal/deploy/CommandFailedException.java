package dev.proximity.internal.deploy;

import dev.proximity.ProximityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A command inside an app container exited non-zero. Carries the output tail for the {@code
 * DeployException} that wraps it; the argv shown is the fixed contract argv, never user input.
 */
public final class CommandFailedException extends ProximityException {
  private static final long serialVersionUID = 1L;
  private static final int TAIL = 20;

  private final int exitCode;
  private final transient List<String> tail;

  /**
   * Creates the exception.
   *
   * @param what what the command was for, e.g. {@code docker compose up}
   * @param vmid the container
   * @param exitCode the exit code
   * @param output stdout and stderr
   */
  public CommandFailedException(String what, int vmid, int exitCode, String output) {
    super(what + " in CT " + vmid + " exited with " + exitCode);
    this.exitCode = exitCode;
    this.tail = tailOf(output);
  }

  /** @return the exit code */
  public int exitCode() {
    return exitCode;
  }

  /** @return the last lines of the output */
  public List<String> tail() {
    return tail;
  }

  static List<String> tailOf(String output) {
    if (output == null || output.isBlank()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>(Arrays.asList(output.strip().split("\r?\n")));
    return List.copyOf(lines.subList(Math.max(0, lines.size() - TAIL), lines.size()));
  }
}
