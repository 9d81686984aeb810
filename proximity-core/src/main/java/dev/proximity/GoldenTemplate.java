package dev.proximity;

import java.util.Objects;

/**
 * A per-node golden template: a container template with Docker preinstalled, tagged
 * {@code proximity-golden}. Deploys on that node clone it instead of installing Docker.
 *
 * <p>Immutable and thread-safe.
 *
 * @param node the node holding it
 * @param vmid the template's id
 * @param baseTemplate the OS template it was made from, such as {@code local:vztmpl/debian-12-...}
 */
public record GoldenTemplate(String node, int vmid, String baseTemplate) {

  /**
   * Validates the components.
   *
   * @param node the node holding it
   * @param vmid the template's id
   * @param baseTemplate the OS template it was made from, such as {@code local:vztmpl/debian-12-...}
   */
  public GoldenTemplate {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(baseTemplate, "baseTemplate");
  }
}
