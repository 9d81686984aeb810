package dev.proximity.testkit.internal.pve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CalendarEventTest {
  private static final long WED_10 = Instant.parse("2026-03-04T10:00:00Z").getEpochSecond();

  @ParameterizedTest
  @CsvSource({
      "02:00, 2026-03-05T02:00:00Z",
      "daily, 2026-03-05T00:00:00Z",
      "sun 03:00, 2026-03-08T03:00:00Z",
      "'mon..fri 22:30', 2026-03-04T22:30:00Z",
      "'sat,sun', 2026-03-07T00:00:00Z",
      "*/5, 2026-03-04T10:05:00Z",
      "'8:00/15', 2026-03-05T08:00:00Z",
      "monthly, 2026-04-01T00:00:00Z",
      "'*-*-1..7 15:00', 2026-03-04T15:00:00Z",
      "'sat *-1..7 15:00', 2026-03-07T15:00:00Z",
      "hourly, 2026-03-04T11:00:00Z",
      "weekly, 2026-03-09T00:00:00Z",
      "'12,14:05', 2026-03-04T12:05:00Z"})
  void next_followsProxmoxCalendarEvents(String spec, String expected) {
    assertThat(CalendarEvent.parse(spec).next(WED_10, ZoneOffset.UTC)).isEqualTo(Instant.parse(expected).getEpochSecond());
  }

  @Test
  void next_usesTheNodeTimeZone() {
    long next = CalendarEvent.parse("02:00").next(WED_10, ZoneId.of("Europe/Vienna"));
    assertThat(next).isEqualTo(Instant.parse("2026-03-05T01:00:00Z").getEpochSecond());
  }

  @Test
  void parse_rejectsNonsense() {
    assertThatThrownBy(() -> CalendarEvent.parse("25:00")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CalendarEvent.parse("funday 10:00")).isInstanceOf(IllegalArgumentException.class);
  }
}
