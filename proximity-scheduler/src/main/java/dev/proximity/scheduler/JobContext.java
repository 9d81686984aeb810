package dev.proximity.scheduler;

import java.time.Instant;
import java.util.Objects;

/**
 * What a running job is told about its run.
 *
 * @param jobId the job's id
 * @param scheduledFor the fire time this run is for (for a manual run, when it was requested)
 * @param startedAt when the run started
 * @param catchUp whether this run catches up a fire missed while the scheduler was not running
 */
public record JobContext(String jobId, Instant scheduledFor, Instant startedAt, boolean catchUp) {

  /**
   * Validates the components.
   *
   * @param jobId the job's id
   * @param scheduledFor the fire time this run is for (for a manual run, when it was requested)
   * @param startedAt when the run started
   * @param catchUp whether this run catches up a fire missed while the scheduler was not running
   */
  public JobContext {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
