package dev.proximity.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.Proximity;
import dev.proximity.pve.model.BackupJob;
import dev.proximity.pve.model.BackupJobRequest;
import dev.proximity.pve.model.BackupMode;
import dev.proximity.pve.model.Pool;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DelegatedBackupsTest {
  private SimFixture fx;
  private DelegatedBackups backups;

  @BeforeEach
  void setUp() {
    fx = new SimFixture(Instant.parse("2026-06-01T10:00:00Z"));
    fx.container(101, true);
    fx.container(102, true);
    fx.container(103, true);
    fx.container(200, false);
    backups = DelegatedBackups.create(fx.pve);
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private void runJob() {
    for (String upid : fx.sim.runBackupJob(DelegatedBackups.DEFAULT_JOB_ID)) {
      fx.pve.task(upid).await(SimFixture.WAIT);
    }
  }

  @Test
  void apply_createsJobWithScheduleSelectionAndRetention() {
    BackupPolicy policy = BackupPolicy.builder().weekly(DayOfWeek.SATURDAY, LocalTime.of(15, 0))
        .zone(SimFixture.ZONE).storage("local").mode(BackupMode.SUSPEND)
        .retention(Retention.builder().keepLast(2).keepWeekly(4).build()).build();

    BackupJob job = backups.apply(policy);

    assertThat(job.id()).isEqualTo("proximity_auto_backup");
    assertThat(job.schedule()).isEqualTo("sat 15:00");
    assertThat(job.pool()).isEqualTo(Proximity.APP_POOL);
    assertThat(job.vmid()).isNull();
    assertThat(job.all()).isFalse();
    assertThat(job.storage()).isEqualTo("local");
    assertThat(job.mode()).isEqualTo("suspend");
    assertThat(job.compress()).isEqualTo("zstd");
    assertThat(job.pruneBackups().render()).isEqualTo("keep-last=2,keep-weekly=4");
    assertThat(job.isEnabled()).isTrue();
    assertThat(job.comment()).contains(DelegatedBackups.COMMENT_MARKER);
    // Saturday 2026-06-06 15:00 CEST
    assertThat(job.nextRun()).isEqualTo(Instant.parse("2026-06-06T13:00:00Z").getEpochSecond());
    // the pool was created and the existing apps (not CT 200, which is no app) joined it once
    assertThat(fx.sim.pools()).containsExactly(Map.entry("proximity", List.of(101, 102, 103)));
    assertThat(backups.appVmids()).containsExactly(101, 102, 103);
  }

  @Test
  void apply_twice_convergesOnOneJob() {
    backups.apply(BackupPolicy.builder().zone(SimFixture.ZONE).build());
    BackupJob job = backups.apply(BackupPolicy.builder().zone(SimFixture.ZONE)
        .daily(LocalTime.of(1, 30)).build());

    assertThat(fx.pve.cluster().backupJobs().list()).singleElement()
        .satisfies(j -> assertThat(j.id()).isEqualTo("proximity_auto_backup"));
    assertThat(job.schedule()).isEqualTo("01:30");
    assertThat(job.pool()).isEqualTo("proximity");
    assertThat(fx.pve.pools().list()).extracting(Pool::poolid).containsExactly("proximity");
    assertThat(fx.sim.pools().get("proximity")).containsExactly(101, 102, 103);
  }

  @Test
  void anAppCreatedAfterTheJob_isBackedUpWithoutReapplying() {
    BackupJob before = backups.apply(BackupPolicy.builder().retention(Retention.keepAll()).build());
    fx.container(104, true, Proximity.APP_POOL); // as a deploy by any Proximity process does

    runJob();

    assertThat(fx.backups(104)).singleElement()
        .satisfies(b -> assertThat(b.volid()).startsWith("local:backup/vzdump-lxc-104-"));
    assertThat(backups.find()).contains(before);
  }

  @Test
  void apply_replacesAnOlderVmidSelectionWithThePool() {
    fx.pve.cluster().backupJobs().create(BackupJobRequest.of("02:00", "local", List.of(101))
        .withId(DelegatedBackups.DEFAULT_JOB_ID));

    BackupJob job = backups.apply(BackupPolicy.defaults());

    assertThat(job.vmid()).isNull();
    assertThat(job.pool()).isEqualTo("proximity");
  }

  @Test
  void apply_leavesAppsOfAnotherPoolWhereTheyAre() {
    fx.pve.pools().create("team", null);
    fx.container(105, true, "team");

    backups.apply(BackupPolicy.defaults());

    assertThat(fx.sim.pools()).containsEntry("team", List.of(105))
        .containsEntry("proximity", List.of(101, 102, 103));
    assertThat(backups.withPool("team").appVmids()).containsExactly(105);
  }

  @Test
  void remove_deletesTheJobAndIsIdempotent_thePoolStays() {
    backups.apply(BackupPolicy.defaults());
    assertThat(backups.find()).isPresent();
    assertThat(backups.remove()).isTrue();
    assertThat(backups.find()).isEmpty();
    assertThat(backups.remove()).isFalse();
    assertThat(fx.sim.pools()).containsKey("proximity");
  }

  @Test
  void runningTheJob_backsUpEveryAppAndNothingElse() {
    backups.apply(BackupPolicy.builder().retention(Retention.keepAll()).build());
    runJob();
    for (int vmid : List.of(101, 102, 103)) {
      assertThat(fx.backups(vmid)).singleElement()
          .satisfies(b -> assertThat(b.volid()).startsWith("local:backup/vzdump-lxc-" + vmid)
              .endsWith(".tar.zst"));
    }
    assertThat(fx.backups(200)).isEmpty();
  }

  @Test
  void runningTheJobForDays_pruneKeepsExactlyWhatThePolicySays() {
    Retention retention = Retention.builder().keepLast(1).keepDaily(3).build();
    backups.apply(BackupPolicy.builder().zone(SimFixture.ZONE).retention(retention).build());
    List<Instant> made = new ArrayList<>();
    Instant day = Instant.parse("2026-06-02T00:00:00Z"); // 02:00 CEST
    for (int d = 0; d < 5; d++) {
      for (Duration at : List.of(Duration.ZERO, Duration.ofHours(12))) {
        Instant t = day.plus(Duration.ofDays(d)).plus(at);
        fx.time.advanceTo(t);
        runJob();
        made.add(t);
      }
    }
    List<Instant> expected = List.of(Instant.parse("2026-06-03T12:00:00Z"),
        Instant.parse("2026-06-04T12:00:00Z"), Instant.parse("2026-06-05T12:00:00Z"),
        Instant.parse("2026-06-06T12:00:00Z"));
    assertThat(retention.select(made, SimFixture.ZONE)).containsExactlyInAnyOrderElementsOf(expected);
    for (int vmid : List.of(101, 102, 103)) {
      assertThat(fx.backupTimes(vmid)).containsExactlyElementsOf(expected);
    }
  }
}
