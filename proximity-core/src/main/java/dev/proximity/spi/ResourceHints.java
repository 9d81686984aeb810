package dev.proximity.spi;

/**
 * Minimum and recommended container resources of a catalog app.
 *
 * @param minCores the fewest cores the app runs with
 * @param minMemoryMb the least memory, in MiB
 * @param minDiskGb the smallest root disk, in GiB
 * @param recommendedCores the cores a deploy uses by default
 * @param recommendedMemoryMb the memory a deploy uses by default, in MiB
 * @param recommendedDiskGb the disk a deploy uses by default, in GiB
 */
public record ResourceHints(
    int minCores,
    int minMemoryMb,
    int minDiskGb,
    int recommendedCores,
    int recommendedMemoryMb,
    int recommendedDiskGb) {

  /**
   * Validates that every value is positive and no recommendation is below its minimum.
   *
   * @param minCores the fewest cores the app runs with
   * @param minMemoryMb the least memory, in MiB
   * @param minDiskGb the smallest root disk, in GiB
   * @param recommendedCores the cores a deploy uses by default
   * @param recommendedMemoryMb the memory a deploy uses by default, in MiB
   * @param recommendedDiskGb the disk a deploy uses by default, in GiB
   */
  public ResourceHints {
    if (minCores < 1 || minMemoryMb < 16 || minDiskGb < 1) {
      throw new IllegalArgumentException("minimum resources must be at least 1 core, 16 MiB, 1 GiB");
    }
    if (recommendedCores < minCores
        || recommendedMemoryMb < minMemoryMb
        || recommendedDiskGb < minDiskGb) {
      throw new IllegalArgumentException("recommended resources must not be below the minimum");
    }
  }
}
