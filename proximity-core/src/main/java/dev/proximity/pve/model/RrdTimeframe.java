package dev.proximity.pve.model;

import java.util.Locale;

/** Time frame of RRD statistics. */
public enum RrdTimeframe {
  /** Last hour, one point per minute. */
  HOUR,
  /** Last day. */
  DAY,
  /** Last week. */
  WEEK,
  /** Last month. */
  MONTH,
  /** Last year. */
  YEAR;

  /**
   * Returns the value sent to the API.
   *
   * @return e.g. {@code hour}
   */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
