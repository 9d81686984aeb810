package dev.proximity.scheduler;

import java.time.Instant;
import java.util.Objects;

/**
 * The record of one run (or missed run) of a job, as persisted in the state file.
 *
 * @param jobId the job's id
 * @param scheduledFor the fire time the run was for
 * @param startedAt when the run started (for a missed fire: when it was found missed)
 * @param finishedAt when the run ended (for a missed fire: when it was found missed)
 * @param outcome how it ended
 * @param message the failure summary, or an empty string
 */
public record RunRecord(
    String jobId,
    Instant scheduledFor,
    Instant startedAt,
    Instant finishedAt,
    RunOutcome outcome,
    String message) {

  /**
   * Validates the components.
   *
   * @param jobId the job's id
   * @param scheduledFor the fire time the run was for
   * @param startedAt when the run started (for a missed fire: when it was found missed)
   * @param finishedAt when the run ended (for a missed fire: when it was found missed)
   * @param outcome how it ended
   * @param message the failure summary, or an empty string
   */
  public RunRecord {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(outcome, "outcome");
    message = message == null ? "" : message;
  }
}
