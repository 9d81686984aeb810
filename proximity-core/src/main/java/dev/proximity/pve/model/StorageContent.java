package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A volume on a storage ({@code GET /nodes/{node}/storage/{storage}/content}).
 *
 * @param volid volume id, e.g. {@code local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst}
 * @param content {@code vztmpl}, {@code backup}, {@code rootdir}, {@code iso}, ...
 * @param format e.g. {@code tzst}, {@code tar.zst}, {@code pbs-ct}, {@code raw}
 * @param size size in bytes
 * @param ctime creation time in epoch seconds, or null
 * @param vmid owning guest, or null
 * @param notes backup notes, or null
 * @param isProtected the backup is protected from pruning
 * @param subtype {@code lxc} or {@code qemu} for backups, or null
 */
public record StorageContent(String volid, String content, String format, long size, Long ctime, Integer vmid,
    String notes, @JsonProperty("protected") boolean isProtected, String subtype) {

  /**
   * Returns the storage id, the part of the volid before {@code :}.
   *
   * @return e.g. {@code local}
   */
  public String storage() {
    int i = volid.indexOf(':');
    return i < 0 ? volid : volid.substring(0, i);
  }
}
