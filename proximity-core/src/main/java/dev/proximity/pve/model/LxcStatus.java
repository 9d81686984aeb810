package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A container's current status ({@code GET .../lxc/{vmid}/status/current}).
 *
 * @param vmid id
 * @param name host name
 * @param status {@code running} or {@code stopped}
 * @param template is a template
 * @param lock lock ({@code backup}, {@code create}, {@code snapshot}, ...), or null
 * @param tags tags (empty when none)
 * @param cpu CPU use as a fraction of {@code cpus}
 * @param cpus CPU limit
 * @param mem memory in use, bytes
 * @param maxMem memory limit, bytes
 * @param swap swap in use, bytes
 * @param maxSwap swap limit, bytes
 * @param disk root disk use, bytes
 * @param maxDisk root disk size, bytes
 * @param netIn bytes received
 * @param netOut bytes sent
 * @param uptime seconds
 * @param pid init process id on the host, or null
 * @param ha HA state
 */
public record LxcStatus(int vmid, String name, String status, boolean template, String lock, Tags tags, double cpu,
    double cpus, long mem, @JsonProperty("maxmem") long maxMem, long swap, @JsonProperty("maxswap") long maxSwap,
    long disk, @JsonProperty("maxdisk") long maxDisk, @JsonProperty("netin") long netIn,
    @JsonProperty("netout") long netOut, long uptime, Integer pid, Ha ha) {

  /**
   * Replaces absent parts with empty values.
   *
   * @param vmid id
   * @param name host name
   * @param status {@code running} or {@code stopped}
   * @param template is a template
   * @param lock lock ({@code backup}, {@code create}, {@code snapshot}, ...), or null
   * @param tags tags (empty when none)
   * @param cpu CPU use as a fraction of {@code cpus}
   * @param cpus CPU limit
   * @param mem memory in use, bytes
   * @param maxMem memory limit, bytes
   * @param swap swap in use, bytes
   * @param maxSwap swap limit, bytes
   * @param disk root disk use, bytes
   * @param maxDisk root disk size, bytes
   * @param netIn bytes received
   * @param netOut bytes sent
   * @param uptime seconds
   * @param pid init process id on the host, or null
   * @param ha HA state
   */
  public LxcStatus {
    tags = tags == null ? Tags.of() : tags;
    ha = ha == null ? new Ha(false, null, null) : ha;
  }

  /**
   * Tells whether the container runs.
   *
   * @return true when running
   */
  public boolean running() {
    return "running".equals(status);
  }

  /**
   * HA manager state of a guest.
   *
   * @param managed the guest is HA-managed
   * @param state requested state, or null
   * @param group HA group, or null
   */
  public record Ha(boolean managed, String state, String group) {}
}
