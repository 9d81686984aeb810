package dev.proximity.scheduler;

import dev.proximity.scheduler.internal.CalendarEvents;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * When a job runs: daily at a time, weekly on a day and time, or every N minutes or hours.
 *
 * <p>A schedule carries no time zone; {@link #next(Instant, ZoneId)} evaluates it in the zone it is
 * given, as Proxmox evaluates a backup job's calendar event in the node's local time. Across daylight
 * saving time changes:
 *
 * <ul>
 *   <li>{@link Daily} and {@link Weekly} fire once per local date. A time that does not exist on the
 *       spring-forward night (02:30 in Europe/Berlin) fires once, shifted forward by the length of the
 *       gap (03:30 local). A time that exists twice on the fall-back night fires once, at its first
 *       occurrence (the summer-time offset).
 *   <li>{@link Every} fires at every instant whose local wall time is a multiple of the interval
 *       (minute 0, 15, 30, 45 for every 15 minutes), like Proxmox's {@code *}{@code /15}: it follows
 *       elapsed time, so the repeated hour of the fall-back night is covered twice and the skipped
 *       hour of the spring-forward night not at all.
 * </ul>
 *
 * <p>Every schedule renders to a Proxmox calendar event ({@link #toCalendarEvent()}) and
 * {@link #parse(String)} reads those strings back. Implementations are immutable records.
 *
 * <pre>{@code
 * Schedule nightly = Schedule.daily(LocalTime.of(2, 0));                  // "02:00"
 * Schedule sunday = Schedule.weekly(DayOfWeek.SUNDAY, LocalTime.of(3, 0)); // "sun 03:00"
 * Instant next = sunday.next(Instant.now(), ZoneId.of("Europe/Berlin"));
 * }</pre>
 */
public sealed interface Schedule permits Schedule.Daily, Schedule.Weekly, Schedule.Every {

  /**
   * Returns the first fire time strictly after {@code after}, evaluated in {@code zone}.
   *
   * @param after the instant to start from (exclusive)
   * @param zone the zone whose wall clock the schedule follows
   * @return the next fire time
   */
  Instant next(Instant after, ZoneId zone);

  /**
   * Renders this schedule as a Proxmox calendar event, such as {@code 02:00}, {@code sun 03:00},
   * {@code *}{@code /15} or {@code *}{@code /2:00}.
   *
   * @return the calendar event string
   */
  String toCalendarEvent();

  /**
   * Creates a schedule that fires every day at {@code time} (minute precision).
   *
   * @param time the local time; seconds and nanoseconds must be zero
   * @return the schedule
   */
  static Schedule daily(LocalTime time) {
    return new Daily(time);
  }

  /**
   * Creates a schedule that fires every week on {@code day} at {@code time}.
   *
   * @param day the day of the week
   * @param time the local time; seconds and nanoseconds must be zero
   * @return the schedule
   */
  static Schedule weekly(DayOfWeek day, LocalTime time) {
    return new Weekly(day, time);
  }

  /**
   * Creates a schedule that fires every {@code minutes} minutes, at local minutes that are multiples
   * of it.
   *
   * @param minutes a divisor of 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30)
   * @return the schedule
   * @throws IllegalArgumentException if {@code minutes} does not divide an hour evenly
   */
  static Schedule everyMinutes(int minutes) {
    return new Every(minutes, ChronoUnit.MINUTES);
  }

  /**
   * Creates a schedule that fires every {@code hours} hours on the hour, at local hours that are
   * multiples of it.
   *
   * @param hours a divisor of 24 (1, 2, 3, 4, 6, 8, 12)
   * @return the schedule
   * @throws IllegalArgumentException if {@code hours} does not divide a day evenly
   */
  static Schedule everyHours(int hours) {
    return new Every(hours, ChronoUnit.HOURS);
  }

  /**
   * Parses the calendar events this class renders, plus {@code minutely}, {@code hourly},
   * {@code daily} and {@code weekly}.
   *
   * @param calendarEvent a string such as {@code 02:00}, {@code sun 03:00}, {@code *}{@code /15}
   * @return the schedule
   * @throws IllegalArgumentException if the string is not in the supported subset of Proxmox
   *     calendar events (ranges, lists and dates are not supported)
   */
  static Schedule parse(String calendarEvent) {
    return CalendarEvents.parse(calendarEvent);
  }

  /**
   * Fires every day at a local time.
   *
   * @param time the local time of day, minute precision
   */
  record Daily(LocalTime time) implements Schedule {

    /**
     * Validates the time.
     *
     * @param time the local time of day, minute precision
     */
    public Daily {
      CalendarEvents.requireMinutePrecision(time);
    }

    @Override
    public Instant next(Instant after, ZoneId zone) {
      LocalDate date = after.atZone(zone).toLocalDate().minusDays(1);
      while (true) {
        Instant candidate = CalendarEvents.resolve(date, time, zone);
        if (candidate.isAfter(after)) {
          return candidate;
        }
        date = date.plusDays(1);
      }
    }

    @Override
    public String toCalendarEvent() {
      return CalendarEvents.hhmm(time);
    }
  }

  /**
   * Fires every week on a day at a local time.
   *
   * @param day the day of the week
   * @param time the local time of day, minute precision
   */
  record Weekly(DayOfWeek day, LocalTime time) implements Schedule {

    /**
     * Validates the components.
     *
     * @param day the day of the week
     * @param time the local time of day, minute precision
     */
    public Weekly {
      Objects.requireNonNull(day, "day");
      CalendarEvents.requireMinutePrecision(time);
    }

    @Override
    public Instant next(Instant after, ZoneId zone) {
      LocalDate date = after.atZone(zone).toLocalDate().minusDays(1);
      while (true) {
        if (date.getDayOfWeek() == day) {
          Instant candidate = CalendarEvents.resolve(date, time, zone);
          if (candidate.isAfter(after)) {
            return candidate;
          }
        }
        date = date.plusDays(1);
      }
    }

    @Override
    public String toCalendarEvent() {
      return day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT)
          + " " + CalendarEvents.hhmm(time);
    }
  }

  /**
   * Fires every {@code amount} minutes or hours, aligned to the local wall clock.
   *
   * @param amount the interval length; divides 60 for minutes, 24 for hours
   * @param unit {@link ChronoUnit#MINUTES} or {@link ChronoUnit#HOURS}
   */
  record Every(int amount, ChronoUnit unit) implements Schedule {

    /**
     * Validates the interval.
     *
     * @param amount the interval length; divides 60 for minutes, 24 for hours
     * @param unit {@link ChronoUnit#MINUTES} or {@link ChronoUnit#HOURS}
     */
    public Every {
      Objects.requireNonNull(unit, "unit");
      int period = switch (unit) {
        case MINUTES -> 60;
        case HOURS -> 24;
        default -> throw new IllegalArgumentException(
            "unit must be MINUTES or HOURS, got " + unit);
      };
      if (amount < 1 || amount >= period || period % amount != 0) {
        throw new IllegalArgumentException("every " + amount + " " + unit.toString().toLowerCase(
            Locale.ROOT) + " cannot be a calendar event: use a divisor of " + period
            + " below " + period);
      }
    }

    @Override
    public Instant next(Instant after, ZoneId zone) {
      // plusMinutes/plusHours on ZonedDateTime move along the instant time-line, so DST gaps are
      // skipped and repeated hours are visited twice.
      ZonedDateTime t = after.atZone(zone).truncatedTo(unit).plus(1, unit);
      while (!matches(t)) {
        t = t.plus(1, unit);
      }
      return t.toInstant();
    }

    private boolean matches(ZonedDateTime t) {
      return unit == ChronoUnit.MINUTES
          ? t.getMinute() % amount == 0
          : t.getHour() % amount == 0 && t.getMinute() == 0;
    }

    @Override
    public String toCalendarEvent() {
      return unit == ChronoUnit.MINUTES ? "*/" + amount : "*/" + amount + ":00";
    }
  }
}
