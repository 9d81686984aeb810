package dev.proximity.pve.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An LXC network device ({@code net0}..{@code net31}), e.g. {@code name=eth0,bridge=vmbr0,ip=dhcp,firewall=1}.
 *
 * @param name interface name inside the container (required), e.g. {@code eth0}
 * @param bridge host bridge, e.g. {@code vmbr0}
 * @param ip {@code dhcp}, {@code manual} or a CIDR such as {@code 10.0.0.5/24}, or null
 * @param gw IPv4 gateway, or null
 * @param ip6 {@code auto}, {@code dhcp}, {@code manual} or a CIDR, or null
 * @param gw6 IPv6 gateway, or null
 * @param firewall use the Proxmox firewall on this device, or null
 * @param hwaddr MAC address, or null to let Proxmox generate one
 * @param tag VLAN tag, or null
 * @param mtu MTU, or null
 * @param rate rate limit in MB/s, or null
 */
public record Net(String name, String bridge, String ip, String gw, String ip6, String gw6,
    Boolean firewall, String hwaddr, Integer tag, Integer mtu, String rate) {

  /**
   * Checks that the name is given.
   *
   * @param name interface name inside the container (required), e.g. {@code eth0}
   * @param bridge host bridge, e.g. {@code vmbr0}
   * @param ip {@code dhcp}, {@code manual} or a CIDR such as {@code 10.0.0.5/24}, or null
   * @param gw IPv4 gateway, or null
   * @param ip6 {@code auto}, {@code dhcp}, {@code manual} or a CIDR, or null
   * @param gw6 IPv6 gateway, or null
   * @param firewall use the Proxmox firewall on this device, or null
   * @param hwaddr MAC address, or null to let Proxmox generate one
   * @param tag VLAN tag, or null
   * @param mtu MTU, or null
   * @param rate rate limit in MB/s, or null
   */
  public Net {
    Objects.requireNonNull(name, "name");
  }

  /**
   * Returns the usual Docker-app network: {@code name=eth0,bridge=<bridge>,ip=dhcp,firewall=1}.
   *
   * @param bridge the host bridge, e.g. {@code vmbr0}
   * @return the device
   */
  public static Net dhcp(String bridge) {
    return new Net("eth0", bridge, "dhcp", null, null, null, true, null, null, null, null);
  }

  /**
   * Returns a device with a static IPv4 address.
   *
   * @param bridge host bridge
   * @param cidr address with prefix, e.g. {@code 10.0.0.5/24}
   * @param gateway gateway, or null
   * @return the device
   */
  public static Net staticIp(String bridge, String cidr, String gateway) {
    return new Net("eth0", bridge, cidr, gateway, null, null, true, null, null, null, null);
  }

  /**
   * Parses a net property string.
   *
   * @param text e.g. {@code name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=dhcp,type=veth}
   * @return the device
   */
  public static Net parse(String text) {
    Map<String, String> m = PropertyStrings.parse(text, null);
    return new Net(m.get("name"), m.get("bridge"), m.get("ip"), m.get("gw"), m.get("ip6"), m.get("gw6"),
        PropertyStrings.bool(m.get("firewall")), m.get("hwaddr"), PropertyStrings.integer(m.get("tag")),
        PropertyStrings.integer(m.get("mtu")), m.get("rate"));
  }

  /**
   * Renders the property string.
   *
   * @return e.g. {@code name=eth0,bridge=vmbr0,ip=dhcp,firewall=1}
   */
  public String render() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("bridge", bridge);
    m.put("hwaddr", hwaddr);
    m.put("ip", ip);
    m.put("gw", gw);
    m.put("ip6", ip6);
    m.put("gw6", gw6);
    m.put("firewall", PropertyStrings.flag(firewall));
    m.put("tag", tag == null ? null : tag.toString());
    m.put("mtu", mtu == null ? null : mtu.toString());
    m.put("rate", rate);
    return PropertyStrings.render(m);
  }
}
