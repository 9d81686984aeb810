package dev.proximity.testkit.ssh;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A fault the SSH host simulator injects into matching commands: a non-zero exit, a hang until
 * the client gives up, or a dropped connection. Matched against the host argv (for a command in
 * a container that is {@code pct exec VMID -- ...}). Thread-safe.
 *
 * <pre>{@code
 * sim.addFault(SimFault.exit(SimFault.argvContains("pull"), 1, "toomanyrequests").times(1));
 * sim.addFault(SimFault.hang(argv -> argv.contains("up")));
 * }</pre>
 */
public final class SimFault {

  /** What the fault does. */
  public enum Kind {
    /** The command prints {@link #stderr()} and exits with {@link #exitCode()}. */
    EXIT,
    /** The command never ends; it is released when the client closes the channel. */
    HANG,
    /** The whole SSH connection is dropped without an exit status. */
    DROP_CONNECTION
  }

  private final Kind kind;
  private final Predicate<List<String>> matcher;
  private final int exitCode;
  private final String stderr;
  private final AtomicInteger remaining;

  private SimFault(Kind kind, Predicate<List<String>> matcher, int exitCode, String stderr,
      int times) {
    this.kind = kind;
    this.matcher = Objects.requireNonNull(matcher, "matcher");
    this.exitCode = exitCode;
    this.stderr = stderr;
    this.remaining = new AtomicInteger(times);
  }

  /**
   * Makes matching commands fail.
   *
   * @param matcher selects commands by host argv
   * @param exitCode the exit code, 1..255
   * @param stderr what the command prints on standard error
   * @return the fault, applying to every match until {@link #times(int)} limits it
   */
  public static SimFault exit(Predicate<List<String>> matcher, int exitCode, String stderr) {
    if (exitCode < 1 || exitCode > 255) {
      throw new IllegalArgumentException("exitCode must be within 1..255");
    }
    return new SimFault(Kind.EXIT, matcher, exitCode, Objects.requireNonNull(stderr), -1);
  }

  /**
   * Makes matching commands hang until the client closes the channel.
   *
   * @param matcher selects commands by host argv
   * @return the fault
   */
  public static SimFault hang(Predicate<List<String>> matcher) {
    return new SimFault(Kind.HANG, matcher, 0, "", -1);
  }

  /**
   * Makes matching commands drop the SSH connection they arrived on.
   *
   * @param matcher selects commands by host argv
   * @return the fault
   */
  public static SimFault dropConnection(Predicate<List<String>> matcher) {
    return new SimFault(Kind.DROP_CONNECTION, matcher, 0, "", -1);
  }

  /**
   * A matcher for argv containing all the given words.
   *
   * @param words the words
   * @return the matcher
   */
  public static Predicate<List<String>> argvContains(String... words) {
    List<String> wanted = List.of(words);
    return argv -> argv.containsAll(wanted);
  }

  /**
   * Returns a copy of this fault that applies to the next {@code times} matches only.
   *
   * @param times at least 1
   * @return the limited fault
   */
  public SimFault times(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1");
    }
    return new SimFault(kind, matcher, exitCode, stderr, times);
  }

  /**
   * Returns what the fault does.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the exit code of an {@link Kind#EXIT} fault.
   *
   * @return the exit code
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * Returns the standard error of an {@link Kind#EXIT} fault.
   *
   * @return the text
   */
  public String stderr() {
    return stderr;
  }

  /** Claims one application of this fault for argv, if it matches and is not used up. */
  boolean claim(List<String> argv) {
    if (!matcher.test(argv)) {
      return false;
    }
    while (true) {
      int left = remaining.get();
      if (left == 0) {
        return false;
      }
      if (left < 0 || remaining.compareAndSet(left, left - 1)) {
        return true;
      }
    }
  }
}
