package dev.proximity;

import java.util.List;
import java.util.Optional;

/**
 * Manages the per-node golden templates that make deploys fast. Thread-safe.
 *
 * <pre>{@code
 * GoldenTemplate golden = px.templates().prepareGolden("pve1");
 * }</pre>
 */
public interface Templates {

  /**
   * Creates the golden template of a node, or refreshes it: creates a container from the base OS
   * template, installs Docker with the fixed script, stops it and converts it to a template tagged
   * {@code proximity-golden}. An older golden template of that node is removed once the new one is
   * ready, unless linked clones still use it (Proxmox refuses that; it then stays, unused, until
   * those apps are gone). Deploys clone the newest golden template: a linked clone on storages
   * with the clone feature (lvmthin, zfspool, rbd), else a full clone.
   *
   * @param node the node
   * @return the new golden template
   * @throws DeployException if a step fails (what was created is removed)
   * @throws InvalidRequestException if the node is unknown or offline
   */
  GoldenTemplate prepareGolden(String node);

  /**
   * Finds the golden template of a node.
   *
   * @param node the node
   * @return the template, or empty when the node has none
   */
  Optional<GoldenTemplate> golden(String node);

  /**
   * Lists the golden templates of the cluster, with one request.
   *
   * @return an immutable list
   */
  List<GoldenTemplate> list();
}
