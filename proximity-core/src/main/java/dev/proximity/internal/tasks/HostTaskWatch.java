package dev.proximity.internal.tasks;

import dev.proximity.pve.TaskEndWatch;
import dev.proximity.pve.TaskWatchException;
import dev.proximity.pve.model.Upid;
import dev.proximity.spi.HostShell;
import dev.proximity.spi.HostShellFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TaskEndWatch} over host shells: one long-lived {@code bash} per node watches the worker
 * processes of the tasks being waited for, reading only {@code /proc/PID/stat}.
 *
 * <p>Protocol ({@link #SCRIPT}): the SDK writes {@code PID PSTART} (decimal) per watched process;
 * the script answers with the same line once that process no longer runs with that start time,
 * which is exactly when Proxmox stops reporting the task as {@code running}. Watches of the same
 * process share one line. A node's session opens on its first watch, off the caller's thread
 * (starting an SSH command blocks for a round trip or a connect), closes as soon as nothing on the
 * node is watched (no timers, so no channel is held between waits) and reopens on the next watch.
 * When a session cannot start, ends or fails, every watch pending on it fails with a
 * {@link TaskWatchException} (their waits poll) and the next watch starts a new one, except after
 * a session could not start at all (no free channel, no connection, no bash): then the node is
 * left alone for {@link #START_RETRY_AFTER}, doubling with each failure in a row up to
 * {@link #START_RETRY_MAX}, its waits poll without asking, and the first failure of a run is
 * logged at WARN.
 *
 * <p>Thread-safe; {@link #watch(Upid)} never blocks on the network. {@link #close()} ends every
 * session; the shell factory is the caller's and stays open.
 */
public final class HostTaskWatch implements TaskEndWatch, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HostTaskWatch.class);

  /**
   * The fourth argv element ({@code $0} of the script): names the command in {@code ps} on the
   * host and lets the SSH host simulator recognise it.
   */
  public static final String MARKER = "proximity-task-watch";

  /**
   * The watch script, run as {@code bash -c SCRIPT proximity-task-watch}.
   *
   * <ul>
   *   <li>stdin: {@code PID PSTART} lines; other lines are ignored; end of input exits 0.
   *   <li>stdout: each watched line again, once, as soon as {@code /proc/PID/stat} is missing or
   *       its start time (field 22) differs from PSTART: checked at once when the line arrives,
   *       then every 50 ms while anything is watched; with nothing watched it blocks on stdin.
   * </ul>
   *
   * <p>A read that times out mid-line keeps the partial text ({@code p}) for the next read, so a
   * line split across SSH packets is not lost. {@code comm} (field 2) may hold spaces and
   * {@code )}, so everything through the last {@code ") "} is dropped and the start time is the
   * 20th remaining field. A zombie keeps its stat line, as in Proxmox's own check.
   */
  public static final String SCRIPT = String.join("\n",
      "declare -A w",
      "p= re='^[0-9]+ [0-9]+$'",
      "while :; do",
      "  if ((${#w[@]})); then IFS= read -r -t 0.05 l; r=$?; else IFS= read -r l; r=$?; fi",
      "  if ((r == 0)); then",
      "    l=$p$l p=",
      "    [[ $l =~ $re ]] && w[$l]=1",
      "  elif ((r > 128)); then",
      "    p+=$l",
      "  else",
      "    exit 0",
      "  fi",
      "  for k in \"${!w[@]}\"; do",
      "    s=",
      "    { read -r s < \"/proc/${k% *}/stat\"; } 2>/dev/null",
      "    s=${s##*) }",
      "    set -f; set -- $s; set +f",
      "    [[ ${20-} == \"${k#* }\" ]] || { echo \"$k\"; unset \"w[$k]\"; }",
      "  done",
      "done");

  private static final List<String> ARGV = List.of("bash", "-c", SCRIPT, MARKER);

  /**
   * How long a node whose watch command could not start is first left alone: its waits poll
   * instead of each trying (and failing) to open an SSH channel. Each further failure in a row
   * doubles it, up to {@link #START_RETRY_MAX}: a node whose channels are all busy for a moment
   * gets its watch back soon, one that cannot run it at all is asked once a minute.
   */
  public static final Duration START_RETRY_AFTER = Duration.ofSeconds(5);
  /** The longest a node whose watch command keeps failing to start is left alone. */
  public static final Duration START_RETRY_MAX = Duration.ofMinutes(1);

  private final HostShellFactory shells;
  /** Opens, feeds and closes sessions, so that no caller waits for the network. */
  private final Executor background;
  /** The pool behind {@link #background} when this watch made it; null when it was given. */
  private final ExecutorService ownBackground;
  private final Map<String, Node> nodes = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile boolean closed;

  /**
   * Creates the watch; nothing starts until the first {@link #watch(Upid)}.
   *
   * @param shells the host shells, or null when none is configured (then nothing is watched)
   */
  public HostTaskWatch(HostShellFactory shells) {
    this(shells, Clock.systemUTC());
  }

  /**
   * Creates the watch; nothing starts until the first {@link #watch(Upid)}.
   *
   * @param shells the host shells, or null when none is configured (then nothing is watched)
   * @param clock tells when a node whose watch command could not start is tried again
   */
  public HostTaskWatch(HostShellFactory shells, Clock clock) {
    this(shells, null, clock);
  }

  /**
   * Creates the watch with the executor that opens, feeds and closes sessions; tests pass a
   * direct one to make every step synchronous.
   *
   * @param shells the host shells, or null when none is configured
   * @param background runs the network steps, or null for the watch's own daemon threads
   * @param clock tells when a node whose watch command could not start is tried again
   */
  HostTaskWatch(HostShellFactory shells, Executor background, Clock clock) {
    this.shells = shells;
    this.clock = Objects.requireNonNull(clock, "clock");
    if (background != null) {
      this.background = background;
      this.ownBackground = null;
    } else {
      AtomicInteger threads = new AtomicInteger();
      // Threads only while sessions open, are fed or close; idle ones end after a minute.
      this.ownBackground = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
          new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "proximity-task-watch-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      this.background = ownBackground;
    }
  }

  /**
   * Returns the host argv of the watch command.
   *
   * @return {@code ["bash", "-c", SCRIPT, "proximity-task-watch"]}
   */
  public static List<String> argv() {
    return ARGV;
  }

  /**
   * Watches the task's worker process on its node.
   *
   * @param upid the task
   * @return the future (see {@link TaskEndWatch#watch(Upid)}); empty when no shell factory is
   *     configured, the node has no shell, or this watch is closed
   */
  @Override
  public Optional<CompletableFuture<Void>> watch(Upid upid) {
    Objects.requireNonNull(upid, "upid");
    if (shells == null || closed) {
      return Optional.empty();
    }
    HostShell shell;
    try {
      shell = shells.forNode(upid.node());
    } catch (RuntimeException e) {
      log.debug("node {}: no host shell, its tasks are not watched: {}", upid.node(),
          e.getMessage());
      return Optional.empty();
    }
    Node node = nodes.computeIfAbsent(upid.node(), Node::new);
    if (node.refusedUntil(clock.instant())) {
      return Optional.empty();
    }
    return Optional.ofNullable(node.watch(shell, upid.pid() + " " + upid.pstart()));
  }

  /**
   * Ends every session; watches still pending fail with a {@link TaskWatchException}, later
   * {@link #watch(Upid)} calls return empty. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    nodes.values().forEach(Node::close);
    if (ownBackground != null) {
      ownBackground.shutdown();
    }
  }

  @Override
  public String toString() {
    return "HostTaskWatch[nodes=" + nodes.keySet() + "]";
  }

  /** Runs a step in the background; after {@link #close()} it runs on the calling thread. */
  private void later(Runnable step) {
    try {
      background.execute(step);
    } catch (RejectedExecutionException e) {
      step.run();
    }
  }

  /** One opened (or opening) watch command and the processes it was asked to watch. */
  private static final class Session {
    /** Watched lines and their futures; guarded by the node. */
    final Map<String, List<CompletableFuture<Void>>> watched = new HashMap<>();
    /** Set once started, while the session is still wanted; guarded by the node. */
    HostShell.LineSession live;
  }

  /** The watch state of one node; every field is guarded by {@code this}. */
  private final class Node {
    private final String name;
    private Session current;
    /** Until when the node is left alone after its watch command could not start; null when not. */
    private Instant retryAt;
    /** How many times in a row the watch command could not start. */
    private int startFailures;

    Node(String name) {
      this.name = name;
    }

    synchronized boolean refusedUntil(Instant now) {
      return retryAt != null && now.isBefore(retryAt);
    }

    /** Adds a watch; returns null when the watch is closed. */
    CompletableFuture<Void> watch(HostShell shell, String line) {
      CompletableFuture<Void> future = new CompletableFuture<>();
      Session s;
      HostShell.LineSession send = null;
      boolean open = false;
      synchronized (this) {
        if (closed) {
          return null;
        }
        s = current;
        if (s == null) {
          s = new Session();
          current = s;
          open = true;
        }
        List<CompletableFuture<Void>> sharing = s.watched.computeIfAbsent(line,
            k -> new ArrayList<>());
        if (sharing.isEmpty()) {
          // Only the first watch of a process sends its line: the script reports it once.
          send = s.live;
        }
        sharing.add(future);
      }
      Session session = s;
      if (open) {
        later(() -> open(session, shell));
      }
      future.whenComplete((v, e) -> {
        if (future.isCancelled()) {
          forget(session, line, future);
        }
      });
      if (send != null) {
        HostShell.LineSession target = send;
        later(() -> send(session, target, List.of(line)));
      }
      return future;
    }

    private void open(Session s, HostShell shell) {
      HostShell.LineSession started;
      try {
        started = shell.session(ARGV, line -> reported(s, line));
      } catch (RuntimeException e) {
        Duration pause;
        int failures;
        synchronized (this) {
          failures = ++startFailures;
          pause = START_RETRY_AFTER.multipliedBy(1L << Math.min(failures - 1, 10));
          pause = pause.compareTo(START_RETRY_MAX) > 0 ? START_RETRY_MAX : pause;
          retryAt = clock.instant().plus(pause);
        }
        // Once per run of failures at WARN: the waits only get slower, and the next tries repeat it.
        if (failures == 1) {
          log.warn("node {}: the task watch could not start ({}); task waits on the node poll their"
              + " status instead, and the watch is tried again in {} s", name, e.getMessage(),
              pause.toSeconds());
        } else {
          log.debug("node {}: the task watch could not start again ({}); next try in {} s", name,
              e.getMessage(), pause.toSeconds());
        }
        ended(s, "the watch command could not start (" + e.getMessage() + ")", e);
        return;
      }
      synchronized (this) {
        retryAt = null;
        startFailures = 0;
      }
      List<String> lines;
      synchronized (this) {
        // Every watch may have been cancelled (or the watch closed) while it started.
        if (s != current) {
          lines = null;
        } else {
          s.live = started;
          lines = List.copyOf(s.watched.keySet());
        }
      }
      if (lines == null) {
        started.close();
        return;
      }
      started.exited().whenComplete((code, e) -> {
        Throwable cause = e instanceof CompletionException && e.getCause() != null
            ? e.getCause() : e;
        ended(s, cause != null ? "the watch command failed (" + cause.getMessage() + ")"
            : exitDetail(code), cause);
      });
      send(s, started, lines);
    }

    private void send(Session s, HostShell.LineSession target, List<String> lines) {
      try {
        for (String line : lines) {
          target.send(line);
        }
      } catch (RuntimeException e) {
        // Fail the watches first: closing ends the session, which would report a plain stop.
        ended(s, "sending to the watch command failed (" + e.getMessage() + ")", e);
        target.close();
      }
    }

    /** A line of the script: the process it names has ended. */
    private void reported(Session s, String line) {
      List<CompletableFuture<Void>> done;
      HostShell.LineSession idle = null;
      synchronized (this) {
        done = s.watched.remove(line);
        if (done == null) {
          return;
        }
        if (s.watched.isEmpty() && s == current) {
          current = null;
          idle = s.live;
        }
      }
      if (idle != null) {
        later(idle::close);
      }
      // Off the shell's reader thread: what the waits do next must not hold up further reports.
      later(() -> done.forEach(f -> f.complete(null)));
    }

    /** A cancelled watch: forgets it, and ends the session when nothing is left to watch. */
    private void forget(Session s, String line, CompletableFuture<Void> future) {
      HostShell.LineSession idle = null;
      synchronized (this) {
        List<CompletableFuture<Void>> sharing = s.watched.get(line);
        if (sharing == null || !sharing.remove(future)) {
          return;
        }
        if (sharing.isEmpty()) {
          // The script keeps watching the process; its report, if any, is then ignored.
          s.watched.remove(line);
        }
        if (s.watched.isEmpty() && s == current) {
          current = null;
          idle = s.live;
        }
      }
      if (idle != null) {
        later(idle::close);
      }
    }

    /** The session cannot start, has ended or failed: every watch still on it fails. */
    private void ended(Session s, String detail, Throwable cause) {
      List<CompletableFuture<Void>> pending = new ArrayList<>();
      synchronized (this) {
        if (s == current) {
          current = null;
        }
        s.watched.values().forEach(pending::addAll);
        s.watched.clear();
      }
      if (pending.isEmpty()) {
        return;
      }
      TaskWatchException failure = new TaskWatchException(name, detail, cause);
      log.debug("{} pending task watches failed", pending.size(), failure);
      pending.forEach(f -> f.completeExceptionally(failure));
    }

    void close() {
      Session s;
      HostShell.LineSession live;
      synchronized (this) {
        s = current;
        current = null;
        live = s == null ? null : s.live;
      }
      if (s != null) {
        ended(s, "the watch was closed", null);
      }
      if (live != null) {
        live.close();
      }
    }
  }

  private static String exitDetail(OptionalInt code) {
    return code.isPresent() ? "the watch command exited with status " + code.getAsInt()
        : "the watch command was stopped";
  }
}
