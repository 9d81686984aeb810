package dev.proximity.ssh.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A node's SSH connections: one, plus more while every open one has all its channels in use, up
 * to a limit. A server bounds the channels of one connection (OpenSSH's {@code MaxSessions},
 * default 10), so long commands (a Docker install, a Compose pull) of many concurrent deploys on
 * one node would otherwise queue behind each other. A connection, once opened, stays for reuse.
 * Thread-safe.
 */
public final class ConnectionPool implements AutoCloseable {
  private final Supplier<SshConnection> factory;
  private final int max;
  private final List<SshConnection> connections = new ArrayList<>();
  private final ConnectionSettings settings;

  /**
   * Creates the pool; nothing connects until the first command.
   *
   * @param settings the node's settings, shared by its connections
   * @param max the most connections to the node, at least 1
   * @param factory makes a new, unconnected connection with those settings
   */
  public ConnectionPool(ConnectionSettings settings, int max, Supplier<SshConnection> factory) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1: " + max);
    }
    this.settings = settings;
    this.max = max;
    this.factory = factory;
  }

  /**
   * Returns the connection with the most free channels, opening another one (up to the limit)
   * when none has a free channel. The caller then waits for a channel on it as usual.
   *
   * @return the connection to use
   */
  public synchronized SshConnection pick() {
    SshConnection best = null;
    for (SshConnection c : connections) {
      if (best == null || c.freeChannels() > best.freeChannels()) {
        best = c;
      }
    }
    if ((best == null || best.freeChannels() == 0) && connections.size() < max) {
      best = factory.get();
      connections.add(best);
    }
    return best;
  }

  /**
   * Returns a connection for a long-lived command, which holds its channel for as long as it
   * runs: the one {@link #pick()} chooses, but only if commands keep a channel of their own
   * afterwards (another free one there or on another connection, or room for another
   * connection). Otherwise a pool of one single-channel connection would queue every command
   * behind it.
   *
   * @return the connection, or empty when taking a channel now would leave none for commands
   */
  public synchronized Optional<SshConnection> pickForSession() {
    SshConnection best = pick();
    if (best.freeChannels() > 1 || connections.size() < max) {
      return Optional.of(best);
    }
    for (SshConnection c : connections) {
      if (c != best && c.freeChannels() > 0) {
        return Optional.of(best);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the node's settings.
   *
   * @return the settings
   */
  public ConnectionSettings settings() {
    return settings;
  }

  /** Drops every open connection; the next commands reconnect. */
  public synchronized void disconnect() {
    connections.forEach(SshConnection::disconnect);
  }

  /** Closes every connection. Idempotent. */
  @Override
  public synchronized void close() {
    connections.forEach(SshConnection::close);
  }
}
