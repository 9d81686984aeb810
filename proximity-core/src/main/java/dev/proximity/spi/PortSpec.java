package dev.proximity.spi;

import java.util.Objects;

/**
 * A port an app publishes on its container.
 *
 * @param port the port number, 1..65535
 * @param protocol {@code tcp} or {@code udp}
 * @param description what the port serves, possibly empty
 */
public record PortSpec(int port, String protocol, String description) {

  /**
   * Validates the components.
   *
   * @param port the port number, 1..65535
   * @param protocol {@code tcp} or {@code udp}
   * @param description what the port serves, possibly empty
   */
  public PortSpec {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    Objects.requireNonNull(protocol, "protocol");
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw new IllegalArgumentException("protocol must be tcp or udp, got " + protocol);
    }
    description = description == null ? "" : description;
  }
}
