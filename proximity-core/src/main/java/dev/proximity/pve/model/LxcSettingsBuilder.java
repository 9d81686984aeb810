package dev.proximity.pve.model;

/**
 * The container settings that both a create ({@link LxcCreateRequest.Builder}) and a config update
 * ({@link LxcConfigUpdate.Builder}) can set, written once: each setter puts the same Proxmox
 * parameter either way. Package-private; its public methods are part of both builders' API.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class LxcSettingsBuilder<B extends LxcSettingsBuilder<B>> {
  /** The parameters collected so far, in sending order. */
  final Params p;

  LxcSettingsBuilder(Params p) {
    this.p = p;
  }

  /** @return this builder as its concrete type */
  abstract B self();

  /**
   * Sets the host name.
   *
   * @param hostname a DNS name
   * @return this builder
   */
  public B hostname(String hostname) {
    p.put("hostname", hostname);
    return self();
  }

  /**
   * Sets the number of cores.
   *
   * @param cores 1 to 8192
   * @return this builder
   */
  public B cores(int cores) {
    p.put("cores", cores);
    return self();
  }

  /**
   * Sets the memory limit.
   *
   * @param mib MiB, at least 16
   * @return this builder
   */
  public B memoryMiB(int mib) {
    p.put("memory", mib);
    return self();
  }

  /**
   * Sets the swap limit.
   *
   * @param mib MiB
   * @return this builder
   */
  public B swapMiB(int mib) {
    p.put("swap", mib);
    return self();
  }

  /**
   * Sets network device {@code net<index>}.
   *
   * @param index 0 to 31
   * @param net the device
   * @return this builder
   * @throws IllegalArgumentException if the index is out of range
   */
  public B net(int index, Net net) {
    if (index < 0 || index > 31) {
      throw new IllegalArgumentException("net index must be 0..31, got " + index);
    }
    p.put("net" + index, net.render());
    return self();
  }

  /**
   * Sets the feature flags ({@code keyctl} etc. need root@pam, see {@link Features}).
   *
   * @param features the flags
   * @return this builder
   */
  public B features(Features features) {
    p.put("features", features.render());
    return self();
  }

  /**
   * Sets the tags, replacing any there are.
   *
   * @param tags the tags
   * @return this builder
   */
  public B tags(Tags tags) {
    p.put("tags", tags.render());
    return self();
  }

  /**
   * Sets the description (up to 8192 characters).
   *
   * @param description the text
   * @return this builder
   */
  public B description(String description) {
    p.put("description", description);
    return self();
  }

  /**
   * Starts the container when the node boots.
   *
   * @param onboot true to start at boot
   * @return this builder
   */
  public B onboot(boolean onboot) {
    p.put("onboot", onboot);
    return self();
  }
}
