package dev.proximity.testkit;

import java.util.Objects;

/**
 * One entry of the simulated appliance index ({@code GET /nodes/{node}/aplinfo}).
 *
 * @param template file name, e.g. {@code debian-12-standard_12.7-1_amd64.tar.zst}
 * @param packageName package, e.g. {@code debian-12-standard}
 * @param version version, e.g. {@code 12.7-1}
 * @param os os, e.g. {@code debian-12}
 * @param section {@code system} or {@code turnkeylinux}
 * @param headline one-line description
 * @param sizeBytes size of the download
 */
public record AplTemplate(String template, String packageName, String version, String os,
    String section, String headline, long sizeBytes) {

  /**
   * Validates.
   *
   * @param template file name, e.g. {@code debian-12-standard_12.7-1_amd64.tar.zst}
   * @param packageName package, e.g. {@code debian-12-standard}
   * @param version version, e.g. {@code 12.7-1}
   * @param os os, e.g. {@code debian-12}
   * @param section {@code system} or {@code turnkeylinux}
   * @param headline one-line description
   * @param sizeBytes size of the download
   */
  public AplTemplate {
    Objects.requireNonNull(template, "template");
  }

  /**
   * Derives an entry from a standard file name such as {@code debian-12-standard_12.7-1_amd64.tar.zst}.
   *
   * @param fileName the template file name
   * @return the entry, section {@code system}, 120 MiB
   */
  public static AplTemplate of(String fileName) {
    String[] parts = fileName.split("_");
    String pkg = parts[0];
    String version = parts.length > 1 ? parts[1] : "1.0";
    String os = pkg.endsWith("-standard") ? pkg.substring(0, pkg.length() - "-standard".length()) : pkg;
    return new AplTemplate(fileName, pkg, version, os, "system", os + " (standard)", 120L << 20);
  }
}
