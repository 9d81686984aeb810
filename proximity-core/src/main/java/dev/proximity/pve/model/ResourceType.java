package dev.proximity.pve.model;

/** Filter of {@code GET /cluster/resources?type=...}. */
public enum ResourceType {
  /** Guests: answers carry {@code type} {@code lxc} or {@code qemu}, never {@code vm}. */
  VM("vm"),
  /** Storages per node. */
  STORAGE("storage"),
  /** Nodes. */
  NODE("node"),
  /** SDN zones. */
  SDN("sdn");

  private final String wire;

  ResourceType(String wire) {
    this.wire = wire;
  }

  /**
   * Returns the value sent to the API.
   *
   * @return e.g. {@code vm}
   */
  public String wire() {
    return wire;
  }
}
