package dev.proximity.pve.model;

/**
 * What a retention would do to one backup ({@code GET .../prunebackups}, a dry run).
 *
 * @param volid backup volume
 * @param type {@code lxc} or {@code qemu}
 * @param ctime creation, epoch seconds
 * @param mark {@code keep}, {@code remove}, {@code protected} or {@code renamed}
 * @param vmid guest, or null
 */
public record PruneEntry(String volid, String type, long ctime, String mark, Integer vmid) {

  /**
   * Tells whether the backup would be removed.
   *
   * @return true for mark {@code remove}
   */
  public boolean removed() {
    return "remove".equals(mark);
  }
}
