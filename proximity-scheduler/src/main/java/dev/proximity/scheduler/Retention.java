package dev.proximity.scheduler;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * How many backups to keep, in Proxmox's {@code prune-backups} terms: the newest
 * {@code keepLast}, then the newest backup of each of the last {@code keepDaily} days with backups,
 * and so on for weeks, months and years. A zero count is not set; a retention with every count
 * zero keeps everything ({@code keep-all=1}).
 *
 * <pre>{@code
 * Retention r = Retention.builder().keepDaily(7).keepWeekly(4).keepMonthly(6).build();
 * r.toPruneBackups();   // "keep-daily=7,keep-weekly=4,keep-monthly=6"
 * }</pre>
 *
 * @param keepLast how many of the newest backups to keep
 * @param keepDaily for how many days (with backups) to keep the newest backup of the day
 * @param keepWeekly for how many ISO weeks to keep the newest backup of the week
 * @param keepMonthly for how many months to keep the newest backup of the month
 * @param keepYearly for how many years to keep the newest backup of the year
 */
public record Retention(int keepLast, int keepDaily, int keepWeekly, int keepMonthly,
    int keepYearly) {

  /**
   * Validates the counts.
   *
   * @param keepLast how many of the newest backups to keep
   * @param keepDaily for how many days (with backups) to keep the newest backup of the day
   * @param keepWeekly for how many ISO weeks to keep the newest backup of the week
   * @param keepMonthly for how many months to keep the newest backup of the month
   * @param keepYearly for how many years to keep the newest backup of the year
   */
  public Retention {
    for (int n : new int[] {keepLast, keepDaily, keepWeekly, keepMonthly, keepYearly}) {
      if (n < 0) {
        throw new IllegalArgumentException("retention counts must not be negative: " + n);
      }
    }
  }

  /**
   * Returns the retention that keeps every backup.
   *
   * @return {@code keep-all=1}
   */
  public static Retention keepAll() {
    return new Retention(0, 0, 0, 0, 0);
  }

  /**
   * Returns Proximity's default: the last 7 days, 4 weeks and 6 months.
   *
   * @return {@code keep-daily=7,keep-weekly=4,keep-monthly=6}
   */
  public static Retention defaultRetention() {
    return new Retention(0, 7, 4, 6, 0);
  }

  /**
   * Starts building a retention; counts not set stay zero.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return whether this retention keeps every backup */
  public boolean isKeepAll() {
    return keepLast == 0 && keepDaily == 0 && keepWeekly == 0 && keepMonthly == 0
        && keepYearly == 0;
  }

  /**
   * Renders the Proxmox {@code prune-backups} property string.
   *
   * @return such as {@code keep-last=3,keep-daily=7}, or {@code keep-all=1}
   */
  public String toPruneBackups() {
    if (isKeepAll()) {
      return "keep-all=1";
    }
    StringJoiner j = new StringJoiner(",");
    add(j, "keep-last", keepLast);
    add(j, "keep-daily", keepDaily);
    add(j, "keep-weekly", keepWeekly);
    add(j, "keep-monthly", keepMonthly);
    add(j, "keep-yearly", keepYearly);
    return j.toString();
  }

  private static void add(StringJoiner j, String key, int n) {
    if (n > 0) {
      j.add(key + "=" + n);
    }
  }

  /**
   * Parses a {@code prune-backups} property string.
   *
   * @param pruneBackups such as {@code keep-last=3,keep-daily=7} or {@code keep-all=1}
   * @return the retention
   * @throws IllegalArgumentException for keys this type does not model ({@code keep-hourly}) or
   *     malformed values
   */
  public static Retention parse(String pruneBackups) {
    Builder b = builder();
    boolean keepAll = false;
    for (String part : pruneBackups.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("malformed prune-backups entry '" + p + "'");
      }
      String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      int n;
      try {
        n = Integer.parseInt(p.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("malformed prune-backups count in '" + p + "'", e);
      }
      switch (key) {
        case "keep-all" -> keepAll = n == 1;
        case "keep-last" -> b.keepLast(n);
        case "keep-daily" -> b.keepDaily(n);
        case "keep-weekly" -> b.keepWeekly(n);
        case "keep-monthly" -> b.keepMonthly(n);
        case "keep-yearly" -> b.keepYearly(n);
        default -> throw new IllegalArgumentException("unsupported prune-backups key '" + key
            + "'; supported: keep-all, keep-last, keep-daily, keep-weekly, keep-monthly,"
            + " keep-yearly");
      }
    }
    Retention r = b.build();
    if (keepAll && !r.isKeepAll()) {
      throw new IllegalArgumentException("keep-all=1 excludes the other keep options: "
          + pruneBackups);
    }
    return r;
  }

  /**
   * Selects the backups this retention keeps, with Proxmox's algorithm: backups sorted newest
   * first; each option in turn (last, daily, weekly, monthly, yearly) keeps the newest backup of
   * each period not yet covered by a kept backup, until its count of periods is reached; the rest
   * is removed. Periods are taken in {@code zone}, as Proxmox uses the node's local time.
   *
   * @param backupTimes the creation times of the backups of one guest
   * @param zone the zone that defines days, weeks, months and years
   * @return the times kept, newest first
   */
  public List<Instant> select(Collection<Instant> backupTimes, ZoneId zone) {
    List<Instant> sorted = new ArrayList<>(new LinkedHashSet<>(backupTimes));
    sorted.sort(Comparator.reverseOrder());
    if (isKeepAll()) {
      return sorted;
    }
    Set<Instant> kept = new HashSet<>();
    Set<Instant> removed = new HashSet<>();
    mark(sorted, kept, removed, keepLast, t -> t.toString());
    mark(sorted, kept, removed, keepDaily, t -> t.atZone(zone).toLocalDate().toString());
    mark(sorted, kept, removed, keepWeekly, t -> {
      ZonedDateTime z = t.atZone(zone);
      return z.get(IsoFields.WEEK_BASED_YEAR) + "/" + z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    });
    mark(sorted, kept, removed, keepMonthly, t -> {
      ZonedDateTime z = t.atZone(zone);
      return z.getYear() + "/" + z.getMonthValue();
    });
    mark(sorted, kept, removed, keepYearly, t -> String.valueOf(t.atZone(zone).getYear()));
    return sorted.stream().filter(kept::contains).toList();
  }

  private static void mark(List<Instant> sorted, Set<Instant> kept, Set<Instant> removed,
      int count, Function<Instant, String> period) {
    if (count == 0) {
      return;
    }
    Set<String> alreadyIncluded = new HashSet<>();
    for (Instant t : kept) {
      alreadyIncluded.add(period.apply(t));
    }
    Set<String> newlyIncluded = new HashSet<>();
    for (Instant t : sorted) {
      String id = period.apply(t);
      if (kept.contains(t) || removed.contains(t) || alreadyIncluded.contains(id)) {
        continue;
      }
      if (!newlyIncluded.contains(id)) {
        if (newlyIncluded.size() >= count) {
          return;
        }
        newlyIncluded.add(id);
        kept.add(t);
      } else {
        removed.add(t);
      }
    }
  }

  /** Builds a {@link Retention}; counts not set stay zero. Not thread-safe. */
  public static final class Builder {
    private int last;
    private int daily;
    private int weekly;
    private int monthly;
    private int yearly;

    private Builder() {}

    /**
     * Keeps the newest {@code n} backups.
     *
     * @param n the count
     * @return this builder
     */
    public Builder keepLast(int n) {
      this.last = n;
      return this;
    }

    /**
     * Keeps the newest backup of each of the last {@code n} days with backups.
     *
     * @param n the count
     * @return this builder
     */
    public Builder keepDaily(int n) {
      this.daily = n;
      return this;
    }

    /**
     * Keeps the newest backup of each of the last {@code n} weeks with backups.
     *
     * @param n the count
     * @return this builder
     */
    public Builder keepWeekly(int n) {
      this.weekly = n;
      return this;
    }

    /**
     * Keeps the newest backup of each of the last {@code n} months with backups.
     *
     * @param n the count
     * @return this builder
     */
    public Builder keepMonthly(int n) {
      this.monthly = n;
      return this;
    }

    /**
     * Keeps the newest backup of each of the last {@code n} years with backups.
     *
     * @param n the count
     * @return this builder
     */
    public Builder keepYearly(int n) {
      this.yearly = n;
      return this;
    }

    /**
     * Builds the retention.
     *
     * @return the retention
     * @throws IllegalArgumentException if a count is negative
     */
    public Retention build() {
      return new Retention(last, daily, weekly, monthly, yearly);
    }
  }
}
