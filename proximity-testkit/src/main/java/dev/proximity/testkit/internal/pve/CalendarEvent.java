package dev.proximity.testkit.internal.pve;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A subset of Proxmox calendar events (systemd-like): {@code [WEEKDAY] [[Y-]M-D] [H:M[:S]]} with
 * lists ({@code ,}), ranges ({@code ..}), repetitions ({@code /}), {@code *}, and the shorthands
 * {@code minutely}, {@code hourly}, {@code daily}, {@code weekly}, {@code monthly}, {@code yearly},
 * {@code quarterly}, {@code semiannually}. A single number without {@code :} is a minute.
 * Evaluated in the nodes' local time zone.
 */
public final class CalendarEvent {
  private static final Map<String, String> SHORTHANDS = Map.of("minutely", "*:*", "hourly", "*:00",
      "daily", "00:00", "weekly", "mon 00:00", "monthly", "*-*-01 00:00", "yearly", "*-01-01 00:00",
      "annually", "*-01-01 00:00", "quarterly", "*-01,04,07,10-01 00:00", "semiannually", "*-01,07-01 00:00");
  private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

  private final BitSet weekdays = new BitSet();
  private final BitSet years = new BitSet();
  private final BitSet months = new BitSet();
  private final BitSet days = new BitSet();
  private final BitSet hours = new BitSet();
  private final BitSet minutes = new BitSet();
  private boolean anyYear = true;

  private CalendarEvent() {}

  /**
   * @param text the event
   * @return the parsed event
   * @throws IllegalArgumentException when it cannot be parsed
   */
  public static CalendarEvent parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    t = SHORTHANDS.getOrDefault(t, t);
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty calendar event");
    }
    CalendarEvent e = new CalendarEvent();
    String[] parts = t.split("\\s+");
    int i = 0;
    if (Character.isLetter(parts[0].charAt(0))) {
      e.parseWeekdays(parts[0]);
      i++;
    } else {
      e.weekdays.set(0, 7);
    }
    boolean date = false;
    boolean time = false;
    for (; i < parts.length; i++) {
      if (parts[i].contains("-") && !time) {
        e.parseDate(parts[i]);
        date = true;
      } else if (!time) {
        e.parseTime(parts[i]);
        time = true;
      } else {
        throw new IllegalArgumentException("unexpected '" + parts[i] + "'");
      }
    }
    if (!date) {
      e.months.set(1, 13);
      e.days.set(1, 32);
    }
    if (!time) {
      e.hours.set(0);
      e.minutes.set(0);
    }
    return e;
  }

  private void parseWeekdays(String spec) {
    for (String item : spec.split(",")) {
      String[] range = item.split("\\.\\.");
      int from = day(range[0]);
      int to = range.length > 1 ? day(range[1]) : from;
      for (int d = from; ; d = (d + 1) % 7) {
        weekdays.set(d);
        if (d == to) {
          break;
        }
      }
    }
  }

  private static int day(String name) {
    for (int i = 0; i < DAYS.length; i++) {
      if (name.startsWith(DAYS[i])) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown weekday '" + name + "'");
  }

  private void parseDate(String spec) {
    String[] p = spec.split("-");
    if (p.length == 3) {
      if (!"*".equals(p[0])) {
        anyYear = false;
        field(p[0], years, 1970, 2199);
      }
      field(p[1], months, 1, 12);
      field(p[2], days, 1, 31);
    } else if (p.length == 2) {
      field(p[0], months, 1, 12);
      field(p[1], days, 1, 31);
    } else {
      throw new IllegalArgumentException("bad date '" + spec + "'");
    }
  }

  private void parseTime(String spec) {
    String[] p = spec.split(":");
    if (p.length == 1) {
      hours.set(0, 24);
      field(p[0], minutes, 0, 59);
    } else if (p.length <= 3) {
      field(p[0], hours, 0, 23);
      field(p[1], minutes, 0, 59);
    } else {
      throw new IllegalArgumentException("bad time '" + spec + "'");
    }
  }

  private static void field(String spec, BitSet set, int min, int max) {
    for (String item : spec.split(",")) {
      String[] rep = item.split("/", 2);
      int step = rep.length > 1 ? Integer.parseInt(rep[1]) : 1;
      int from;
      int to;
      if ("*".equals(rep[0])) {
        from = min;
        to = max;
      } else if (rep[0].contains("..")) {
        String[] r = rep[0].split("\\.\\.");
        from = Integer.parseInt(r[0]);
        to = Integer.parseInt(r[1]);
      } else {
        from = Integer.parseInt(rep[0]);
        to = rep.length > 1 ? max : from;
      }
      if (from < min || to > max || from > to || step < 1) {
        throw new IllegalArgumentException("value out of range in '" + spec + "'");
      }
      for (int v = from; v <= to; v += step) {
        set.set(v);
      }
    }
  }

  /**
   * @param after epoch second
   * @param zone local time zone
   * @return the first matching minute strictly after {@code after}, or -1 within ~5 years
   */
  public long next(long after, ZoneId zone) {
    ZonedDateTime start = Instant.ofEpochSecond(after).atZone(zone);
    LocalDate day = start.toLocalDate();
    for (int n = 0; n < 366 * 5; n++, day = day.plusDays(1)) {
      DayOfWeek dow = day.getDayOfWeek();
      if (!weekdays.get(dow.getValue() - 1) || !months.get(day.getMonthValue()) || !days.get(day.getDayOfMonth())
          || (!anyYear && !years.get(day.getYear()))) {
        continue;
      }
      for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          long epoch = day.atTime(h, m).atZone(zone).toEpochSecond();
          if (epoch > after) {
            return epoch;
          }
        }
      }
    }
    return -1;
  }
}
