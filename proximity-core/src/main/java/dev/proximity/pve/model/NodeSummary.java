package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One node of {@code GET /nodes}.
 *
 * @param node node name
 * @param status {@code online}, {@code offline} or {@code unknown}
 * @param cpu CPU use as a fraction
 * @param maxCpu CPUs
 * @param mem memory in use, bytes
 * @param maxMem memory, bytes
 * @param uptime seconds
 * @param sslFingerprint SHA-256 fingerprint of the node's certificate, for pinning
 */
public record NodeSummary(String node, String status, double cpu, @JsonProperty("maxcpu") int maxCpu, long mem,
    @JsonProperty("maxmem") long maxMem, long uptime, @JsonProperty("ssl_fingerprint") String sslFingerprint) {

  /**
   * Tells whether the node is online.
   *
   * @return true when online
   */
  public boolean online() {
    return "online".equals(status);
  }
}
