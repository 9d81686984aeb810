package dev.proximity.pve.model;

import java.util.Map;

/**
 * Parameters of {@code POST .../lxc/{vmid}/clone}.
 *
 * <p>A linked clone (from a template only) needs a storage with the clone feature and takes no target
 * storage; a full clone copies all volumes. Immutable and thread-safe.
 *
 * @param newId id of the new container
 * @param full true for a full copy, false for a linked clone
 * @param hostname host name of the clone, or null
 * @param description description, or null
 * @param pool pool, or null
 * @param storage target storage of a full clone, or null
 * @param target target node (needs shared storage), or null
 * @param snapname snapshot to clone from (needed for a full clone of a running container), or null
 */
public record CloneRequest(int newId, boolean full, String hostname, String description, String pool,
    String storage, String target, String snapname) {

  /**
   * Validates the id and the storage/linked combination.
   *
   * @param newId id of the new container
   * @param full true for a full copy, false for a linked clone
   * @param hostname host name of the clone, or null
   * @param description description, or null
   * @param pool pool, or null
   * @param storage target storage of a full clone, or null
   * @param target target node (needs shared storage), or null
   * @param snapname snapshot to clone from (needed for a full clone of a running container), or null
   */
  public CloneRequest {
    Params.checkVmid(newId);
    if (!full && storage != null) {
      throw new IllegalArgumentException("a linked clone cannot choose a target storage; use a full clone");
    }
  }

  /**
   * Creates a full-clone request.
   *
   * @param newId id of the new container
   * @return the request
   */
  public static CloneRequest full(int newId) {
    return new CloneRequest(newId, true, null, null, null, null, null, null);
  }

  /**
   * Creates a linked-clone request (source must be a template).
   *
   * @param newId id of the new container
   * @return the request
   */
  public static CloneRequest linked(int newId) {
    return new CloneRequest(newId, false, null, null, null, null, null, null);
  }

  /**
   * Returns a copy with a host name.
   *
   * @param hostname the host name
   * @return the request
   */
  public CloneRequest withHostname(String hostname) {
    return new CloneRequest(newId, full, hostname, description, pool, storage, target, snapname);
  }

  /**
   * Returns a copy with a description.
   *
   * @param description the text
   * @return the request
   */
  public CloneRequest withDescription(String description) {
    return new CloneRequest(newId, full, hostname, description, pool, storage, target, snapname);
  }

  /**
   * Returns a copy whose clone joins a resource pool (which must exist).
   *
   * @param pool the pool id
   * @return the request
   */
  public CloneRequest withPool(String pool) {
    return new CloneRequest(newId, full, hostname, description, Pool.requireValidId(pool), storage, target,
        snapname);
  }

  /**
   * Returns a copy with a target storage (full clones only).
   *
   * @param storage storage id
   * @return the request
   */
  public CloneRequest withStorage(String storage) {
    return new CloneRequest(newId, full, hostname, description, pool, storage, target, snapname);
  }

  /**
   * Returns a copy that clones from a snapshot.
   *
   * @param snapname snapshot name
   * @return the request
   */
  public CloneRequest withSnapshot(String snapname) {
    return new CloneRequest(newId, full, hostname, description, pool, storage, target, snapname);
  }

  /**
   * Returns a copy that places the clone on another node.
   *
   * @param node the target node
   * @return the request
   */
  public CloneRequest onNode(String node) {
    return new CloneRequest(newId, full, hostname, description, pool, storage, node, snapname);
  }

  /**
   * Returns the parameters exactly as sent.
   *
   * @return name to value
   */
  public Map<String, String> parameters() {
    Params p = new Params();
    p.put("newid", newId);
    p.put("full", full);
    p.put("hostname", hostname);
    p.put("description", description);
    p.put("pool", pool);
    p.put("storage", storage);
    p.put("target", target);
    p.put("snapname", snapname);
    return p.snapshot();
  }
}
