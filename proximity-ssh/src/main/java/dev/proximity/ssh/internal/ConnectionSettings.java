package dev.proximity.ssh.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything one node's connection needs; built by {@code SshHostShells.Builder}.
 *
 * @param node the Proxmox node name
 * @param host the SSH host name or address
 * @param port the SSH port
 * @param user the login user
 * @param auth how to authenticate
 * @param hostKeys how to verify the host key
 * @param connectTimeout TCP connect, handshake, authentication and channel-open timeout
 * @param keepAlive keepalive interval, zero to disable
 * @param maxChannels the most channels open at once on the connection
 * @param maxOutputBytes the most bytes kept per output stream of one command
 */
public record ConnectionSettings(
    String node,
    String host,
    int port,
    String user,
    ClientAuthenticator auth,
    HostKeyPolicy hostKeys,
    Duration connectTimeout,
    Duration keepAlive,
    int maxChannels,
    int maxOutputBytes) {

  /** Validates the components. */
  public ConnectionSettings {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(hostKeys, "hostKeys");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(keepAlive, "keepAlive");
  }

  /**
   * Returns {@code host:port}, for messages.
   *
   * @return the address
   */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** Omits the authenticator. */
  @Override
  public String toString() {
    return "ConnectionSettings[" + user + "@" + address() + " node " + node + "]";
  }
}
