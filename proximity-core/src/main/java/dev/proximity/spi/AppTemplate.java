package dev.proximity.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One deployable app of a catalog: its description, its parameters and its Docker Compose document.
 *
 * <p>Immutable and thread-safe.
 */
public interface AppTemplate {

  /** @return the catalog id, a DNS label such as {@code uptime-kuma} */
  String id();

  /** @return the display name */
  String name();

  /** @return the catalog version of this entry, which changes when its images change */
  String version();

  /** @return a one-paragraph description */
  String description();

  /** @return the category, such as {@code monitoring} */
  String category();

  /** @return free-form tags, lower case */
  List<String> tags();

  /** @return the port of the web interface, or empty for apps without one */
  Optional<PortSpec> webPort();

  /** @return every port the app publishes on the container, the web port included */
  List<PortSpec> ports();

  /** @return the parameters a user may set, in declaration order */
  List<AppParameter> parameters();

  /** @return minimum and recommended resources */
  ResourceHints resources();

  /** @return every image reference the compose document uses, each pinned to a tag */
  List<String> images();

  /** @return notes to show after a deploy (first login, default user), possibly empty */
  String notes();

  /**
   * Renders the compose document with parameter values substituted structurally.
   *
   * <p>Values are validated against each parameter's type and pattern; missing generated parameters
   * get fresh random values; missing optional parameters take their defaults.
   *
   * @param values parameter values by name; unknown names are refused
   * @return the rendered app
   * @throws dev.proximity.ProximityException if a value is invalid or a required one is missing
   */
  RenderedApp render(Map<String, String> values);
}
