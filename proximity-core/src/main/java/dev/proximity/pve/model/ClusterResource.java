package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One row of {@code GET /cluster/resources}. Guests on an offline node carry only id, type, vmid,
 * node and status {@code unknown}; absent numbers are 0.
 *
 * @param id e.g. {@code lxc/101}, {@code storage/pve/local}
 * @param type {@code lxc}, {@code qemu}, {@code node}, {@code storage}, {@code pool}, {@code sdn}
 * @param node node name
 * @param vmid guest id, or null for other types
 * @param name guest name, or null
 * @param status e.g. {@code running}, {@code stopped}, {@code online}, {@code available}, {@code unknown}
 * @param template guest is a template
 * @param tags guest tags (empty when none)
 * @param pool pool, or null
 * @param lock guest lock, or null
 * @param cpu CPU use as a fraction
 * @param maxCpu CPUs
 * @param mem memory in use, bytes
 * @param maxMem memory, bytes
 * @param disk disk in use, bytes
 * @param maxDisk disk size, bytes
 * @param uptime seconds
 * @param storage storage id of storage rows, or null
 * @param content storage content types, or null
 * @param pluginType storage type, or null
 * @param shared storage is shared
 */
public record ClusterResource(String id, String type, String node, Integer vmid, String name, String status,
    boolean template, Tags tags, String pool, String lock, double cpu, @JsonProperty("maxcpu") double maxCpu,
    long mem, @JsonProperty("maxmem") long maxMem, long disk, @JsonProperty("maxdisk") long maxDisk, long uptime,
    String storage, String content, @JsonProperty("plugintype") String pluginType, boolean shared) {

  /**
   * Replaces absent tags with empty tags.
   *
   * @param id e.g. {@code lxc/101}, {@code storage/pve/local}
   * @param type {@code lxc}, {@code qemu}, {@code node}, {@code storage}, {@code pool}, {@code sdn}
   * @param node node name
   * @param vmid guest id, or null for other types
   * @param name guest name, or null
   * @param status e.g. {@code running}, {@code stopped}, {@code online}, {@code available}, {@code unknown}
   * @param template guest is a template
   * @param tags guest tags (empty when none)
   * @param pool pool, or null
   * @param lock guest lock, or null
   * @param cpu CPU use as a fraction
   * @param maxCpu CPUs
   * @param mem memory in use, bytes
   * @param maxMem memory, bytes
   * @param disk disk in use, bytes
   * @param maxDisk disk size, bytes
   * @param uptime seconds
   * @param storage storage id of storage rows, or null
   * @param content storage content types, or null
   * @param pluginType storage type, or null
   * @param shared storage is shared
   */
  public ClusterResource {
    tags = tags == null ? Tags.of() : tags;
  }

  /**
   * Tells whether this row is an LXC container.
   *
   * @return true for type {@code lxc}
   */
  public boolean isLxc() {
    return "lxc".equals(type);
  }
}
