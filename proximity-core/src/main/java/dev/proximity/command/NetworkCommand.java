package dev.proximity.command;

import java.util.List;
import java.util.Map;

/**
 * The {@code network} safe command: network interfaces and their addresses, one line each.
 *
 * <p>Runs {@code ip -brief address} inside the container. Takes no parameters. Immutable.
 */
public record NetworkCommand() implements SafeCommand {

  /**
   * Returns {@code network}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return "network";
  }

  @Override
  public List<String> argv() {
    return List.of("ip", "-brief", "address");
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of();
  }
}
