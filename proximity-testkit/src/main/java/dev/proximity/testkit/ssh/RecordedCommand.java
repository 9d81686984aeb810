package dev.proximity.testkit.ssh;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One command line the SSH host simulator received, as sent and as split into words.
 *
 * @param node the node whose listener received it
 * @param user the SSH user
 * @param line the raw command line of the exec request
 * @param argv the words a POSIX shell would make of it; empty when the line used syntax the
 *     simulator refuses (then the command failed with exit code 2)
 * @param time when it arrived, by the simulator's clock
 */
public record RecordedCommand(String node, String user, String line, List<String> argv,
    Instant time) {

  /**
   * Copies argv.
   *
   * @param node the node whose listener received it
   * @param user the SSH user
   * @param line the raw command line of the exec request
   * @param argv the words a POSIX shell would make of it; empty when the line used syntax the simulator refuses (then the command failed with exit code 2)
   * @param time when it arrived, by the simulator's clock
   */
  public RecordedCommand {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(line, "line");
    argv = List.copyOf(argv);
  }

  /**
   * For {@code pct exec VMID -- argv...}, the argv run inside the container.
   *
   * @return the inner argv, or empty when this was not a {@code pct exec}
   */
  public List<String> containerArgv() {
    if (argv.size() >= 3 && argv.get(0).equals("pct") && argv.get(1).equals("exec")) {
      int from = argv.size() > 3 && argv.get(3).equals("--") ? 4 : 3;
      return argv.subList(from, argv.size());
    }
    return List.of();
  }
}
