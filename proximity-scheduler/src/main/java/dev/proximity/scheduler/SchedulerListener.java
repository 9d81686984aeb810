package dev.proximity.scheduler;

import java.time.Instant;

/**
 * Receives the events of a {@link Scheduler}. Every method has a no-op default.
 *
 * <p>Methods are called on the scheduler's threads and must return quickly; an exception thrown by
 * a listener is logged and otherwise ignored.
 */
public interface SchedulerListener {

  /**
   * A run starts.
   *
   * @param context the run
   */
  default void onRunStarted(JobContext context) {}

  /**
   * A run ended normally.
   *
   * @param record the run
   */
  default void onRunSucceeded(RunRecord record) {}

  /**
   * A run failed. The scheduler has logged it at ERROR; later runs happen as scheduled.
   *
   * @param record the run, with the failure summary as message
   * @param error what the task threw
   */
  default void onRunFailed(RunRecord record, Throwable error) {}

  /**
   * A fire was not run: missed while the scheduler was down for longer than the grace period
   * ({@link RunOutcome#MISSED}), or a run was interrupted by a process stop
   * ({@link RunOutcome#INTERRUPTED}, found on restart).
   *
   * @param record the missed or interrupted run
   */
  default void onRunMissed(RunRecord record) {}

  /**
   * A fire came while the previous run of the same job was still in progress, and was skipped so
   * that the job never overlaps itself.
   *
   * @param jobId the job
   * @param scheduledFor the skipped fire time
   */
  default void onRunSkipped(String jobId, Instant scheduledFor) {}
}
