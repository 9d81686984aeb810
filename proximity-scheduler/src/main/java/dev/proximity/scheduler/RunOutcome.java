package dev.proximity.scheduler;

/** How a scheduled run ended. */
public enum RunOutcome {
  /** The task returned normally. */
  SUCCEEDED,
  /** The task threw; the message of the run record says what. */
  FAILED,
  /**
   * The process stopped while the run was in progress (found on restart); the fire is caught up if
   * it is still within the job's grace period.
   */
  INTERRUPTED,
  /** The fire was missed (the scheduler was down or asleep) and is older than the grace period. */
  MISSED
}
