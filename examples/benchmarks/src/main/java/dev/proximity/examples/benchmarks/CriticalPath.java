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
 *       its task ends, so the clones of one golden template run one at a time. With {@code r}
 *       replicas of it on a node, at most {@code r} clones run there at once. However the deploys
 *       are placed, some node takes at least {@code m = ceil(n / nodes)} of them, and however they
 *       are spread over its replicas, some replica takes at least {@code ceil(m / r)} of those, so
 *       the node's last clone cannot end before {@code ceil(m / r)} clone latencies; it is followed
 *       by start, DHCP, compose up and the health check. Preparing the replicas (full copies) is
 *       done before the deploys and is not counted, like the golden template itself.
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
    /** A linked clone of (a replica of) the node's golden template, which has Docker installed. */
    GOLDEN
  }

  /**
   * Computes the bound in simulated (unscaled) time, with one golden template per node.
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
    return lowerBound(l, path, deploys, nodes, 1, images);
  }

  /**
   * Computes the bound in simulated (unscaled) time.
   *
   * @param l the step latencies
   * @param path fresh or golden
   * @param deploys concurrent deploys, at least 1
   * @param nodes nodes that can take them, at least 1
   * @param replicas golden template replicas per node, at least 1 (the fresh path ignores it)
   * @param images images of the app, none present in the container before
   * @return the lower bound on the wall time until every deploy is healthy
   */
  public static Duration lowerBound(DeployLatencies l, Path path, int deploys, int nodes,
      int replicas, int images) {
    if (deploys < 1 || nodes < 1 || replicas < 1 || images < 0) {
      throw new IllegalArgumentException("need deploys >= 1, nodes >= 1, replicas >= 1,"
          + " images >= 0; got " + deploys + ", " + nodes + ", " + replicas + ", " + images);
    }
    Duration afterCreate = l.start().plus(l.dhcp());
    Duration app = l.imagePull().multipliedBy(images).plus(l.containerStart()).plus(l.healthy());
    if (path == Path.FRESH) {
      return l.download().plus(l.create()).plus(afterCreate).plus(l.dockerInstall()).plus(app);
    }
    int busiestNode = ceilDiv(deploys, nodes);
    int busiestReplica = ceilDiv(busiestNode, replicas);
    return l.linkedClone().multipliedBy(busiestReplica).plus(afterCreate).plus(app);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
