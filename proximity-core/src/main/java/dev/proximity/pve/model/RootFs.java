package dev.proximity.pve.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The LXC {@code rootfs} property string: a new volume {@code <storage>:<GiB>} or an existing volume.
 *
 * @param volume {@code local-lvm:8} to allocate 8 GiB, or an existing volume id
 * @param size the size as Proxmox prints it (e.g. {@code 8G}), or null
 * @param acl ACL support, or null for the default
 * @param quota user quotas, or null
 * @param mountOptions {@code ;}-separated mount options, or null
 */
public record RootFs(String volume, String size, Boolean acl, Boolean quota, String mountOptions) {

  /**
   * Checks that the volume is given.
   *
   * @param volume {@code local-lvm:8} to allocate 8 GiB, or an existing volume id
   * @param size the size as Proxmox prints it (e.g. {@code 8G}), or null
   * @param acl ACL support, or null for the default
   * @param quota user quotas, or null
   * @param mountOptions {@code ;}-separated mount options, or null
   */
  public RootFs {
    Objects.requireNonNull(volume, "volume");
  }

  /**
   * Creates a request for a new root volume of the given size on a storage.
   *
   * @param storage the storage id, e.g. {@code local-lvm}
   * @param sizeGiB the size in GiB
   * @return the rootfs
   */
  public static RootFs allocate(String storage, int sizeGiB) {
    if (sizeGiB < 1) {
      throw new IllegalArgumentException("rootfs size must be at least 1 GiB");
    }
    return new RootFs(storage + ":" + sizeGiB, null, null, null, null);
  }

  /**
   * Parses a rootfs string; a value without a key is the volume.
   *
   * @param text e.g. {@code local-lvm:vm-101-disk-0,size=8G}
   * @return the rootfs
   */
  public static RootFs parse(String text) {
    Map<String, String> m = PropertyStrings.parse(text, "volume");
    return new RootFs(m.get("volume"), m.get("size"), PropertyStrings.bool(m.get("acl")),
        PropertyStrings.bool(m.get("quota")), m.get("mountoptions"));
  }

  /**
   * Returns the storage id, the part of the volume before {@code :}.
   *
   * @return e.g. {@code local-lvm}
   */
  public String storage() {
    int i = volume.indexOf(':');
    return i < 0 ? volume : volume.substring(0, i);
  }

  /**
   * Renders the property string.
   *
   * @return e.g. {@code local-lvm:8}
   */
  public String render() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("size", size);
    m.put("acl", PropertyStrings.flag(acl));
    m.put("quota", PropertyStrings.flag(quota));
    m.put("mountoptions", mountOptions);
    String rest = PropertyStrings.render(m);
    return rest.isEmpty() ? volume : volume + "," + rest;
  }
}
