package dev.proximity;

import java.util.List;
import java.util.Optional;

/**
 * Manages the per-node golden templates that make deploys fast. Thread-safe.
 *
 * <pre>{@code
 * GoldenTemplate golden = px.templates().prepareGolden("pve1");
 * List<GoldenTemplate> replicas = px.templates().prepareGolden("pve1", 3);
 * }</pre>
 */
public interface Templates {

  /**
   * Creates the golden template of a node, or refreshes it: creates a container from the base OS
   * template, installs Docker with the fixed script, stops it and converts it to a template tagged
   * {@code proximity-golden}. When the node carries {@linkplain #prepareGolden(String, int)
   * replicas}, the new template gets as many. Every older golden template of that node (all its
   * replicas) is removed once the new one is ready, unless linked clones still use it (Proxmox
   * refuses that; it then stays, unused, until those apps are gone). Deploys clone the newest
   * golden template: a linked clone on storages with the clone feature (lvmthin, zfspool, rbd),
   * else a full clone.
   *
   * @param node the node
   * @return the new golden template (its first replica)
   * @throws DeployException if a step fails (what was created is removed)
   * @throws InvalidRequestException if the node is unknown or offline
   */
  GoldenTemplate prepareGolden(String node);

  /**
   * Makes a node carry {@code replicas} copies of its golden template, so that up to that many
   * deploys clone at the same time on the node: Proxmox holds a template's {@code disk} lock for
   * the whole clone, so the clones of one template run one after the other, and each deploy clones
   * the replica with the fewest clones queued by this SDK instance. Idempotent: creates the
   * golden template first when the node has none (as {@link #prepareGolden(String)}), adds the
   * missing replicas as full copies of it (no second Docker install), and takes replicas beyond
   * {@code replicas} out of service (removed, or kept unused while linked clones use them).
   *
   * <p>Each replica costs a full copy of the template's disk: linked clones share their
   * template's base volume, but replicas cannot share one another's.
   *
   * @param node the node
   * @param replicas how many, 1 to 16
   * @return the node's replicas, ascending by vmid; immutable
   * @throws DeployException if a step fails (what this call created is removed)
   * @throws InvalidRequestException if the node is unknown or offline, or {@code replicas} is out
   *     of range
   */
  List<GoldenTemplate> prepareGolden(String node, int replicas);

  /**
   * Finds the golden template of a node.
   *
   * @param node the node
   * @return the template (its first replica when it has several), or empty when the node has
   *     none
   */
  Optional<GoldenTemplate> golden(String node);

  /**
   * Lists the golden templates of the cluster, every replica, with one request per template plus
   * one.
   *
   * @return an immutable list
   */
  List<GoldenTemplate> list();
}
