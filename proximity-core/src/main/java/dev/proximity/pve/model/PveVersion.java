package dev.proximity.pve.model;

/**
 * The API server version ({@code GET /version}).
 *
 * @param version e.g. {@code 9.1.1}
 * @param release e.g. {@code 9.1}
 * @param repoid the build's repository id
 */
public record PveVersion(String version, String release, String repoid) {

  /**
   * Returns the major version.
   *
   * @return e.g. 9, or 0 when unknown
   */
  public int major() {
    try {
      return Integer.parseInt(version.split("\\.")[0]);
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
