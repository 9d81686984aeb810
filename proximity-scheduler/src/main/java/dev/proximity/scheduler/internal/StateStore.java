package dev.proximity.scheduler.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.proximity.scheduler.RunOutcome;
import dev.proximity.scheduler.RunRecord;
import dev.proximity.scheduler.SchedulerException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scheduler's persisted state: per job, when it became known, its last run and the run in
 * progress. Written as a small JSON file, atomically (temp file in the same directory, fsync, then
 * {@code ATOMIC_MOVE}), so a crash leaves either the old or the new file, never a torn one.
 *
 * <p>Not thread-safe; the scheduler serialises access.
 */
public final class StateStore {
  private static final int VERSION = 1;

  private final Path file;
  private final Map<String, JobState> jobs = new TreeMap<>();

  /** Persisted per-job state; absent members are null. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record JobState(String since, Run last, Run running) {}

  /** A persisted run; instants as ISO-8601 strings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Run(String scheduledFor, String startedAt, String finishedAt, String outcome,
      String message) {}

  private record FileContent(int version, Map<String, JobState> jobs) {}

  private StateStore(Path file) {
    this.file = file;
  }

  /**
   * Loads the state file, or starts empty when there is none (or when {@code file} is null: memory
   * only).
   *
   * @param file the state file, or null
   * @return the store
   * @throws SchedulerException if the file exists but cannot be read or parsed
   */
  public static StateStore load(Path file) {
    StateStore store = new StateStore(file);
    if (file == null) {
      return store;
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      FileContent content = SchedulerJson.mapper().readValue(bytes, FileContent.class);
      if (content.version() != VERSION) {
        throw new SchedulerException("scheduler state file " + file + " has version "
            + content.version() + ", expected " + VERSION + ": move it away to start afresh");
      }
      if (content.jobs() != null) {
        store.jobs.putAll(content.jobs());
      }
      return store;
    } catch (NoSuchFileException e) {
      return store;
    } catch (IOException e) {
      throw new SchedulerException("cannot read scheduler state file " + file + " (" + e
          + "): fix or move it away; moving it loses the last-run times, so missed runs are not"
          + " caught up", e);
    }
  }

  /**
   * Returns a job's state.
   *
   * @param jobId the job
   * @return the state, or null when the job is unknown
   */
  public JobState get(String jobId) {
    return jobs.get(jobId);
  }

  /**
   * Replaces a job's state and writes the file.
   *
   * @param jobId the job
   * @param state the new state, or null to forget the job
   * @throws SchedulerException if the file cannot be written
   */
  public void put(String jobId, JobState state) {
    if (state == null) {
      jobs.remove(jobId);
    } else {
      jobs.put(jobId, state);
    }
    write();
  }

  private void write() {
    if (file == null) {
      return;
    }
    try {
      AtomicFiles.write(file, SchedulerJson.mapper().writeValueAsBytes(
          new FileContent(VERSION, jobs)));
    } catch (AtomicMoveNotSupportedException e) {
      throw new SchedulerException("cannot replace scheduler state file " + file
          + " atomically: put it on a local file system", e);
    } catch (IOException e) {
      throw new SchedulerException("cannot write scheduler state file " + file + " (" + e
          + "): check the directory's permissions and free space", e);
    }
  }

  /**
   * Converts a run record to its persisted form.
   *
   * @param r the record
   * @return the persisted form
   */
  public static Run toRun(RunRecord r) {
    return new Run(r.scheduledFor().toString(), r.startedAt().toString(),
        r.finishedAt().toString(), r.outcome().name(), r.message());
  }

  /**
   * Converts a persisted run back to a record.
   *
   * @param jobId the job
   * @param r the persisted run with every member set
   * @return the record
   */
  public static RunRecord toRecord(String jobId, Run r) {
    return new RunRecord(jobId, Instant.parse(r.scheduledFor()), Instant.parse(r.startedAt()),
        Instant.parse(r.finishedAt()), RunOutcome.valueOf(r.outcome()), r.message());
  }
}
