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

  /**
   * Collects the changes; not thread-safe. The settings a create can also set (hostname, cores,
   * memory, swap, net, features, tags, description, onboot) have the same setters as
   * {@link LxcCreateRequest.Builder}.
   */
  public static final class Builder extends LxcSettingsBuilder<Builder> {
    private final List<String> delete = new ArrayList<>();

    private Builder() {
      super(new Params());
    }

    @Override
    Builder self() {
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
