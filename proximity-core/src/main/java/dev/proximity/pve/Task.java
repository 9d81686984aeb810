package dev.proximity.pve;

import dev.proximity.internal.http.ApiRequest;
import dev.proximity.internal.http.ApiResponse;
import dev.proximity.internal.http.Futures;
import dev.proximity.internal.http.PathBuilder;
import dev.proximity.internal.http.TaskDurations;
import dev.proximity.internal.http.TaskPollSchedule;
import dev.proximity.internal.http.Transport;
import dev.proximity.internal.json.Json;
import dev.proximity.pve.model.TaskLogLine;
import dev.proximity.pve.model.TaskLogPage;
import dev.proximity.pve.model.TaskStatus;
import dev.proximity.pve.model.Upid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handle on a Proxmox task (a UPID): status, log, stop, and waiting for the end.
 *
 * <pre>{@code
 * Task task = pve.node("pve").lxc(105).start();
 * TaskStatus done = task.await(Duration.ofMinutes(2));   // throws TaskFailedException on error
 * }</pre>
 *
 * <p>Waiting polls the status on a schedule that learns. A task of a kind (node and worker type; a
 * {@code vzclone} started by {@link LxcApi#cloneTo} is {@code vzclone/full} or
 * {@code vzclone/linked}, as a copy and a snapshot differ by orders of magnitude) this
 * client has not seen end yet is polled at once, then after 100 ms, doubling, capped at 2 s. Each
 * task this client started and saw succeed teaches it when that kind ends (after the last poll that
 * saw it running, before the answer that saw it stopped); the next task of the kind is first polled
 * at that expected end, after one probe halfway while the end is known only loosely (each probe
 * halves the uncertainty until it is within 5 % of the duration plus 50 ms). A task that outlives the
 * expectation is polled every tenth of its elapsed time (100 ms to 2 s). So once a kind is learned,
 * its tasks are noticed within 5 % of their length plus 50 ms and the round trip, with one status
 * request each. What is learned is kept per client, for at most 256 kinds. Handles made from a UPID
 * ({@link PveClient#task(String)}) do not know when their task started and use the first schedule.
 * A handle from {@link #promptly()}, for a task other work is queued behind, polls more densely
 * near the end: a learned kind from the early edge of what was learned on, every 15 ms; an
 * unknown kind also at gaps from 50 ms growing 1.5 times, besides the doubling schedule's points.
 * No poll is scheduled past the wait's deadline. An exit status {@code WARNINGS: n} is success
 * unless {@link #failOnWarnings()} was used. A 400 answer during the first
 * {@link #VISIBILITY_GRACE} of waiting means the task is not visible yet and is polled again.
 *
 * <p>A client built with a {@link TaskEndWatch} ({@link PveClient.Builder#taskEndWatch}) does not
 * guess: each wait, ordinary or prompt, on a handle of any origin, asks the watch to watch the
 * task's worker process and reads the status once when it says the process ended, so a task of
 * any kind, the first of its kind too, costs one status request and is noticed as soon as the
 * watch sees the end. A kind the client has learned is still polled at its schedule's points up
 * to the learned end (a prompt wait through its grid), as a poll there notices sooner than the
 * watch's 50 ms look and its report; past them only the watch and the safety polls remain.
 * Besides, in case the watch stops without saying so, it polls 5 s after the
 * task's start and then at gaps doubling up to a minute (5, 15, 35, 75, 135 s...), and at the
 * deadline, so a timeout is still a {@link TaskTimeoutException}. When the watch cannot watch the
 * task, fails, or says the process ended while the status still says {@code running}, the wait
 * goes on as without a watch from then on, with the requests it sent so far (logged at DEBUG).
 * A wait that ends otherwise (a safety poll saw the end, a failure, the timeout, cancellation)
 * cancels the watch's future, which stops watching. What a watched wait learns is as sound as
 * ever: the task ended after the last request that saw it running, or after its start when none
 * did, and before the answer that saw it stopped.
 * Immutable and thread-safe.
 */
public final class Task {
  /** How long a 400 on the status of a just-started task is taken as "not visible yet". */
  public static final Duration VISIBILITY_GRACE = Duration.ofSeconds(5);

  static final int LOG_TAIL_LINES = 20;

  private static final Logger log = LoggerFactory.getLogger(Task.class);

  private final Transport transport;
  private final Upid upid;
  private final boolean failOnWarnings;
  /** Whether waits poll densely near the end, for work queued behind it. */
  private final boolean prompt;
  /** When the call that started the task answered; null for handles on tasks started elsewhere. */
  private final Instant startedAt;
  /** The worker type under which its duration is learned, refined where one type has variants. */
  private final String kind;

  Task(Transport transport, Upid upid, boolean failOnWarnings) {
    this(transport, upid, failOnWarnings, false, null, upid.type());
  }

  private Task(Transport transport, Upid upid, boolean failOnWarnings, boolean prompt,
      Instant startedAt, String kind) {
    this.transport = Objects.requireNonNull(transport);
    this.upid = Objects.requireNonNull(upid);
    this.failOnWarnings = failOnWarnings;
    this.prompt = prompt;
    this.startedAt = startedAt;
    this.kind = Objects.requireNonNull(kind);
  }

  /**
   * Returns a handle on a task the caller has just started, so waits on it can learn and use its
   * kind's duration.
   */
  static Task justStarted(Transport transport, Upid upid) {
    return justStarted(transport, upid, null);
  }

  /**
   * Returns a handle on a task the caller has just started whose worker type covers tasks of very
   * different lengths, learned apart: a full {@code vzclone} copies the disk, a linked one takes a
   * snapshot, and a kind learned from the slow variant would poll the fast one at the slow end.
   *
   * @param variant appended to the worker type for learning, or null for the worker type alone
   */
  static Task justStarted(Transport transport, Upid upid, String variant) {
    return new Task(transport, upid, false, false, transport.clock().instant(),
        variant == null ? upid.type() : upid.type() + "/" + variant);
  }

  /**
   * Returns the task id.
   *
   * @return the parsed UPID
   */
  public Upid upid() {
    return upid;
  }

  /**
   * Returns a handle whose waits also fail on {@code WARNINGS: n}.
   *
   * @return a new handle on the same task
   */
  public Task failOnWarnings() {
    return new Task(transport, upid, true, prompt, startedAt, kind);
  }

  /**
   * Returns a handle whose waits notice the end sooner, for a task whose end other work is queued
   * behind (a clone holding its source's disk lock while more clones of that source wait, a
   * download that several deploys wait for): the delay before the next piece of work starts adds
   * up along the queue, so a few more status requests are worth it. A kind of task the client has
   * learned is polled from the early edge of its learned interval on, every 15 ms (wider steps
   * when the interval is wide, at most 6 of them) until its late edge and for as many steps beyond
   * it, then as an ordinary wait: at most 14 status requests before the ordinary schedule, and an
   * end within that span is noticed within one step plus the round trip. A kind it has not seen end
   * yet is polled at once, then at gaps from 50 ms growing 1.5 times while under 2 s, and also at
   * each point of the ordinary schedule (100, 300, 700, 1500, 3100 ms after the start, then every
   * 2 s), so never later than an ordinary wait would look. Prompt waits teach the kind's duration like ordinary ones,
   * and more closely; when the first look, at the early edge, already sees the task ended, the
   * early edge moves back by the learned interval's width (at least 30 ms), as tasks of a kind
   * vary. Everything else is as for {@link #await(Duration)}.
   *
   * <pre>{@code
   * Task clone = pve.node("pve").lxc(9000).cloneTo(CloneRequest.linked(120));
   * clone.promptly().await(Duration.ofMinutes(1));   // the next clone of 9000 waits for this one
   * }</pre>
   *
   * @return a new handle on the same task, keeping {@link #failOnWarnings()} if set
   */
  public Task promptly() {
    return new Task(transport, upid, failOnWarnings, true, startedAt, kind);
  }

  /**
   * Reads the current status once.
   *
   * @return the status
   * @throws PveApiException when the server refuses
   * @throws PveConnectionException when no answer arrives
   */
  public TaskStatus status() {
    return Json.convert(transport.send(statusRequest()).data(), TaskStatus.class);
  }

  /**
   * Reads a page of the task log.
   *
   * @param start lines to skip, from 0 (the next page starts at the last line number read)
   * @param limit lines to read; 0 reads all lines from {@code start}
   * @return the page
   * @throws PveApiException when the server refuses
   */
  public TaskLogPage log(int start, int limit) {
    ApiResponse r = transport.send(logRequest(start, limit));
    return new TaskLogPage(Json.convertList(r.data(), TaskLogLine.class), r.total());
  }

  /**
   * Reads the whole log, page by page.
   *
   * @return all lines, in order
   */
  public List<String> fullLog() {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (true) {
      TaskLogPage page = log(start, 500);
      page.lines().forEach(l -> out.add(l.text()));
      int next = page.nextStart(start);
      if (page.lines().size() < 500 || next == start) {
        return out;
      }
      start = next;
    }
  }

  /**
   * Stops the task on the server ({@code DELETE /nodes/{node}/tasks/{upid}}).
   *
   * @throws PveApiException when the server refuses
   */
  public void stop() {
    transport.send(ApiRequest.delete(PathBuilder.taskPath(upid.node(), upid.text()), Map.of()));
  }

  /**
   * Waits until the task ends.
   *
   * @param timeout the longest wait
   * @return the final status ({@link TaskStatus#warnings()} tells about warnings)
   * @throws TaskFailedException when the task ends with an error
   * @throws TaskTimeoutException when it still runs after the timeout
   * @throws PveConnectionException when polling fails
   */
  public TaskStatus await(Duration timeout) {
    return Futures.join(awaitAsync(timeout));
  }

  /**
   * Waits until the task ends, without blocking; cancelling the future stops polling (not the task)
   * and stops watching the task's process when the client has a {@link TaskEndWatch}.
   *
   * @param timeout the longest wait
   * @return the final status, or a future failed as {@link #await(Duration)} throws
   */
  public CompletableFuture<TaskStatus> awaitAsync(Duration timeout) {
    Instant started = transport.clock().instant();
    // Elapsed times count from the task's start when known, so a wait begun late still polls at the end.
    Instant origin = startedAt == null ? started : startedAt;
    TaskDurations.Expectation expected = startedAt == null ? null
        : transport.taskDurations().expect(upid.node(), kind);
    Wait w = new Wait(started, started.plus(timeout), timeout, origin, expected);
    w.result.whenComplete((s, t) -> w.ended());
    transport.taskEndWatch().ifPresent(w::watchWith);
    w.next();
    return w.result;
  }

  /**
   * One wait for the task's end. At most one status request is in flight and at most one timer is
   * pending; a watch's signal replaces the pending timer, or makes the next request immediate when
   * one is in flight. The state is guarded by the wait's monitor, and requests are sent and the
   * result completed outside it, as their callbacks may run on the calling thread.
   */
  private final class Wait {
    final CompletableFuture<TaskStatus> result = new CompletableFuture<>();
    final Instant started;
    final Instant deadline;
    final Duration timeout;
    final Instant origin;
    final TaskDurations.Expectation expected;
    /** The request or log read in flight, cancelled when the result is. */
    private CompletableFuture<?> current;
    private ScheduledFuture<?> timer;
    /** Changes whenever the pending timer is superseded, so that one firing regardless does nothing. */
    private long timerToken;
    private boolean inFlight;
    private int sent;
    /** When the last request that saw the task running was sent, -1 when none did. */
    private long lastRunningMs = -1;
    /** The watch this wait relies on; null without one, after falling back, and once the wait ended. */
    private CompletableFuture<Void> watch;
    /** The watch said the process ended and no request has been sent since. */
    private boolean signalled;

    Wait(Instant started, Instant deadline, Duration timeout, Instant origin,
        TaskDurations.Expectation expected) {
      this.started = started;
      this.deadline = deadline;
      this.timeout = timeout;
      this.origin = origin;
      this.expected = expected;
    }

    long elapsedMs(Instant now) {
      return Duration.between(origin, now).toMillis();
    }

    /** Starts watching the task's process; a watch that cannot or will not leaves the wait polling. */
    void watchWith(TaskEndWatch endWatch) {
      Optional<CompletableFuture<Void>> watching;
      try {
        watching = endWatch.watch(upid);
      } catch (RuntimeException e) {
        log.debug("{}: the task end watch failed to start ({}); polling instead", upid.text(), describe(e));
        return;
      }
      if (watching == null || watching.isEmpty()) {
        return;  // this task cannot be watched (no shell for its node): poll as without a watch
      }
      CompletableFuture<Void> w = watching.get();
      synchronized (this) {
        watch = w;
      }
      w.whenComplete((v, error) -> watchEnded(w, error));
    }

    /** The watch said the process ended, or failed: read the status now, or go back to polling. */
    private void watchEnded(CompletableFuture<Void> w, Throwable error) {
      synchronized (this) {
        if (watch != w || result.isDone()) {
          return;  // fallen back already, or the wait is over and cancelled the watch itself
        }
        if (error == null) {
          signalled = true;
        }
      }
      if (error != null) {
        fallBack("the task end watch failed (" + describe(error) + ")");
      }
      next();  // a no-op while a request is in flight: its answer decides what comes next
    }

    /**
     * Stops relying on the watch: from now on the ordinary (or prompt) schedule applies, with the
     * requests sent so far. Logged once per wait, as the wait is only slower for it.
     */
    private void fallBack(String why) {
      CompletableFuture<Void> w;
      synchronized (this) {
        w = watch;
        watch = null;
        signalled = false;
      }
      if (w != null) {
        w.cancel(true);  // stops watching when it still does; a completed future ignores it
        log.debug("{}: {}; polling instead", upid.text(), why);
      }
    }

    /** Sends the next status request now or arms the timer for it, unless one is in flight. */
    void next() {
      RejectedExecutionException closed;
      synchronized (this) {
        if (result.isDone() || inFlight) {
          return;
        }
        cancelTimer();
        Instant now = transport.clock().instant();
        long elapsedMs = elapsedMs(now);
        long leftMs = Duration.between(now, deadline).toMillis();
        long delay;
        if (signalled) {
          delay = 0;
        } else if (watch != null) {
          delay = TaskPollSchedule.nextWatchedDelayMs(expected, prompt, sent, elapsedMs, leftMs);
        } else if (prompt) {
          delay = TaskPollSchedule.nextPromptDelayMs(expected, sent, elapsedMs, leftMs);
        } else {
          delay = TaskPollSchedule.nextDelayMs(expected, sent, elapsedMs, leftMs);
        }
        if (delay == 0) {
          closed = null;
        } else {
          long token = timerToken;
          try {
            timer = transport.executors().timer().schedule(() -> fire(token), delay, TimeUnit.MILLISECONDS);
            return;
          } catch (RejectedExecutionException e) {
            closed = e;
          }
        }
      }
      if (closed == null) {
        send();
      } else {
        fail(new PveConnectionException("the PveClient is closed",
            PveConnectionException.Kind.IO, false, null, closed));
      }
    }

    private void fire(long token) {
      synchronized (this) {
        if (token != timerToken) {
          return;
        }
        timer = null;
      }
      send();
    }

    /** Supersedes the pending timer, if any. */
    private void cancelTimer() {
      timerToken++;
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }

    private void send() {
      long sentAtMs;
      boolean afterSignal;
      synchronized (this) {
        if (result.isDone() || inFlight) {
          return;
        }
        inFlight = true;
        cancelTimer();
        afterSignal = signalled;
        signalled = false;
        sent++;
        sentAtMs = elapsedMs(transport.clock().instant());
      }
      CompletableFuture<ApiResponse> f = transport.sendAsync(statusRequest());
      track(f);
      f.whenComplete((response, error) -> answered(response, error, sentAtMs, afterSignal));
    }

    private synchronized void track(CompletableFuture<?> f) {
      current = f;
    }

    private void answered(ApiResponse response, Throwable error, long sentAtMs, boolean afterSignal) {
      TaskStatus status = null;
      RuntimeException failure = error == null ? null : Futures.rethrow(error);
      if (failure == null) {
        try {
          status = Json.convert(response.data(), TaskStatus.class);
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      long lastRunning;
      synchronized (this) {
        inFlight = false;
        if (status != null && status.running()) {
          lastRunningMs = sentAtMs;  // before a signal arriving now can send the next request
        }
        lastRunning = lastRunningMs;
      }
      if (result.isDone()) {
        return;
      }
      Instant now = transport.clock().instant();
      if (failure != null) {
        boolean notYetVisible = failure instanceof PveApiException api && api.status() == 400
            && now.isBefore(started.plus(VISIBILITY_GRACE));
        if (notYetVisible && now.isBefore(deadline)) {
          if (afterSignal) {
            fallBack("the task end watch said it ended while its status was not visible yet");
          }
          next();
        } else {
          fail(failure);
        }
        return;
      }
      if (!status.running()) {
        if (startedAt != null && status.succeeded()) {
          learn(this, sentAtMs, lastRunning, elapsedMs(now));
        }
        finish(this, status);
      } else if (!now.isBefore(deadline)) {
        fail(new TaskTimeoutException(upid.text(), timeout));
      } else {
        if (afterSignal) {
          fallBack("the task end watch said it ended while its status still said running");
        }
        next();
      }
    }

    /** Ends the wait with the final status, the watch stopped first. */
    void succeed(TaskStatus status) {
      stopWatching();
      result.complete(status);
    }

    /**
     * Ends the wait with a failure, the watch stopped first, so that whoever sees the result sees
     * the watch stopped as well.
     */
    void fail(Throwable failure) {
      stopWatching();
      result.completeExceptionally(failure);
    }

    /** The result completed, however (also when cancelled by the caller): nothing more is sent. */
    void ended() {
      stopWatching();
      CompletableFuture<?> c;
      synchronized (this) {
        c = current;
      }
      if (result.isCancelled() && c != null) {
        c.cancel(true);
      }
    }

    /** Cancels the pending timer and the watch, which stops watching the task's process. */
    private void stopWatching() {
      CompletableFuture<Void> w;
      synchronized (this) {
        cancelTimer();
        w = watch;
        watch = null;
      }
      if (w != null) {
        w.cancel(true);
      }
    }
  }

  /** Names a failure for a log line: its type and message, which name no secret in this SDK. */
  private static String describe(Throwable error) {
    Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  /**
   * Teaches the client when this kind ended: after the last request that saw it running, before
   * the answer that saw it stopped. A prompt wait whose first look, at the early edge of what was
   * learned, already saw it stopped has shown that the kind can end earlier than that edge.
   */
  private void learn(Wait w, long stoppedSentAtMs, long lastRunningMs, long stoppedAnsweredMs) {
    TaskDurations durations = transport.taskDurations();
    boolean endedByEarlyEdge = prompt && w.expected != null && lastRunningMs < 0
        && stoppedSentAtMs <= w.expected.lowMs() + TaskPollSchedule.promptStepMs(w.expected);
    if (endedByEarlyEdge) {
      durations.recordEndedByEarlyEdge(upid.node(), kind, stoppedAnsweredMs);
    } else {
      durations.record(upid.node(), kind, lastRunningMs, stoppedAnsweredMs);
    }
  }

  private void finish(Wait w, TaskStatus status) {
    boolean failed = !status.succeeded() || (failOnWarnings && status.warnings() > 0);
    if (!failed) {
      w.succeed(status);
      return;
    }
    CompletableFuture<List<String>> tail = logTailAsync();
    w.track(tail);
    tail.whenComplete((lines, err) -> w.fail(new TaskFailedException(upid.text(),
        status.exitStatus() == null ? "unknown exit status" : status.exitStatus(),
        err == null ? lines : List.of("(task log unavailable: " + Futures.rethrow(err).getMessage() + ")"))));
  }

  /**
   * Returns the last lines of the task log.
   *
   * @return up to 20 lines
   * @throws PveApiException when the server refuses
   */
  public List<String> logTail() {
    return Futures.join(logTailAsync());
  }

  /** Reads the line count with a one-line page, then the last page; never blocks an SDK thread. */
  private CompletableFuture<List<String>> logTailAsync() {
    return transport.sendAsync(logRequest(0, 1)).thenCompose(first -> {
      TaskLogPage page = new TaskLogPage(Json.convertList(first.data(), TaskLogLine.class), first.total());
      if (page.total() <= 1) {
        return CompletableFuture.completedFuture(texts(page));
      }
      int start = (int) Math.max(0, page.total() - LOG_TAIL_LINES);
      return transport.sendAsync(logRequest(start, LOG_TAIL_LINES)).thenApply(r ->
          texts(new TaskLogPage(Json.convertList(r.data(), TaskLogLine.class), r.total())));
    });
  }

  private static List<String> texts(TaskLogPage page) {
    return page.lines().stream().map(TaskLogLine::text).toList();
  }

  private ApiRequest logRequest(int start, int limit) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("start", Integer.toString(start));
    q.put("limit", Integer.toString(limit));
    return ApiRequest.get(PathBuilder.taskPath(upid.node(), upid.text(), "log"), q);
  }

  private ApiRequest statusRequest() {
    return ApiRequest.get(PathBuilder.taskPath(upid.node(), upid.text(), "status"), Map.of());
  }

  @Override
  public String toString() {
    return "Task[" + upid.text() + "]";
  }
}
