package dev.proximity.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InProcessBackupsTest {
  private SimFixture fx;
  private InProcessBackups backups;

  @BeforeEach
  void setUp() {
    fx = new SimFixture(Instant.parse("2026-06-01T10:00:00Z"));
    fx.container(101, true);
    fx.container(102, true);
    fx.container(200, false);
    backups = InProcessBackups.create(fx.pve).withTaskTimeout(SimFixture.WAIT)
        .withClock(fx.time.clock());
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void runOnce_backsUpEveryAppAndNothingElse() {
    BackupRun run = backups.runOnce(BackupPolicy.builder().retention(Retention.keepAll()).build());
    assertThat(run.succeeded()).isTrue();
    assertThat(run.apps()).extracting(BackupRun.AppBackup::vmid).containsExactly(101, 102);
    assertThat(fx.backups(101)).singleElement()
        .satisfies(b -> assertThat(b.volid()).endsWith(".tar.zst"));
    assertThat(fx.backups(102)).hasSize(1);
    assertThat(fx.backups(200)).isEmpty();
  }

  @Test
  void runOnceForDays_pruneKeepsExactlyWhatThePolicySays() {
    Retention retention = Retention.builder().keepLast(2).keepDaily(2).build();
    BackupPolicy policy = BackupPolicy.builder().zone(SimFixture.ZONE).retention(retention).build();
    Instant first = Instant.parse("2026-06-02T00:00:00Z");
    for (int d = 0; d < 4; d++) {
      fx.time.advanceTo(first.plus(Duration.ofDays(d)));
      BackupRun run = backups.runOnce(policy);
      assertThat(run.succeeded()).as(run.toString()).isTrue();
    }
    // keep-last=2: days 4 and 3; keep-daily=2 adds days 2 and 1
    List<Instant> all = List.of(first, first.plus(Duration.ofDays(1)),
        first.plus(Duration.ofDays(2)), first.plus(Duration.ofDays(3)));
    assertThat(retention.select(all, SimFixture.ZONE)).hasSize(4);
    Retention lastTwo = Retention.builder().keepLast(2).build();
    BackupRun run = backups.runOnce(BackupPolicy.builder().retention(lastTwo).build());
    assertThat(fx.backupTimes(101)).containsExactly(first.plus(Duration.ofDays(3)),
        first.plus(Duration.ofDays(3)).plusSeconds(1));
  }

  @Test
  void runOnce_whenStorageCannotHoldBackups_reportsEveryAppWithoutThrowing() {
    BackupRun run = backups.runOnce(BackupPolicy.builder().storage("local-lvm").build());
    assertThat(run.succeeded()).isFalse();
    assertThat(run.failures()).hasSize(2).allSatisfy(f ->
        assertThat(f.message()).startsWith("backup failed:").contains("local-lvm"));
  }
}
