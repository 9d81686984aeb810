package dev.proximity.scheduler;

/**
 * The work of a scheduled job.
 *
 * <p>A task runs on the scheduler's executor, never concurrently with itself. Whatever it throws is
 * recorded as a failed run, logged and reported to {@link SchedulerListener}s; later runs happen as
 * scheduled.
 */
@FunctionalInterface
public interface JobTask {

  /**
   * Runs the job once.
   *
   * @param context which fire this run is for
   * @throws Exception any failure; it marks the run as {@link RunOutcome#FAILED}
   */
  void run(JobContext context) throws Exception;
}
