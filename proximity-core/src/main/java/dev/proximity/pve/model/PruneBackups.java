package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A backup retention ({@code prune-backups}), e.g. {@code keep-last=3,keep-daily=7}.
 *
 * @param keepAll keep every backup (other keys must then be unset), or null
 * @param keepLast keep the newest n, or null
 * @param keepHourly keep one per hour for n hours, or null
 * @param keepDaily keep one per day for n days, or null
 * @param keepWeekly keep one per week for n weeks, or null
 * @param keepMonthly keep one per month for n months, or null
 * @param keepYearly keep one per year for n years, or null
 */
public record PruneBackups(Boolean keepAll, Integer keepLast, Integer keepHourly, Integer keepDaily,
    Integer keepWeekly, Integer keepMonthly, Integer keepYearly) {

  /**
   * Checks the values are not negative and keep-all stands alone.
   *
   * @param keepAll keep every backup (other keys must then be unset), or null
   * @param keepLast keep the newest n, or null
   * @param keepHourly keep one per hour for n hours, or null
   * @param keepDaily keep one per day for n days, or null
   * @param keepWeekly keep one per week for n weeks, or null
   * @param keepMonthly keep one per month for n months, or null
   * @param keepYearly keep one per year for n years, or null
   */
  public PruneBackups {
    for (Integer v : new Integer[] {keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly}) {
      if (v != null && v < 0) {
        throw new IllegalArgumentException("prune-backups values must not be negative");
      }
    }
    if (Boolean.TRUE.equals(keepAll) && (keepLast != null || keepHourly != null || keepDaily != null
        || keepWeekly != null || keepMonthly != null || keepYearly != null)) {
      throw new IllegalArgumentException("keep-all=1 cannot be combined with other keep-* options");
    }
  }

  /**
   * Keeps the newest n backups.
   *
   * @param n how many
   * @return the retention
   */
  public static PruneBackups keepLast(int n) {
    return new PruneBackups(null, n, null, null, null, null, null);
  }

  /**
   * Returns a copy with {@code keep-daily} set.
   *
   * @param n days
   * @return the retention
   */
  public PruneBackups withKeepDaily(int n) {
    return new PruneBackups(keepAll, keepLast, keepHourly, n, keepWeekly, keepMonthly, keepYearly);
  }

  /**
   * Returns a copy with {@code keep-weekly} set.
   *
   * @param n weeks
   * @return the retention
   */
  public PruneBackups withKeepWeekly(int n) {
    return new PruneBackups(keepAll, keepLast, keepHourly, keepDaily, n, keepMonthly, keepYearly);
  }

  /**
   * Returns a copy with {@code keep-monthly} set.
   *
   * @param n months
   * @return the retention
   */
  public PruneBackups withKeepMonthly(int n) {
    return new PruneBackups(keepAll, keepLast, keepHourly, keepDaily, keepWeekly, n, keepYearly);
  }

  /**
   * Parses a retention string.
   *
   * @param text e.g. {@code keep-last=3,keep-daily=7}
   * @return the retention
   */
  public static PruneBackups parse(String text) {
    Map<String, String> m = PropertyStrings.parse(text, null);
    return new PruneBackups(PropertyStrings.bool(m.get("keep-all")), PropertyStrings.integer(m.get("keep-last")),
        PropertyStrings.integer(m.get("keep-hourly")), PropertyStrings.integer(m.get("keep-daily")),
        PropertyStrings.integer(m.get("keep-weekly")), PropertyStrings.integer(m.get("keep-monthly")),
        PropertyStrings.integer(m.get("keep-yearly")));
  }

  @JsonCreator
  private static PruneBackups fromJson(JsonNode node) {
    if (node.isTextual()) {
      return parse(node.asText());
    }
    Map<String, String> m = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return parse(PropertyStrings.render(m));
  }

  /**
   * Renders the property string.
   *
   * @return e.g. {@code keep-last=3,keep-daily=7}
   */
  public String render() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("keep-all", PropertyStrings.flag(keepAll));
    m.put("keep-last", str(keepLast));
    m.put("keep-hourly", str(keepHourly));
    m.put("keep-daily", str(keepDaily));
    m.put("keep-weekly", str(keepWeekly));
    m.put("keep-monthly", str(keepMonthly));
    m.put("keep-yearly", str(keepYearly));
    return PropertyStrings.render(m);
  }

  private static String str(Integer v) {
    return v == null ? null : v.toString();
  }
}
