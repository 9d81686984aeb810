package dev.proximity.testkit.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The host's task watch, {@code bash -c SCRIPT proximity-task-watch}, run natively instead of the
 * script: stdin carries lines {@code PID PSTART}; each comes back on stdout once that process no
 * longer runs with that start time (at once if it does not run when the line arrives); lines of
 * another form are ignored; EOF on stdin ends it with 0. Like the script it looks again every
 * 50 ms while anything is watched and waits on stdin alone while nothing is. Whether a process runs
 * comes from the directory's {@link TaskProcesses}; without one nothing runs.
 *
 * <p>Two threads of the simulator's pool serve one watch: this one (checks and output) and a
 * reader that turns stdin into lines. The reader ends at EOF or when the channel closes (the
 * command's {@code destroy} closes stdin), and its end ends this one, so nothing outlives the
 * session.
 */
final class TaskWatch {
  /** The fourth argv element by which the SDK's watch command is recognised. */
  static final String MARKER = "proximity-task-watch";

  /** How often the real script reads /proc while anything is watched ({@code read -t 0.05}). */
  private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** The script's {@code [[ $line =~ ^[0-9]+\ [0-9]+$ ]]}. */
  private static final Pattern LINE = Pattern.compile("[0-9]+ [0-9]+");

  /** More digits than this cannot be a Linux pid or start time, and would overflow a long. */
  private static final int MAX_DIGITS = 18;

  private TaskWatch() {}

  /**
   * @param argv a host command's words
   * @return whether they are the task watch: exactly {@code bash -c <script> proximity-task-watch}
   */
  static boolean matches(List<String> argv) {
    return argv.size() == 4 && argv.get(0).equals("bash") && argv.get(1).equals("-c")
        && argv.get(3).equals(MARKER);
  }

  /**
   * Runs the watch until stdin ends.
   *
   * @param inv the invocation, with the channel's stdin
   * @return 0, at EOF on stdin
   * @throws InterruptedException when the simulator shuts down
   */
  static int run(Invocation inv) throws InterruptedException {
    // an empty Optional stands for the end of stdin
    BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    Future<?> reader = inv.sim.executor().submit(() -> read(inv.in, lines));
    try {
      Set<String> watched = new LinkedHashSet<>();
      while (true) {
        Optional<String> next = watched.isEmpty() ? lines.take()
            : lines.poll(CHECK_NANOS, TimeUnit.NANOSECONDS);
        if (next != null && next.isEmpty()) {
          inv.out.flush();
          return 0;
        }
        if (next != null && LINE.matcher(next.get()).matches()) {
          watched.add(next.get());
        }
        boolean wrote = false;
        for (Iterator<String> it = watched.iterator(); it.hasNext(); ) {
          String key = it.next();
          if (!running(inv, key)) {
            inv.out.print(key + "\n");
            it.remove();
            wrote = true;
          }
        }
        if (wrote) {
          inv.out.flush();
        }
      }
    } finally {
      reader.cancel(true);
    }
  }

  /** Splits stdin into lines; a last line without newline is dropped, as bash's read fails on it. */
  private static void read(InputStream in, BlockingQueue<Optional<String>> lines) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    try {
      if (in == null) {
        return;
      }
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines.add(Optional.of(line.toString(StandardCharsets.ISO_8859_1)));
            line.reset();
          } else {
            line.write(buffer[i]);
          }
        }
      }
    } catch (IOException e) {
      // the channel closed under the read: stdin has ended as surely as at EOF
    } finally {
      lines.add(Optional.empty());
    }
  }

  private static boolean running(Invocation inv, String key) {
    if (!(inv.sim.directory() instanceof TaskProcesses processes)) {
      return false;
    }
    int space = key.indexOf(' ');
    OptionalLong pid = number(key.substring(0, space));
    OptionalLong pstart = number(key.substring(space + 1));
    return pid.isPresent() && pstart.isPresent()
        && processes.processRunning(inv.node, pid.getAsLong(), pstart.getAsLong());
  }

  /**
   * Reads a number as the script matches it: {@code /proc/0123} does not exist and the start time
   * is compared as text, so only a canonical decimal can name a running process.
   */
  private static OptionalLong number(String digits) {
    if (digits.length() > MAX_DIGITS || (digits.length() > 1 && digits.charAt(0) == '0')) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(digits));
  }
}
