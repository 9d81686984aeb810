package dev.proximity.scheduler;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A job for the {@link Scheduler}: an id, a schedule in a zone, a catch-up grace period and a task.
 *
 * <pre>{@code
 * Job job = Job.of("nightly-backup", Schedule.daily(LocalTime.of(2, 0)), ZoneId.of("Europe/Berlin"),
 *         ctx -> backups.runOnce())
 *     .withCatchUpGrace(Duration.ofHours(12));
 * }</pre>
 *
 * @param id a stable id (letters, digits, {@code .-_}); it keys the persisted state
 * @param schedule when the job fires
 * @param zone the zone whose wall clock the schedule follows
 * @param catchUpGrace how old a fire missed while the scheduler was down may be and still be run
 *     once on start; older fires are recorded as {@link RunOutcome#MISSED}
 * @param task the work
 */
public record Job(String id, Schedule schedule, ZoneId zone, Duration catchUpGrace, JobTask task) {

  /** The grace period {@link #of} uses: six hours. */
  public static final Duration DEFAULT_CATCH_UP_GRACE = Duration.ofHours(6);

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /**
   * Validates the components.
   *
   * @param id a stable id (letters, digits, {@code .-_}); it keys the persisted state
   * @param schedule when the job fires
   * @param zone the zone whose wall clock the schedule follows
   * @param catchUpGrace how old a fire missed while the scheduler was down may be and still be run once on start; older fires are recorded as {@link RunOutcome#MISSED}
   * @param task the work
   */
  public Job {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("job id must match " + ID.pattern() + ", got '" + id + "'");
    }
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(catchUpGrace, "catchUpGrace");
    if (catchUpGrace.isNegative()) {
      throw new IllegalArgumentException("catchUpGrace must not be negative: " + catchUpGrace);
    }
    Objects.requireNonNull(task, "task");
  }

  /**
   * Creates a job with the {@linkplain #DEFAULT_CATCH_UP_GRACE default grace period}.
   *
   * @param id the job id
   * @param schedule when it fires
   * @param zone the zone of the schedule
   * @param task the work
   * @return the job
   */
  public static Job of(String id, Schedule schedule, ZoneId zone, JobTask task) {
    return new Job(id, schedule, zone, DEFAULT_CATCH_UP_GRACE, task);
  }

  /**
   * Returns a copy with another grace period ({@link Duration#ZERO} never catches up).
   *
   * @param grace the grace period
   * @return a new job
   */
  public Job withCatchUpGrace(Duration grace) {
    return new Job(id, schedule, zone, grace, task);
  }

  /**
   * Returns a copy with another zone.
   *
   * @param newZone the zone
   * @return a new job
   */
  public Job withZone(ZoneId newZone) {
    return new Job(id, schedule, newZone, catchUpGrace, task);
  }

  /** Shows the id, schedule and zone. */
  @Override
  public String toString() {
    return "Job[" + id + ", " + schedule.toCalendarEvent() + " " + zone + "]";
  }
}
