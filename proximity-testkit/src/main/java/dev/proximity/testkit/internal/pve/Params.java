package dev.proximity.testkit.internal.pve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Request parameters (query, form or JSON body, plus path values), already schema-checked. */
public final class Params {
  private final Map<String, List<String>> values;
  private final Map<String, String> path;

  /**
   * Creates the view.
   *
   * @param values query/body parameters
   * @param path path parameters
   */
  public Params(Map<String, List<String>> values, Map<String, String> path) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.path = Map.copyOf(path);
  }

  /** @return the raw multi-valued parameters (without path values) */
  public Map<String, List<String>> raw() {
    return values;
  }

  /**
   * @param name parameter
   * @return whether it was sent or is a path value
   */
  public boolean has(String name) {
    return path.containsKey(name) || values.containsKey(name);
  }

  /**
   * @param name parameter
   * @return its value (path values first; repeated keys joined with a comma)
   */
  public Optional<String> opt(String name) {
    String p = path.get(name);
    if (p != null) {
      return Optional.of(p);
    }
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(String.join(",", v));
  }

  /**
   * @param name a parameter the schema made required
   * @return its value
   */
  public String str(String name) {
    return opt(name).orElseThrow(() -> PveError.param(name, "property is missing and it is not optional"));
  }

  /**
   * @param name parameter
   * @param def default
   * @return the integer value or the default
   */
  public long num(String name, long def) {
    return opt(name).map(s -> (long) Double.parseDouble(s)).orElse(def);
  }

  /**
   * @param name a required integer parameter
   * @return its value
   */
  public int integer(String name) {
    return (int) Long.parseLong(str(name));
  }

  /**
   * @param name boolean parameter (0/1)
   * @param def default
   * @return its value
   */
  public boolean bool(String name, boolean def) {
    return opt(name).map(s -> "1".equals(s) || "true".equalsIgnoreCase(s)).orElse(def);
  }
}
