package dev.proximity.pve.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parameters of {@code PUT /nodes/{node}/lxc/{vmid}/config}: the keys to set and the keys to delete.
 *
 * <pre>{@code
 * lxc.updateConfig(LxcConfigUpdate.builder().cores(4).memoryMiB(4096).digest(config.digest()).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class LxcConfigUpdate {
  private final Map<String, String> params;

  private LxcConfigUpdate(Map<String, String> params) {
    this.params = params;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the parameters exactly as sent.
   *
   * @return name to value, in sending order
   */
  public Map<String, String> parameters() {
    return params;
  }

  @Override
  public String toString() {
    return Params.redacted("LxcConfigUpdate", params);
  }

  /** Collects the changes; not thread-safe. */
  public static final class Builder {
    private final Params p = new Params();
    private final List<String> delete = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the host name.
     *
     * @param hostname a DNS name
     * @return this builder
     */
    public Builder hostname(String hostname) {
      p.put("hostname", hostname);
      return this;
    }

    /**
     * Sets the number of cores.
     *
     * @param cores 1 to 8192
     * @return this builder
     */
    public Builder cores(int cores) {
      p.put("cores", cores);
      return this;
    }

    /**
     * Sets the memory limit.
     *
     * @param mib MiB
     * @return this builder
     */
    public Builder memoryMiB(int mib) {
      p.put("memory", mib);
      return this;
    }

    /**
     * Sets the swap limit.
     *
     * @param mib MiB
     * @return this builder
     */
    public Builder swapMiB(int mib) {
      p.put("swap", mib);
      return this;
    }

    /**
     * Sets network device {@code net<index>}.
     *
     * @param index 0 to 31
     * @param net the device
     * @return this builder
     */
    public Builder net(int index, Net net) {
      if (index < 0 || index > 31) {
        throw new IllegalArgumentException("net index must be 0..31, got " + index);
      }
      p.put("net" + index, net.render());
      return this;
    }

    /**
     * Sets the feature flags.
     *
     * @param features the flags
     * @return this builder
     */
    public Builder features(Features features) {
      p.put("features", features.render());
      return this;
    }

    /**
     * Sets the tags (replacing all).
     *
     * @param tags the tags
     * @return this builder
     */
    public Builder tags(Tags tags) {
      p.put("tags", tags.render());
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description the text
     * @return this builder
     */
    public Builder description(String description) {
      p.put("description", description);
      return this;
    }

    /**
     * Sets start at boot.
     *
     * @param onboot true to start at boot
     * @return this builder
     */
    public Builder onboot(boolean onboot) {
      p.put("onboot", onboot);
      return this;
    }

    /**
     * Adds a key to remove from the configuration, e.g. {@code net1}.
     *
     * @param key config key
     * @return this builder
     */
    public Builder delete(String key) {
      delete.add(key);
      return this;
    }

    /**
     * Guards the update: it fails if the config changed since it was read with this digest.
     *
     * @param digest the {@link LxcConfig#digest()} read before
     * @return this builder
     */
    public Builder digest(String digest) {
      p.put("digest", digest);
      return this;
    }

    /**
     * Builds the update.
     *
     * @return the update
     * @throws IllegalStateException when nothing would change
     */
    public LxcConfigUpdate build() {
      if (!delete.isEmpty()) {
        p.put("delete", String.join(",", delete));
      }
      Map<String, String> m = p.snapshot();
      if (m.isEmpty() || (m.size() == 1 && m.containsKey("digest"))) {
        throw new IllegalStateException("LxcConfigUpdate changes nothing");
      }
      return new LxcConfigUpdate(m);
    }
  }
}
