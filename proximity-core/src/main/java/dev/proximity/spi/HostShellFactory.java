package dev.proximity.spi;

/**
 * Opens {@link HostShell}s to the nodes of a Proxmox VE cluster.
 *
 * <p>Implemented by {@code proximity-ssh}. A factory owns the connections it opens and closes them in
 * {@link #close()}; shells it returns are shared and must not be closed by the caller. Implementations
 * are thread-safe.
 */
public interface HostShellFactory extends AutoCloseable {

  /**
   * Returns the shell for a cluster node, connecting lazily on first use.
   *
   * @param node the Proxmox node name, as in {@code /nodes}
   * @return a thread-safe shell on that node's host
   * @throws dev.proximity.ProximityException if the node has no configured host
   */
  HostShell forNode(String node);

  /** Closes every connection this factory opened. Idempotent. */
  @Override
  void close();
}
