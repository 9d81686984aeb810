package dev.proximity;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Container resources: cores, memory, swap and root disk size, each optional.
 *
 * <p>For a deploy, a value that is not set takes the catalog entry's recommendation; for a resize,
 * a value that is not set stays as it is. Immutable and thread-safe.
 *
 * <pre>{@code
 * Resources r = Resources.of(2, 1024, 8);                          // 2 cores, 1 GiB, 8 GiB disk
 * Resources more = r.toBuilder().memoryMb(2048).build();
 * px.deploy("nginx").withResources(b -> b.cores(2).memoryMb(1024)).start();
 * }</pre>
 */
public final class Resources {
  private static final Resources NONE = new Resources(0, 0, 0, -1);

  private final int cores;
  private final int memoryMb;
  private final int diskGb;
  private final int swapMb;

  private Resources(int cores, int memoryMb, int diskGb, int swapMb) {
    this.cores = cores;
    this.memoryMb = memoryMb;
    this.diskGb = diskGb;
    this.swapMb = swapMb;
  }

  /**
   * Resources with nothing set.
   *
   * @return the empty value
   */
  public static Resources none() {
    return NONE;
  }

  /**
   * Resources with cores, memory and disk set.
   *
   * @param cores CPU cores, at least 1
   * @param memoryMb memory in MiB, at least 16
   * @param diskGb root disk in GiB, at least 1
   * @return the value
   * @throws InvalidRequestException if a value is out of range
   */
  public static Resources of(int cores, int memoryMb, int diskGb) {
    return builder().cores(cores).memoryMb(memoryMb).diskGb(diskGb).build();
  }

  /**
   * Starts an empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(NONE);
  }

  /**
   * Starts a builder holding these values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** @return CPU cores, if set */
  public OptionalInt cores() {
    return cores > 0 ? OptionalInt.of(cores) : OptionalInt.empty();
  }

  /** @return memory in MiB, if set */
  public OptionalInt memoryMb() {
    return memoryMb > 0 ? OptionalInt.of(memoryMb) : OptionalInt.empty();
  }

  /** @return root disk size in GiB, if set */
  public OptionalInt diskGb() {
    return diskGb > 0 ? OptionalInt.of(diskGb) : OptionalInt.empty();
  }

  /** @return swap in MiB, if set (0 is a valid value: no swap) */
  public OptionalInt swapMb() {
    return swapMb >= 0 ? OptionalInt.of(swapMb) : OptionalInt.empty();
  }

  /**
   * Fills every value not set here from {@code defaults}.
   *
   * @param defaults the values to fall back to
   * @return the combined value
   */
  public Resources orElse(Resources defaults) {
    return new Resources(
        cores > 0 ? cores : defaults.cores,
        memoryMb > 0 ? memoryMb : defaults.memoryMb,
        diskGb > 0 ? diskGb : defaults.diskGb,
        swapMb >= 0 ? swapMb : defaults.swapMb);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Resources r
        && r.cores == cores && r.memoryMb == memoryMb && r.diskGb == diskGb && r.swapMb == swapMb;
  }

  @Override
  public int hashCode() {
    return Objects.hash(cores, memoryMb, diskGb, swapMb);
  }

  @Override
  public String toString() {
    return "Resources[cores=" + str(cores()) + ", memoryMb=" + str(memoryMb())
        + ", diskGb=" + str(diskGb()) + ", swapMb=" + str(swapMb()) + "]";
  }

  private static String str(OptionalInt v) {
    return v.isPresent() ? Integer.toString(v.getAsInt()) : "default";
  }

  /** Builds {@link Resources}; not thread-safe. */
  public static final class Builder {
    private int cores;
    private int memoryMb;
    private int diskGb;
    private int swapMb;

    private Builder(Resources from) {
      cores = from.cores;
      memoryMb = from.memoryMb;
      diskGb = from.diskGb;
      swapMb = from.swapMb;
    }

    /**
     * Sets the CPU cores.
     *
     * @param cores 1..8192
     * @return this builder
     * @throws InvalidRequestException if out of range
     */
    public Builder cores(int cores) {
      this.cores = check(cores, 1, 8192, "cores");
      return this;
    }

    /**
     * Sets the memory.
     *
     * @param memoryMb MiB, at least 16
     * @return this builder
     * @throws InvalidRequestException if out of range
     */
    public Builder memoryMb(int memoryMb) {
      this.memoryMb = check(memoryMb, 16, Integer.MAX_VALUE, "memoryMb");
      return this;
    }

    /**
     * Sets the root disk size.
     *
     * @param diskGb GiB, at least 1
     * @return this builder
     * @throws InvalidRequestException if out of range
     */
    public Builder diskGb(int diskGb) {
      this.diskGb = check(diskGb, 1, 131072, "diskGb");
      return this;
    }

    /**
     * Sets the swap size.
     *
     * @param swapMb MiB, 0 for none
     * @return this builder
     * @throws InvalidRequestException if negative
     */
    public Builder swapMb(int swapMb) {
      this.swapMb = check(swapMb, 0, Integer.MAX_VALUE, "swapMb");
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the resources
     */
    public Resources build() {
      return new Resources(cores, memoryMb, diskGb, swapMb);
    }

    private static int check(int value, int min, int max, String name) {
      if (value < min || value > max) {
        throw new InvalidRequestException(InvalidRequestException.Reason.INVALID_RESOURCES,
            name + " must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    }
  }
}
