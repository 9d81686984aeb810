package dev.proximity.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static List<Instant> fires(Schedule s, ZoneId zone, String from, String until) {
    List<Instant> out = new ArrayList<>();
    Instant end = Instant.parse(until);
    for (Instant t = s.next(Instant.parse(from), zone); t.isBefore(end); t = s.next(t, zone)) {
      out.add(t);
    }
    return out;
  }

  @Test
  void daily_nextIsTodayOrTomorrow() {
    Schedule s = Schedule.daily(LocalTime.of(2, 0));
    assertThat(s.next(Instant.parse("2026-06-10T00:00:00Z"), ZoneId.of("UTC")))
        .isEqualTo("2026-06-10T02:00:00Z");
    assertThat(s.next(Instant.parse("2026-06-10T02:00:00Z"), ZoneId.of("UTC")))
        .isEqualTo("2026-06-11T02:00:00Z");
    assertThat(s.next(Instant.parse("2026-06-10T02:00:00Z"), BERLIN))
        .isEqualTo("2026-06-11T00:00:00Z");
  }

  @Test
  void daily_berlinSpringForward_runsOnceShiftedPastTheGap() {
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST, 02:30 does not exist
    assertThat(fires(Schedule.daily(LocalTime.of(2, 30)), BERLIN,
        "2026-03-27T12:00:00Z", "2026-03-31T00:00:00Z"))
        .containsExactly(Instant.parse("2026-03-28T01:30:00Z"),
            Instant.parse("2026-03-29T01:30:00Z"), // 03:30 CEST
            Instant.parse("2026-03-30T00:30:00Z"));
  }

  @Test
  void daily_berlinFallBack_runsOnceAtTheFirstOccurrence() {
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET, 02:30 happens twice
    assertThat(fires(Schedule.daily(LocalTime.of(2, 30)), BERLIN,
        "2026-10-24T12:00:00Z", "2026-10-27T00:00:00Z"))
        .containsExactly(Instant.parse("2026-10-25T00:30:00Z"),
            Instant.parse("2026-10-26T01:30:00Z"));
  }

  @Test
  void daily_newYorkSpringForward_runsOnce() {
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT
    assertThat(fires(Schedule.daily(LocalTime.of(2, 30)), NEW_YORK,
        "2026-03-07T12:00:00Z", "2026-03-09T12:00:00Z"))
        .containsExactly(Instant.parse("2026-03-08T07:30:00Z"), // 03:30 EDT
            Instant.parse("2026-03-09T06:30:00Z"));
  }

  @Test
  void daily_newYorkFallBack_runsOnce() {
    // 2026-11-01: 02:00 EDT falls back to 01:00 EST, 01:30 happens twice
    assertThat(fires(Schedule.daily(LocalTime.of(1, 30)), NEW_YORK,
        "2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z"))
        .containsExactly(Instant.parse("2026-11-01T05:30:00Z"),
            Instant.parse("2026-11-02T06:30:00Z"));
  }

  @Test
  void weekly_firesOnTheDayOnly() {
    assertThat(fires(Schedule.weekly(DayOfWeek.SUNDAY, LocalTime.of(3, 0)), BERLIN,
        "2026-10-20T00:00:00Z", "2026-11-10T00:00:00Z"))
        .containsExactly(Instant.parse("2026-10-25T02:00:00Z"), // after the fall-back: CET
            Instant.parse("2026-11-01T02:00:00Z"), Instant.parse("2026-11-08T02:00:00Z"));
  }

  @Test
  void everyMinutes_followsElapsedTimeAcrossFallBack() {
    // the Berlin local day of 2026-10-25 has 25 hours
    assertThat(fires(Schedule.everyMinutes(15), BERLIN,
        "2026-10-24T21:59:00Z", "2026-10-25T23:00:00Z")).hasSize(25 * 4);
    assertThat(Schedule.everyMinutes(15).next(Instant.parse("2026-06-01T10:07:13Z"), BERLIN))
        .isEqualTo("2026-06-01T10:15:00Z");
  }

  @Test
  void everyHours_alignsToLocalHours() {
    assertThat(Schedule.everyHours(6).next(Instant.parse("2026-06-01T10:07:00Z"), BERLIN))
        .isEqualTo("2026-06-01T16:00:00Z"); // 18:00 CEST
    assertThat(fires(Schedule.everyHours(1), BERLIN, "2026-03-28T22:59:00Z",
        "2026-03-29T22:00:00Z")).hasSize(23);
  }

  @Test
  void everyMinutes_whenNotADivisorOfAnHour_isRefused() {
    assertThatThrownBy(() -> Schedule.everyMinutes(7))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divisor of 60");
    assertThatThrownBy(() -> Schedule.everyHours(5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divisor of 24");
    assertThatThrownBy(() -> Schedule.daily(LocalTime.of(2, 0, 30)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toCalendarEvent_rendersProxmoxSyntax() {
    assertThat(Schedule.daily(LocalTime.of(2, 0)).toCalendarEvent()).isEqualTo("02:00");
    assertThat(Schedule.weekly(DayOfWeek.SUNDAY, LocalTime.of(3, 0)).toCalendarEvent())
        .isEqualTo("sun 03:00");
    assertThat(Schedule.everyMinutes(15).toCalendarEvent()).isEqualTo("*/15");
    assertThat(Schedule.everyHours(2).toCalendarEvent()).isEqualTo("*/2:00");
  }

  @Test
  void parse_readsWhatItRendersAndTheNamedEvents() {
    for (Schedule s : List.of(Schedule.daily(LocalTime.of(2, 0)),
        Schedule.weekly(DayOfWeek.SATURDAY, LocalTime.of(15, 0)), Schedule.everyMinutes(5),
        Schedule.everyHours(12))) {
      assertThat(Schedule.parse(s.toCalendarEvent())).isEqualTo(s);
    }
    assertThat(Schedule.parse(" Sun  3:00 ")).isEqualTo(
        Schedule.weekly(DayOfWeek.SUNDAY, LocalTime.of(3, 0)));
    assertThat(Schedule.parse("daily")).isEqualTo(Schedule.daily(LocalTime.MIDNIGHT));
    assertThat(Schedule.parse("hourly")).isEqualTo(Schedule.everyHours(1));
    assertThatThrownBy(() -> Schedule.parse("mon..fri 22:00"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported");
    assertThatThrownBy(() -> Schedule.parse("25:00")).isInstanceOf(IllegalArgumentException.class);
  }
}
