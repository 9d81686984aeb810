package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A node network interface ({@code GET /nodes/{node}/network}).
 *
 * @param iface name, e.g. {@code vmbr0}
 * @param type e.g. {@code bridge}, {@code eth}, {@code bond}, {@code vlan}
 * @param active the interface is up
 * @param autostart brought up at boot
 * @param address IPv4 address, or null
 * @param cidr IPv4 CIDR, or null
 * @param gateway IPv4 gateway, or null
 * @param bridgePorts ports of a bridge, or null
 * @param method {@code static}, {@code manual}, {@code dhcp}, or null
 * @param comments comment, or null
 */
public record NetworkInterface(String iface, String type, boolean active, boolean autostart, String address,
    String cidr, String gateway, @JsonProperty("bridge_ports") String bridgePorts, String method, String comments) {

  /**
   * Tells whether this is a Linux or OVS bridge containers can attach to.
   *
   * @return true for bridges
   */
  public boolean isBridge() {
    return "bridge".equals(type) || "OVSBridge".equals(type);
  }
}
