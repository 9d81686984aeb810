package dev.proximity.testkit.internal.pve;

import dev.proximity.testkit.GuestFs;
import java.util.Map;

/**
 * One volume on a storage: a template, a backup archive or a container disk.
 *
 * @param volid full volume id, {@code storage:name}
 * @param content {@code vztmpl}, {@code backup}, {@code rootdir} or {@code images}
 * @param format {@code tzst}, {@code tar.zst}, {@code raw}, {@code subvol}, ...
 * @param size bytes
 * @param ctime creation time (epoch seconds)
 * @param vmid owning guest, or 0
 * @param notes backup notes, or null
 * @param isProtected whether pruning and deletion skip it
 * @param config for backups: the guest config at backup time
 * @param fs for backups: the guest file system at backup time
 */
public record Volume(String volid, String content, String format, long size, long ctime, int vmid,
    String notes, boolean isProtected, Map<String, String> config, GuestFs fs) {

  /** Copies the config. */
  public Volume {
    config = config == null ? null : Map.copyOf(config);
  }

  /** @return the storage id part of the volid */
  public String storage() {
    return volid.substring(0, volid.indexOf(':'));
  }

  /**
   * @param notes new notes
   * @param prot new protection flag
   * @return a copy with them
   */
  public Volume withAttributes(String notes, boolean prot) {
    return new Volume(volid, content, format, size, ctime, vmid, notes, prot, config, fs);
  }

  /**
   * @param newSize new size
   * @return a copy with it
   */
  public Volume withSize(long newSize) {
    return new Volume(volid, content, format, newSize, ctime, vmid, notes, isProtected, config, fs);
  }
}
