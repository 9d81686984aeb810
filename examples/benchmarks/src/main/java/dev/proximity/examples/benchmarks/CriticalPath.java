package dev.proximity.examples.benchmarks;

import java.time.Duration;

/**
 * The lower bound on the wall time of {@code n} concurrent deploys of a one-image app over a
 * cluster of identical-role nodes, from the step latencies alone: no scheduler, however clever,
 * can finish all deploys sooner. It counts every modelled step on one deploy's dependency chain,
 * and the serialisation the simulated Proxmox imposes:
 *
 * <ul>
 *   <li>Fresh path: no node has the OS template at the start, and a container is created from the
 *       template on its own node's storage, so every create waits for one download; then create,
 *       start, DHCP, Docker install (it needs the network), compose up (image pull, container
 *       start) and the health check follow one another. Nothing else is serialised per node (a
 *       create locks only its new container), so the bound does not grow with {@code n}.
 *   <li>Golden path: a linked clone holds the {@code disk} lock on its source from the request until
 *       its task ends, so the clones of one node's golden template run one at a time and the
 *       {@code k}-th clone on a node cannot end before {@code k} clone latencies. However the
 *       deploys are placed, some node takes at least {@code ceil(n / nodes)} of them; its last clone
 *       is followed by start, DHCP, compose up and the health check.
 * </ul>
 *
 * <p>API round trips, polling and SSH overhead count as zero: they are what the SDK is measured
 * against.
 */
public final class CriticalPath {
  private CriticalPath() {}

  /** Where a deploy's container comes from. */
  public enum Path {
    /** OS template download (once per node), create, Docker install. */
    FRESH,
    /** A linked clone of the node's golden template, which has Docker installed. */
    GOLDEN
  }

  /**
   * Computes the bound in simulated (unscaled) time.
   *
   * @param l the step latencies
   * @param path fresh or golden
   * @param deploys concurrent deploys, at least 1
   * @param nodes nodes that can take them, at least 1
   * @param images images of the app, none present in the container before
   * @return the lower bound on the wall time until every deploy is healthy
   */
  public static Duration lowerBound(DeployLatencies l, Path path, int deploys, int nodes,
      int images) {
    if (deploys < 1 || nodes < 1 || images < 0) {
      throw new IllegalArgumentException("need deploys >= 1, nodes >= 1, images >= 0; got "
          + deploys + ", " + nodes + ", " + images);
    }
    Duration afterCreate = l.start().plus(l.dhcp());
    Duration app = l.imagePull().multipliedBy(images).plus(l.containerStart()).plus(l.healthy());
    if (path == Path.FRESH) {
      return l.download().plus(l.create()).plus(afterCreate).plus(l.dockerInstall()).plus(app);
    }
    int busiestNode = (deploys + nodes - 1) / nodes;
    return l.linkedClone().multipliedBy(busiestNode).plus(afterCreate).plus(app);
  }
}
