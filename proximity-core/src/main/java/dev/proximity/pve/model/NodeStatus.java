package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A node's status ({@code GET /nodes/{node}/status}).
 *
 * @param cpu CPU use as a fraction
 * @param uptime seconds
 * @param pveVersion e.g. {@code pve-manager/9.1.1/...}
 * @param loadAvg 1, 5 and 15 minute load averages as text
 * @param memory memory usage
 * @param rootfs root file system usage
 * @param cpuInfo CPU model and counts
 */
public record NodeStatus(double cpu, long uptime, @JsonProperty("pveversion") String pveVersion,
    @JsonProperty("loadavg") List<String> loadAvg, Usage memory, Usage rootfs,
    @JsonProperty("cpuinfo") CpuInfo cpuInfo) {

  /**
   * Copies the load list.
   *
   * @param cpu CPU use as a fraction
   * @param uptime seconds
   * @param pveVersion e.g. {@code pve-manager/9.1.1/...}
   * @param loadAvg 1, 5 and 15 minute load averages as text
   * @param memory memory usage
   * @param rootfs root file system usage
   * @param cpuInfo CPU model and counts
   */
  public NodeStatus {
    loadAvg = loadAvg == null ? List.of() : List.copyOf(loadAvg);
  }

  /**
   * Memory or disk usage in bytes.
   *
   * @param total total
   * @param used used
   * @param free free
   */
  public record Usage(long total, long used, long free) {}

  /**
   * CPU facts.
   *
   * @param model CPU model name
   * @param cpus logical CPUs
   * @param sockets sockets
   * @param cores cores per socket
   */
  public record CpuInfo(String model, int cpus, int sockets, int cores) {}
}
