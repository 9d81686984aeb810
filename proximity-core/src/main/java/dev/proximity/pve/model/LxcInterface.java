package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A network interface inside a running container ({@code GET .../lxc/{vmid}/interfaces}, PVE 8.1+).
 *
 * @param name interface name, e.g. {@code eth0}
 * @param hwaddr MAC address
 * @param inet last IPv4 address with prefix, or null
 * @param inet6 last IPv6 address with prefix, or null
 * @param ipAddresses all addresses
 */
public record LxcInterface(String name, String hwaddr, String inet, String inet6,
    @JsonProperty("ip-addresses") List<IpAddress> ipAddresses) {

  /**
   * Copies the address list.
   *
   * @param name interface name, e.g. {@code eth0}
   * @param hwaddr MAC address
   * @param inet last IPv4 address with prefix, or null
   * @param inet6 last IPv6 address with prefix, or null
   * @param ipAddresses all addresses
   */
  public LxcInterface {
    ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
  }

  /**
   * Returns the first IPv4 address without prefix.
   *
   * @return e.g. {@code 10.0.0.5}
   */
  public Optional<String> ipv4() {
    for (IpAddress a : ipAddresses) {
      if ("inet".equals(a.type())) {
        return Optional.of(a.address());
      }
    }
    return inet == null || inet.isEmpty() ? Optional.empty() : Optional.of(inet.replaceAll("/\\d+$", ""));
  }

  /**
   * One address of an interface.
   *
   * @param address the address
   * @param type {@code inet} or {@code inet6}
   * @param prefix prefix length
   */
  public record IpAddress(@JsonProperty("ip-address") String address, @JsonProperty("ip-address-type") String type,
      int prefix) {}
}
