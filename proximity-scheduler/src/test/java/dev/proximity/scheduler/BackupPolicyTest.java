package dev.proximity.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.pve.model.BackupMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupPolicyTest {
  private static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void defaults_areNightlySnapshotZstdWithRetention() {
    BackupPolicy p = BackupPolicy.defaults();
    assertThat(p.schedule().toCalendarEvent()).isEqualTo("02:00");
    assertThat(p.storage()).isEqualTo("local");
    assertThat(p.mode().wire()).isEqualTo("snapshot");
    assertThat(p.compression().apiValue()).isEqualTo("zstd");
    assertThat(p.retention().toPruneBackups())
        .isEqualTo("keep-daily=7,keep-weekly=4,keep-monthly=6");
  }

  @Test
  void builder_setsEveryComponent() {
    BackupPolicy p = BackupPolicy.builder().weekly(DayOfWeek.SATURDAY, LocalTime.of(15, 0))
        .zone(ZoneId.of("Europe/Berlin")).storage("pbs-1").mode(BackupMode.STOP)
        .compression(Compression.NONE)
        .retention(Retention.builder().keepLast(3).keepDaily(7).keepWeekly(4).keepMonthly(12)
            .keepYearly(2).build())
        .build();
    assertThat(p.schedule().toCalendarEvent()).isEqualTo("sat 15:00");
    assertThat(p.compression().apiValue()).isEqualTo("0");
    assertThat(p.retention().toPruneBackups()).isEqualTo(
        "keep-last=3,keep-daily=7,keep-weekly=4,keep-monthly=12,keep-yearly=2");
    assertThat(p.toBuilder().build()).isEqualTo(p);
    assertThatThrownBy(() -> BackupPolicy.builder().storage("local; rm").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retention_parseAndRenderRoundTrip() {
    assertThat(Retention.parse("keep-last=3, keep-daily=7")).isEqualTo(
        Retention.builder().keepLast(3).keepDaily(7).build());
    assertThat(Retention.parse("keep-all=1")).isEqualTo(Retention.keepAll());
    assertThat(Retention.keepAll().toPruneBackups()).isEqualTo("keep-all=1");
    assertThatThrownBy(() -> Retention.parse("keep-hourly=3"))
        .hasMessageContaining("unsupported prune-backups key");
    assertThatThrownBy(() -> Retention.parse("keep-all=1,keep-last=2"))
        .hasMessageContaining("excludes");
    assertThatThrownBy(() -> Retention.builder().keepLast(-1).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void select_keepLast_keepsTheNewest() {
    List<Instant> times = series("2026-01-01T02:00:00Z", Duration.ofDays(1), 5);
    assertThat(Retention.builder().keepLast(3).build().select(times, UTC))
        .containsExactly(times.get(4), times.get(3), times.get(2));
  }

  @Test
  void select_lastThenDaily_countsOnlyDaysNotYetCovered() {
    Instant d1 = Instant.parse("2026-01-01T02:00:00Z");
    Instant d2a = Instant.parse("2026-01-02T02:00:00Z");
    Instant d2b = Instant.parse("2026-01-02T14:00:00Z");
    Instant d3a = Instant.parse("2026-01-03T02:00:00Z");
    Instant d3b = Instant.parse("2026-01-03T14:00:00Z");
    Retention r = Retention.builder().keepLast(1).keepDaily(2).build();
    assertThat(r.select(List.of(d1, d2a, d2b, d3a, d3b), UTC)).containsExactly(d3b, d2b, d1);
  }

  @Test
  void select_dailyWeeklyMonthly_overAYearOfNightlyBackups() {
    List<Instant> times = series("2026-01-01T02:00:00Z", Duration.ofDays(1), 365);
    List<Instant> kept = Retention.builder().keepDaily(7).keepWeekly(4).keepMonthly(3).build()
        .select(times, UTC);
    assertThat(kept).hasSize(7 + 4 + 3);
    assertThat(kept.get(0)).isEqualTo("2026-12-31T02:00:00Z");
    assertThat(kept.get(6)).isEqualTo("2026-12-25T02:00:00Z");
    // weekly: newest of ISO weeks 51, 50, 49, 48 (Sundays)
    assertThat(kept.subList(7, 11)).containsExactly(Instant.parse("2026-12-20T02:00:00Z"),
        Instant.parse("2026-12-13T02:00:00Z"), Instant.parse("2026-12-06T02:00:00Z"),
        Instant.parse("2026-11-29T02:00:00Z"));
    assertThat(kept.subList(11, 14)).containsExactly(Instant.parse("2026-10-31T02:00:00Z"),
        Instant.parse("2026-09-30T02:00:00Z"), Instant.parse("2026-08-31T02:00:00Z"));
    assertThat(Retention.keepAll().select(times, UTC)).hasSize(365);
  }

  private static List<Instant> series(String first, Duration step, int n) {
    List<Instant> out = new ArrayList<>();
    Instant t = Instant.parse(first);
    for (int i = 0; i < n; i++) {
      out.add(t);
      t = t.plus(step);
    }
    return out;
  }
}
