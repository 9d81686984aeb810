package dev.proximity.catalog.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The raw shape of an {@code app.yaml}, as bound by Jackson with unknown keys refused.
 *
 * <p>Every component may be null here; {@link EntryLoader} checks presence and meaning and turns
 * this into a validated {@link LoadedEntry}.
 */
record AppDescriptor(
    String id,
    String name,
    String version,
    String description,
    String category,
    List<String> tags,
    String icon,
    String homepage,
    String source,
    Integer webPort,
    List<Port> ports,
    List<Volume> volumes,
    List<Parameter> parameters,
    Resources resources,
    Check healthCheck,
    String notes) {

  /** One published port. */
  record Port(Integer port, String protocol, String description) {}

  /** One named volume. */
  record Volume(String name, String description) {}

  /** One parameter; {@code default} is a scalar node so that {@code 8080} and {@code "8080"} both work. */
  record Parameter(
      String name,
      String type,
      String description,
      @JsonProperty("default") JsonNode defaultValue,
      String pattern,
      Boolean required,
      Boolean secret,
      Boolean generated,
      Integer length,
      Boolean regenerateOnClone) {}

  /** Minimum and recommended resources. */
  record Resources(Level minimum, Level recommended) {}

  /** One resource level. */
  record Level(Integer cores, Integer memoryMb, Integer diskGb) {}

  /** The health check. */
  record Check(
      String service,
      List<String> test,
      String interval,
      String timeout,
      Integer retries,
      String startPeriod) {}
}
