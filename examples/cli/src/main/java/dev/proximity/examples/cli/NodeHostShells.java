package dev.proximity.examples.cli;

import dev.proximity.spi.HostShell;
import dev.proximity.spi.HostShellFactory;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.ssh.SshHostShells;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The SSH host shells of a real cluster: each node is reached at its configured address
 * ({@code --ssh-host NODE=HOST}), or else at the API endpoint's host, which is right for a single
 * node and for clusters reached through one address. Connections open on first use per node.
 * Thread-safe.
 */
final class NodeHostShells implements HostShellFactory {
  private final Function<String, SshHostShells> open;
  private final Map<String, SshHostShells> shells = new ConcurrentHashMap<>();

  private NodeHostShells(Function<String, SshHostShells> open) {
    this.open = open;
  }

  /**
   * Configures the shells.
   *
   * @param hosts configured node addresses
   * @param defaultHost the address of nodes not configured
   * @param port the SSH port
   * @param user the SSH user
   * @param auth the key or password
   * @param hostKeys how host keys are verified
   */
  static NodeHostShells create(
      Map<String, String> hosts, String defaultHost, int port, String user, SshAuth auth, HostKeyVerification hostKeys) {
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(hostKeys, "hostKeys");
    return new NodeHostShells(node -> SshHostShells.builder()
        .node(node, hosts.getOrDefault(node, defaultHost), port)
        .user(user)
        .auth(auth)
        .hostKeys(hostKeys)
        .build());
  }

  @Override
  public HostShell forNode(String node) {
    return shells.computeIfAbsent(node, open).forNode(node);
  }

  @Override
  public void close() {
    shells.values().forEach(SshHostShells::close);
    shells.clear();
  }
}
