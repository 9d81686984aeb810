package dev.proximity.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.ProximityException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoPilotTest {
  private static final Instant FRIDAY = Instant.parse("2026-06-05T10:00:00Z");
  private static final Instant SATURDAY_2AM = Instant.parse("2026-06-06T00:00:00Z"); // 02:00 CEST
  private static final Instant SUNDAY_3AM = Instant.parse("2026-06-07T01:00:00Z"); // 03:00 CEST

  @TempDir Path dir;
  private SimFixture fx;
  private final Events events = new Events();
  private final FakeCatalog catalog = new FakeCatalog().put("whoami", "1.1").put("kuma", "2.0");
  private final List<App> apps = new CopyOnWriteArrayList<>(List.of(
      FakeCatalog.app("whoami-1", 101, "whoami", "1.0"),
      FakeCatalog.app("kuma-1", 102, "kuma", "1.0"),
      FakeCatalog.app("kuma-2", 103, "kuma", "2.0")));

  static final class Events implements AutoPilotListener {
    final List<String> log = new CopyOnWriteArrayList<>();

    @Override
    public void onModeChanged(AutoPilot.Mode mode) {
      log.add("mode " + mode);
    }

    @Override
    public void onBackupRun(BackupRun run) {
      log.add("backup " + run.apps().size() + " " + run.succeeded());
    }

    @Override
    public void onUpdateCheck(UpdateReport report) {
      log.add("checked " + report.apps().size() + " at " + report.checkedAt());
    }

    @Override
    public void onUpdateAvailable(AppUpdate update) {
      log.add("available " + update.app() + " " + update.catalogVersion());
    }

    @Override
    public void onUpdateApplied(AppUpdate update, App app) {
      log.add("applied " + app.name() + " " + app.version());
    }

    @Override
    public void onUpdateFailed(AppUpdate update, ProximityException error) {
      log.add("failed " + update.app() + ": " + error.getMessage());
    }

    @Override
    public void onRunFailed(RunRecord record, Throwable error) {
      log.add("job failed " + record.jobId());
    }
  }

  @BeforeEach
  void setUp() {
    fx = new SimFixture(FRIDAY);
    fx.container(101, true);
    fx.container(102, true);
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private AutoPilotBuilder autopilot() {
    return AutoPilot.builder(fx.pve, () -> List.copyOf(apps), catalog)
        .backupPolicy(BackupPolicy.builder().zone(SimFixture.ZONE).build())
        .virtualTime(fx.time).executor(Runnable::run).addListener(events);
  }

  @Test
  void auto_delegated_createsThePoolJobAndPro_removesIt() {
    try (AutoPilot ap = autopilot().build()) {
      ap.start();
      assertThat(fx.pve.cluster().backupJobs().find(DelegatedBackups.DEFAULT_JOB_ID))
          .hasValueSatisfying(j -> {
            assertThat(j.schedule()).isEqualTo("02:00");
            assertThat(j.pool()).isEqualTo("proximity");
          });
      assertThat(fx.sim.pools()).containsEntry("proximity", List.of(101, 102));
      AutoPilotStatus status = ap.status();
      assertThat(status.mode()).isEqualTo(AutoPilot.Mode.AUTO);
      assertThat(status.nextBackup()).contains(SATURDAY_2AM);
      assertThat(status.nextUpdateCheck()).contains(SUNDAY_3AM);
      // nothing in-process keeps the delegated job current: only the update check is scheduled
      assertThat(status.jobs()).extracting(JobStatus::jobId).containsExactly(AutoPilot.UPDATE_CHECK_JOB);

      ap.switchTo(AutoPilot.Mode.PRO);
      assertThat(fx.pve.cluster().backupJobs().list()).isEmpty();
      assertThat(ap.status().jobs()).isEmpty();
      assertThat(ap.status().nextBackup()).isEmpty();

      ap.switchTo(AutoPilot.Mode.AUTO);
      assertThat(fx.pve.cluster().backupJobs().list()).hasSize(1);
      assertThat(ap.status().nextUpdateCheck()).contains(SUNDAY_3AM);
    }
    assertThat(events.log).containsSubsequence("mode PRO", "mode AUTO");
    // closing leaves the delegated job to Proxmox
    assertThat(fx.pve.cluster().backupJobs().list()).hasSize(1);
  }

  @Test
  void auto_inProcess_backsUpNightlyAndPrunes() {
    try (AutoPilot ap = autopilot().backupStrategy(AutoPilot.BackupStrategy.IN_PROCESS)
        .backupPolicy(BackupPolicy.builder().zone(SimFixture.ZONE)
            .retention(Retention.builder().keepLast(1).build()).build())
        .build()) {
      ap.start();
      assertThat(ap.status().nextBackup()).contains(SATURDAY_2AM);
      fx.time.advanceTo(SATURDAY_2AM.plusSeconds(60));
      assertThat(fx.backupTimes(101)).containsExactly(SATURDAY_2AM);
      fx.time.advanceTo(SATURDAY_2AM.plusSeconds(86400 + 60));
      assertThat(fx.backupTimes(101)).containsExactly(SATURDAY_2AM.plusSeconds(86400));
      assertThat(fx.backupTimes(102)).hasSize(1);
      assertThat(ap.status().lastBackupRun()).hasValueSatisfying(r ->
          assertThat(r.succeeded()).isTrue());
    }
    assertThat(fx.pve.cluster().backupJobs().list()).isEmpty();
    assertThat(events.log).filteredOn(e -> e.startsWith("backup")).containsExactly(
        "backup 2 true", "backup 2 true");
  }

  @Test
  void weeklyCheck_onSunday_notifiesAndAppliesWhenConfigured() {
    try (AutoPilot ap = autopilot().applyUpdates(app -> {
      if (app.name().equals("kuma-1")) {
        throw new SchedulerException("compose pull failed; restored the pre-update backup");
      }
      return FakeCatalog.app(app.name(), app.vmid(), app.catalogId(), "1.1");
    }).build()) {
      ap.start();
      fx.time.advanceTo(SUNDAY_3AM.minusSeconds(1));
      assertThat(events.log).noneMatch(e -> e.startsWith("checked"));
      fx.time.advanceTo(SUNDAY_3AM);
      assertThat(ap.status().lastUpdateCheck()).hasValueSatisfying(r ->
          assertThat(r.updatesAvailable()).hasSize(2));
      assertThat(ap.status().job(AutoPilot.UPDATE_CHECK_JOB).orElseThrow().lastRun()
          .orElseThrow().outcome()).isEqualTo(RunOutcome.FAILED);
      assertThat(ap.status().nextUpdateCheck()).contains(SUNDAY_3AM.plusSeconds(7 * 86400));
    }
    assertThat(events.log).filteredOn(e -> !e.startsWith("mode")).containsExactly(
        "checked 3 at " + SUNDAY_3AM,
        "available whoami-1 1.1", "available kuma-1 2.0",
        "applied whoami-1 1.1",
        "failed kuma-1: compose pull failed; restored the pre-update backup",
        "job failed update-check");
  }

  @Test
  void restart_afterMissingTheSundayCheck_catchesItUpOnce() {
    Path state = dir.resolve("autopilot.json");
    try (AutoPilot ap = autopilot().stateFile(state).build()) {
      ap.start();
      fx.time.advanceTo(Instant.parse("2026-06-06T20:00:00Z"));
    }
    fx.time.advanceTo(Instant.parse("2026-06-07T05:00:00Z")); // down over 03:00
    try (AutoPilot ap = autopilot().stateFile(state).build()) {
      ap.start();
      assertThat(events.log).filteredOn(e -> e.startsWith("checked")).containsExactly(
          "checked 3 at 2026-06-07T05:00:00Z");
      assertThat(ap.status().nextUpdateCheck()).contains(SUNDAY_3AM.plusSeconds(7 * 86400));
    }
    try (AutoPilot ap = autopilot().stateFile(state).build()) {
      ap.start(); // a second restart does not repeat it
    }
    assertThat(events.log).filteredOn(e -> e.startsWith("checked")).hasSize(1);
  }

  @Test
  void startInPro_schedulesNothing() {
    try (AutoPilot ap = autopilot().mode(AutoPilot.Mode.PRO).build()) {
      ap.start();
      assertThat(ap.status().jobs()).isEmpty();
      assertThat(fx.pve.cluster().backupJobs().list()).isEmpty();
      assertThat(ap.checkUpdatesNow().updatesAvailable()).hasSize(2);
    }
  }
}
