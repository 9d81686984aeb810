package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;

/**
 * A resource pool ({@code GET /pools}, {@code GET /pools/{poolid}}): an id, a comment and its
 * members. Proxmox lists pools without members; {@code GET /pools/{poolid}} returns them.
 *
 * @param poolid the pool id
 * @param comment the comment, or null
 * @param members the guests and storages in the pool (empty when not reported)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Pool(String poolid, String comment, List<Member> members) {

  /**
   * Copies the members; a missing list is empty.
   *
   * @param poolid the pool id
   * @param comment the comment, or null
   * @param members the guests and storages in the pool (empty when not reported)
   */
  public Pool {
    members = members == null ? List.of() : List.copyOf(members);
  }

  /**
   * One member of a pool; Proxmox adds the member's resource fields, which are not kept.
   *
   * @param id e.g. {@code lxc/101} or {@code storage/pve/local}
   * @param type {@code lxc}, {@code qemu} or {@code storage}
   * @param node the node
   * @param vmid the guest id, or null for a storage
   * @param storage the storage id, or null for a guest
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Member(String id, String type, String node, Integer vmid, String storage) {}

  /**
   * Lists the guest ids among the members.
   *
   * @return the vmids, in member order
   */
  public List<Integer> vmids() {
    return members.stream().map(Member::vmid).filter(Objects::nonNull).toList();
  }

  /**
   * Checks a pool id the way Proxmox does ({@code pve-poolid}; nested pools are not used by the SDK).
   *
   * @param poolid the pool id
   * @return the pool id
   * @throws IllegalArgumentException if it is not a valid pool id
   */
  public static String requireValidId(String poolid) {
    return Params.checkPoolId(Objects.requireNonNull(poolid, "poolid"));
  }
}
