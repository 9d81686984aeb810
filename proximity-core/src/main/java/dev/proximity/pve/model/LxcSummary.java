package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One container of {@code GET /nodes/{node}/lxc}.
 *
 * @param vmid id
 * @param name host name
 * @param status {@code running} or {@code stopped}
 * @param template is a template
 * @param tags tags (empty when none)
 * @param lock lock, or null
 * @param cpus CPU limit
 * @param maxMem memory limit, bytes
 * @param maxDisk root disk size, bytes
 * @param uptime seconds
 */
public record LxcSummary(int vmid, String name, String status, boolean template, Tags tags, String lock,
    double cpus, @JsonProperty("maxmem") long maxMem, @JsonProperty("maxdisk") long maxDisk, long uptime) {

  /**
   * Replaces absent tags with empty tags.
   *
   * @param vmid id
   * @param name host name
   * @param status {@code running} or {@code stopped}
   * @param template is a template
   * @param tags tags (empty when none)
   * @param lock lock, or null
   * @param cpus CPU limit
   * @param maxMem memory limit, bytes
   * @param maxDisk root disk size, bytes
   * @param uptime seconds
   */
  public LxcSummary {
    tags = tags == null ? Tags.of() : tags;
  }
}
