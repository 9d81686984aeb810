package dev.proximity.pve;

import dev.proximity.internal.http.TaskDurations;
import dev.proximity.internal.http.TaskDurationsFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a client learned about how long each kind of task runs, so that a new client (the next CLI
 * run, a restarted server) notices its first task of a kind at the expected end instead of on the
 * schedule for unknown kinds.
 *
 * <pre>{@code
 * TaskDurationSnapshot learned = TaskDurationSnapshot.readFrom(file);   // empty when absent or unreadable
 * try (PveClient pve = PveClient.builder()
 *     .endpoint(endpoint).credentials(credentials)
 *     .taskDurations(learned)
 *     .build()) {
 *   pve.node("pve").lxc(101).start().await(Duration.ofMinutes(1));
 *   pve.taskDurations().writeTo(file);                                  // atomic replace
 * }
 * }</pre>
 *
 * <p>A kind given to a builder behaves exactly as if the new client had learned it itself: its next
 * task is polled at the kind's end, and each wait narrows the interval or, when a task outlives it,
 * starts it over. Each kind keeps when a wait last taught it something; a builder drops kinds learned
 * more than {@link #MAX_AGE} before its clock's now, so a slower or faster cluster is not polled
 * by old knowledge for ever. At most {@link #MAX_KINDS} kinds, like a client's memory.
 *
 * <p>The text form ({@link #toJson()}, {@link #writeTo(Path)}) is a versioned JSON document; readers
 * ignore a document of another format or a newer version rather than fail. Immutable and thread-safe.
 *
 * @param kinds the learned kinds, least recently used first; at most {@link #MAX_KINDS}, one per node
 *     and kind
 */
public record TaskDurationSnapshot(List<LearnedKind> kinds) {
  /** How many kinds a snapshot holds at most: as many as one client remembers. */
  public static final int MAX_KINDS = TaskDurations.MAX_KINDS;

  /** How long a learned kind is trusted after a wait last confirmed it. */
  public static final Duration MAX_AGE = Duration.ofDays(30);

  private static final TaskDurationSnapshot EMPTY = new TaskDurationSnapshot(List.of());

  /**
   * How long one kind of task (node and worker type) runs: it ends after {@code endsAfter} and at or
   * before {@code endsBy}, counted from the answer of the call that started it.
   *
   * @param node the node the tasks run on, e.g. {@code pve1}
   * @param kind the worker type, e.g. {@code vzstart}, with a variant where one type covers tasks of
   *     very different lengths ({@code vzclone/full}, {@code vzclone/linked})
   * @param endsAfter the task ends after this
   * @param endsBy the task has ended at this, never before {@code endsAfter}
   * @param learnedAt when a wait last taught this (the learning client's clock)
   */
  public record LearnedKind(String node, String kind, Duration endsAfter, Duration endsBy, Instant learnedAt) {
    /**
     * Checks that every part is present and the interval is well formed.
     *
     * @param node the node the tasks run on
     * @param kind the worker type, with its variant if any
     * @param endsAfter the task ends after this
     * @param endsBy the task has ended at this
     * @param learnedAt when a wait last taught this
     * @throws IllegalArgumentException when the node or kind is empty or the interval is not
     *     {@code 0 <= endsAfter <= endsBy}
     */
    public LearnedKind {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(endsAfter, "endsAfter");
      Objects.requireNonNull(endsBy, "endsBy");
      Objects.requireNonNull(learnedAt, "learnedAt");
      if (node.isEmpty() || kind.isEmpty()) {
        throw new IllegalArgumentException("a learned task kind needs a node and a kind, got '" + node
            + "' and '" + kind + "'");
      }
      if (endsAfter.isNegative() || endsBy.compareTo(endsAfter) < 0) {
        throw new IllegalArgumentException("task kind " + kind + " on " + node + ": the end must lie in"
            + " 0 <= endsAfter <= endsBy, got " + endsAfter.toMillis() + " ms and " + endsBy.toMillis() + " ms");
      }
    }
  }

  /**
   * Checks the bound and that no node and kind appears twice, and copies the list.
   *
   * @param kinds the learned kinds, least recently used first
   * @throws IllegalArgumentException when there are more than {@link #MAX_KINDS} kinds or duplicates
   */
  public TaskDurationSnapshot {
    kinds = List.copyOf(kinds);
    if (kinds.size() > MAX_KINDS) {
      throw new IllegalArgumentException("a task duration snapshot holds at most " + MAX_KINDS
          + " kinds, got " + kinds.size());
    }
    Set<List<String>> seen = new HashSet<>();
    for (LearnedKind k : kinds) {
      if (!seen.add(List.of(k.node(), k.kind()))) {
        throw new IllegalArgumentException("task kind " + k.kind() + " on " + k.node() + " appears twice");
      }
    }
  }

  /**
   * Returns a snapshot with nothing learned.
   *
   * @return the empty snapshot
   */
  public static TaskDurationSnapshot empty() {
    return EMPTY;
  }

  /**
   * Returns the kinds learned at or after an instant, in the same order.
   *
   * @param cutoff the oldest {@link LearnedKind#learnedAt()} kept
   * @return this snapshot without the older kinds
   */
  public TaskDurationSnapshot learnedSince(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    List<LearnedKind> kept = kinds.stream().filter(k -> !k.learnedAt().isBefore(cutoff)).toList();
    return kept.size() == kinds.size() ? this : new TaskDurationSnapshot(kept);
  }

  /**
   * Returns the versioned JSON form that {@link #fromJson(String)} and {@link #readFrom(Path)} read.
   *
   * @return the JSON document
   */
  public String toJson() {
    return TaskDurationsFile.toJson(this);
  }

  /**
   * Parses the JSON form written by {@link #toJson()}.
   *
   * @param json the document
   * @return the snapshot
   * @throws IllegalArgumentException when the text is not JSON, not this format, of a newer version,
   *     or holds an invalid kind; the message says which
   */
  public static TaskDurationSnapshot fromJson(String json) {
    return TaskDurationsFile.parse(json);
  }

  /**
   * Reads a file written by {@link #writeTo(Path)}; never fails. A missing file gives the empty
   * snapshot; a file that cannot be read or parsed, or that another program or a newer Proximity
   * wrote, is logged once at WARN and gives the empty snapshot too, so that a client always starts.
   *
   * @param file the file
   * @return what the file holds, or the empty snapshot
   */
  public static TaskDurationSnapshot readFrom(Path file) {
    return TaskDurationsFile.read(file);
  }

  /**
   * Replaces a file with this snapshot atomically (a temporary file in the same directory, moved over
   * the target), creating missing parent directories; a reader never sees a partial file.
   *
   * @param file the file
   * @throws TaskDurationsFileException when the file cannot be written; the old content is kept
   */
  public void writeTo(Path file) {
    TaskDurationsFile.write(file, this);
  }

  /**
   * Summarises the snapshot without listing the kinds, which may be hundreds.
   *
   * @return e.g. {@code TaskDurationSnapshot[12 kinds on 3 nodes, learned 2026-11-02T09:00:00Z to
   *     2026-11-28T22:41:07Z]}
   */
  @Override
  public String toString() {
    if (kinds.isEmpty()) {
      return "TaskDurationSnapshot[no kinds]";
    }
    long nodes = kinds.stream().map(LearnedKind::node).distinct().count();
    Instant first = kinds.stream().map(LearnedKind::learnedAt).min(Instant::compareTo).orElseThrow();
    Instant last = kinds.stream().map(LearnedKind::learnedAt).max(Instant::compareTo).orElseThrow();
    return "TaskDurationSnapshot[" + kinds.size() + (kinds.size() == 1 ? " kind" : " kinds") + " on " + nodes
        + (nodes == 1 ? " node" : " nodes") + ", learned " + first + (first.equals(last) ? "" : " to " + last) + "]";
  }
}
