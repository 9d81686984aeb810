package dev.proximity.pve.model;

import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code POST /nodes/{node}/lxc}: create a container, or restore one from a backup.
 *
 * <pre>{@code
 * LxcCreateRequest req = LxcCreateRequest.builder()
 *     .vmid(105).ostemplate("local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst")
 *     .hostname("web").cores(2).memoryMiB(2048).rootfs(RootFs.allocate("local-lvm", 8))
 *     .net(0, Net.dhcp("vmbr0")).features(Features.docker()).build();
 * }</pre>
 *
 * <p>{@code unprivileged=1} is always sent for a create (the API default was 0 before PVE 9); a
 * restore keeps the backup's setting unless {@link Builder#unprivileged(boolean)} is called. {@link #toString()}
 * masks the root password. Immutable and thread-safe.
 */
public final class LxcCreateRequest {
  private final Map<String, String> params;

  private LxcCreateRequest(Map<String, String> params) {
    this.params = params;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(new Params());
  }

  /**
   * Returns a builder holding these parameters.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(new Params(params));
  }

  /**
   * Returns the same request for another vmid (used after losing a {@code /cluster/nextid} race).
   *
   * @param vmid the new id
   * @return a new request
   */
  public LxcCreateRequest withVmid(int vmid) {
    return toBuilder().vmid(vmid).build();
  }

  /**
   * Returns the vmid.
   *
   * @return the vmid
   */
  public int vmid() {
    return Integer.parseInt(params.get("vmid"));
  }

  /**
   * Returns the parameters exactly as sent (property strings rendered, booleans as 1/0).
   *
   * @return name to value, in sending order
   */
  public Map<String, String> parameters() {
    return params;
  }

  @Override
  public String toString() {
    return Params.redacted("LxcCreateRequest", params);
  }

  /**
   * Collects the parameters; not thread-safe. The settings a config update can also change
   * (hostname, cores, memory, swap, net, features, tags, description, onboot) have the same setters
   * as {@link LxcConfigUpdate.Builder}.
   */
  public static final class Builder extends LxcSettingsBuilder<Builder> {
    private boolean unprivilegedExplicit;

    private Builder(Params p) {
      super(p);
      if (!p.has("unprivileged")) {
        p.put("unprivileged", true);
      }
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets the container id (required), 100 to 999999999.
     *
     * @param vmid the id
     * @return this builder
     */
    public Builder vmid(int vmid) {
      p.put("vmid", Params.checkVmid(vmid));
      return this;
    }

    /**
     * Sets the OS template volume (required), or a backup volume when restoring.
     *
     * @param volid e.g. {@code local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst}
     * @return this builder
     */
    public Builder ostemplate(String volid) {
      p.put("ostemplate", volid);
      return this;
    }

    /**
     * Chooses an unprivileged (default, recommended) or privileged container; cannot change later.
     *
     * @param unprivileged true for unprivileged
     * @return this builder
     */
    public Builder unprivileged(boolean unprivileged) {
      unprivilegedExplicit = true;
      p.put("unprivileged", unprivileged);
      return this;
    }

    /**
     * Sets the root file system, e.g. {@code RootFs.allocate("local-lvm", 8)}.
     *
     * @param rootfs the root file system
     * @return this builder
     */
    public Builder rootfs(RootFs rootfs) {
      p.put("rootfs", rootfs.render());
      return this;
    }

    /**
     * Sets the root password inside the container (never printed by {@code toString}).
     *
     * @param password at least 5 characters
     * @return this builder
     */
    public Builder password(String password) {
      p.put("password", password);
      return this;
    }

    /**
     * Sets authorized SSH public keys, one per line.
     *
     * @param keys OpenSSH public keys
     * @return this builder
     */
    public Builder sshPublicKeys(String keys) {
      p.put("ssh-public-keys", keys);
      return this;
    }

    /**
     * Starts the container at the end of the create task.
     *
     * @param start true to start
     * @return this builder
     */
    public Builder start(boolean start) {
      p.put("start", start);
      return this;
    }

    /**
     * Adds the container to a pool.
     *
     * @param pool pool id
     * @return this builder
     */
    public Builder pool(String pool) {
      p.put("pool", pool);
      return this;
    }

    /**
     * Sets the default storage for volumes (used by restores and when rootfs has no storage).
     *
     * @param storage storage id
     * @return this builder
     */
    public Builder storage(String storage) {
      p.put("storage", storage);
      return this;
    }

    /**
     * Sets the DNS server.
     *
     * @param nameserver IP address(es)
     * @return this builder
     */
    public Builder nameserver(String nameserver) {
      p.put("nameserver", nameserver);
      return this;
    }

    /**
     * Sets the DNS search domain.
     *
     * @param searchdomain domain
     * @return this builder
     */
    public Builder searchdomain(String searchdomain) {
      p.put("searchdomain", searchdomain);
      return this;
    }

    /**
     * Sets the time zone.
     *
     * @param timezone e.g. {@code Europe/Berlin} or {@code host}
     * @return this builder
     */
    public Builder timezone(String timezone) {
      p.put("timezone", timezone);
      return this;
    }

    /**
     * Marks the request as a restore of the backup given as ostemplate.
     *
     * @param force overwrite an existing container with this vmid
     * @param unique give the restored container new MAC addresses
     * @return this builder
     */
    public Builder restore(boolean force, boolean unique) {
      p.put("restore", true);
      if (!unprivilegedExplicit) {
        p.put("unprivileged", (String) null); // a restore keeps the backup's setting
      }
      if (force) {
        p.put("force", true);
      }
      if (unique) {
        p.put("unique", true);
      }
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws IllegalStateException when vmid or ostemplate is missing
     */
    public LxcCreateRequest build() {
      if (!p.has("vmid") || !p.has("ostemplate")) {
        throw new IllegalStateException("LxcCreateRequest needs vmid and ostemplate");
      }
      return new LxcCreateRequest(Objects.requireNonNull(p.snapshot()));
    }
  }
}
