package dev.proximity.pve.model;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * One point of RRD statistics ({@code GET .../rrddata}).
 *
 * @param time epoch seconds
 * @param values metric name ({@code cpu}, {@code mem}, {@code netin}, ...) to value; absent metrics are left out
 */
public record RrdPoint(long time, Map<String, Double> values) {

  /**
   * Copies the values.
   *
   * @param time epoch seconds
   * @param values metric name ({@code cpu}, {@code mem}, {@code netin}, ...) to value; absent metrics are left out
   */
  public RrdPoint {
    values = Map.copyOf(values);
  }

  /**
   * Returns one metric.
   *
   * @param name e.g. {@code cpu}
   * @return the value, if the point has it
   */
  public OptionalDouble value(String name) {
    Double v = values.get(name);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
