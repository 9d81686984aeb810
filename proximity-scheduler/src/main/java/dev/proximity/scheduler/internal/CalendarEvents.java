package dev.proximity.scheduler.internal;

import dev.proximity.scheduler.Schedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and rendering of Proxmox calendar events for {@link Schedule}; not API. */
public final class CalendarEvents {
  private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
  private static final Pattern WEEKLY = Pattern.compile("([a-z]{3}) (\\d{1,2}:\\d{2})");
  private static final Pattern EVERY_MINUTES = Pattern.compile("(?:\\*|0)/(\\d{1,2})");
  private static final Pattern EVERY_HOURS = Pattern.compile("(?:\\*|0)/(\\d{1,2}):0?0");

  private CalendarEvents() {}

  public static void requireMinutePrecision(LocalTime time) {
    Objects.requireNonNull(time, "time");
    if (time.getSecond() != 0 || time.getNano() != 0) {
      throw new IllegalArgumentException("schedule times have minute precision, got " + time);
    }
  }

  public static Instant resolve(LocalDate date, LocalTime time, ZoneId zone) {
    // ofLocal without a preferred offset: a gap shifts forward by its length, an overlap takes
    // the earlier (summer-time) offset. Either way the local date yields exactly one instant.
    return ZonedDateTime.ofLocal(date.atTime(time), zone, null).toInstant();
  }

  public static String hhmm(LocalTime time) {
    return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
  }

  public static Schedule parse(String text) {
    Objects.requireNonNull(text, "calendarEvent");
    String s = text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    switch (s) {
      case "minutely":
        return Schedule.everyMinutes(1);
      case "hourly":
        return Schedule.everyHours(1);
      case "daily":
        return Schedule.daily(LocalTime.MIDNIGHT);
      case "weekly":
        return Schedule.weekly(DayOfWeek.MONDAY, LocalTime.MIDNIGHT);
      default:
        break;
    }
    try {
      Matcher m = TIME.matcher(s);
      if (m.matches()) {
        return Schedule.daily(time(m.group(1), m.group(2)));
      }
      m = WEEKLY.matcher(s);
      if (m.matches()) {
        Matcher t = TIME.matcher(m.group(2));
        if (t.matches()) {
          return Schedule.weekly(day(m.group(1), text), time(t.group(1), t.group(2)));
        }
      }
      m = EVERY_MINUTES.matcher(s);
      if (m.matches()) {
        return Schedule.everyMinutes(Integer.parseInt(m.group(1)));
      }
      m = EVERY_HOURS.matcher(s);
      if (m.matches()) {
        return Schedule.everyHours(Integer.parseInt(m.group(1)));
      }
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("not a valid calendar event: '" + text + "'", e);
    }
    throw new IllegalArgumentException("unsupported calendar event '" + text
        + "': expected HH:MM, '<day> HH:MM', '*/N' or '*/N:00'");
  }

  private static LocalTime time(String hours, String minutes) {
    return LocalTime.of(Integer.parseInt(hours), Integer.parseInt(minutes));
  }

  private static DayOfWeek day(String abbreviation, String text) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT)
          .equals(abbreviation)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown weekday in calendar event '" + text + "'");
  }
}
