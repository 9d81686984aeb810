package dev.proximity.tests.docs;

import dev.proximity.Proximity;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.model.BackupMode;
import dev.proximity.scheduler.AppUpdate;
import dev.proximity.scheduler.AutoPilot;
import dev.proximity.scheduler.AutoPilotListener;
import dev.proximity.scheduler.BackupPolicy;
import dev.proximity.scheduler.Compression;
import dev.proximity.scheduler.Job;
import dev.proximity.scheduler.Retention;
import dev.proximity.scheduler.Schedule;
import dev.proximity.scheduler.Scheduler;
import dev.proximity.scheduler.VirtualTime;
import java.net.URI;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples quoted by docs/auto-mode.md. {@code DocExamplesTest} runs the backup policy and
 * the virtual-time examples; the AutoPilot and scheduler examples name real paths and a real
 * cluster, so they are compiled only (AutoPilotEndToEndTest covers the same calls).
 */
public final class AutoModeExamples {
  private AutoModeExamples() {}

  static final List<AppUpdate> NOTIFIED = new ArrayList<>();
  static int reportsSent;

  private static void notifyAdmin(AppUpdate u) {
    NOTIFIED.add(u);
  }

  private static void sendReport() {
    reportsSent++;
  }

  /** AutoPilot with a backup policy, a state file and a listener. */
  public static void autopilot(URI endpoint, PveCredentials credentials) {
    // region:autopilot
    try (Proximity px = Proximity.connect(endpoint, credentials);
         AutoPilot autopilot = AutoPilot.builder(px)
             .backupPolicy(BackupPolicy.builder().storage("pbs").build())    // daily 02:00 by default
             .stateFile(Path.of("/var/lib/myapp/autopilot.json"))
             .addListener(new AutoPilotListener() {
               @Override public void onUpdateAvailable(AppUpdate u) { notifyAdmin(u); }
             })
             .build()) {
      autopilot.start();
      // ...
      autopilot.switchTo(AutoPilot.Mode.PRO);   // stop scheduling; remove the Proxmox backup job
      autopilot.status();                       // mode, next backup, next update check, last outcomes
    }
    // endregion
  }

  /** A weekly backup policy with retention. */
  public static BackupPolicy backupPolicy() {
    // region:backup-policy
    BackupPolicy policy = BackupPolicy.builder()
        .weekly(DayOfWeek.SATURDAY, LocalTime.of(15, 0))   // or .daily(..) or .schedule(Schedule.everyHours(6))
        .zone(ZoneId.of("Europe/Berlin"))
        .storage("local")                                  // a storage with content "backup"
        .mode(BackupMode.SNAPSHOT)                         // SNAPSHOT (default), SUSPEND, STOP
        .compression(Compression.ZSTD)                     // ZSTD (default), GZIP, LZO, NONE
        .retention(Retention.builder().keepLast(3).keepDaily(7).keepWeekly(4)
            .keepMonthly(6).keepYearly(1).build())
        .build();
    policy.retention().toPruneBackups();   // "keep-last=3,keep-daily=7,keep-weekly=4,keep-monthly=6,keep-yearly=1"
    // endregion
    return policy;
  }

  /** A job of its own on the in-process scheduler. */
  public static void scheduler() {
    // region:scheduler
    try (Scheduler scheduler = Scheduler.builder().stateFile(Path.of("state.json")).build()) {
      scheduler.add(Job.of("report", Schedule.daily(LocalTime.of(6, 0)), ZoneId.of("Europe/Berlin"),
          ctx -> sendReport()).withCatchUpGrace(Duration.ofHours(4)));
      scheduler.start();
    }
    // endregion
  }

  /** A deterministic scheduler on virtual time, with the report job added. */
  public static int virtualTime() {
    // region:virtual-time
    VirtualTime time = VirtualTime.at(Instant.parse("2026-03-28T12:00:00Z"), ZoneId.of("Europe/Berlin"));
    Scheduler s = Scheduler.builder().virtualTime(time).executor(Runnable::run).build();
    time.advanceBy(Duration.ofDays(2));   // every due fire runs, in order, on this thread
    // endregion
    s.close();
    return reportsSent;
  }
}
