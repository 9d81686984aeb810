package dev.proximity.scheduler;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records scheduler events as short strings, for assertions. */
final class Recorder implements SchedulerListener {
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<JobContext> started = new CopyOnWriteArrayList<>();

  @Override
  public void onRunStarted(JobContext context) {
    started.add(context);
  }

  @Override
  public void onRunSucceeded(RunRecord record) {
    events.add("ok " + record.jobId() + " " + record.scheduledFor());
  }

  @Override
  public void onRunFailed(RunRecord record, Throwable error) {
    events.add("failed " + record.jobId() + " " + record.scheduledFor() + " " + record.message());
  }

  @Override
  public void onRunMissed(RunRecord record) {
    events.add(record.outcome().name().toLowerCase() + " " + record.jobId() + " "
        + record.scheduledFor());
  }

  @Override
  public void onRunSkipped(String jobId, Instant scheduledFor) {
    events.add("skipped " + jobId + " " + scheduledFor);
  }
}
