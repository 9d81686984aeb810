package dev.proximity.scheduler;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one job's state: its next fire time, its last run and whether it is running now.
 *
 * <p>Immutable and thread-safe.
 */
public final class JobStatus {
  private final String jobId;
  private final Schedule schedule;
  private final ZoneId zone;
  private final Instant nextRun;
  private final RunRecord lastRun;
  private final boolean running;

  /**
   * Creates a status snapshot.
   *
   * @param jobId the job id
   * @param schedule the job's schedule
   * @param zone the schedule's zone
   * @param nextRun the next fire time, or null when the scheduler is not started or is closed
   * @param lastRun the last finished (or missed) run, or null when there is none
   * @param running whether a run is in progress
   */
  public JobStatus(String jobId, Schedule schedule, ZoneId zone, Instant nextRun, RunRecord lastRun,
      boolean running) {
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.nextRun = nextRun;
    this.lastRun = lastRun;
    this.running = running;
  }

  /** @return the job id */
  public String jobId() {
    return jobId;
  }

  /** @return the job's schedule */
  public Schedule schedule() {
    return schedule;
  }

  /** @return the zone the schedule is evaluated in */
  public ZoneId zone() {
    return zone;
  }

  /** @return the next fire time; empty when the scheduler is not started or is closed */
  public Optional<Instant> nextRun() {
    return Optional.ofNullable(nextRun);
  }

  /** @return the last finished, failed, interrupted or missed run; empty before the first */
  public Optional<RunRecord> lastRun() {
    return Optional.ofNullable(lastRun);
  }

  /** @return whether a run is in progress */
  public boolean running() {
    return running;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobStatus s && jobId.equals(s.jobId) && schedule.equals(s.schedule)
        && zone.equals(s.zone) && Objects.equals(nextRun, s.nextRun)
        && Objects.equals(lastRun, s.lastRun) && running == s.running;
  }

  @Override
  public int hashCode() {
    return Objects.hash(jobId, schedule, zone, nextRun, lastRun, running);
  }

  @Override
  public String toString() {
    return "JobStatus[" + jobId + ", " + schedule.toCalendarEvent() + " " + zone + ", next="
        + nextRun + ", last=" + (lastRun == null ? "none" : lastRun.outcome() + "@"
        + lastRun.scheduledFor()) + (running ? ", running" : "") + "]";
  }
}
