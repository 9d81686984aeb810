package dev.proximity.scheduler;

/**
 * Backup archive compression (Proxmox {@code compress}). Proxmox's own default is none, so
 * Proximity always sends one explicitly; its default is {@link #ZSTD}.
 */
public enum Compression {
  /** Zstandard: fast and small (the default). */
  ZSTD("zstd"),
  /** gzip (pigz when configured on the node). */
  GZIP("gzip"),
  /** LZO. */
  LZO("lzo"),
  /** No compression. */
  NONE("0");

  private final String apiValue;

  Compression(String apiValue) {
    this.apiValue = apiValue;
  }

  /** @return the Proxmox API value, such as {@code zstd} or {@code 0} */
  public String apiValue() {
    return apiValue;
  }

  /**
   * Reads a Proxmox API value ({@code 1} is Proxmox's legacy spelling of LZO).
   *
   * @param value the value, such as {@code zstd}
   * @return the compression
   * @throws IllegalArgumentException for an unknown value
   */
  public static Compression fromApiValue(String value) {
    if ("1".equals(value)) {
      return LZO;
    }
    for (Compression c : values()) {
      if (c.apiValue.equals(value)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown compression '" + value + "'");
  }
}
