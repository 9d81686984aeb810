package dev.proximity.pve.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The LXC {@code features} property string, e.g. {@code nesting=1,keyctl=1} for Docker.
 *
 * <p>Only {@code nesting} may be set by non-root users; {@code keyctl}, {@code fuse}, {@code mknod} and
 * {@code mount} need a {@code root@pam} ticket (an API token is refused).
 *
 * @param nesting allow nested containers (needed for Docker), or null for unset
 * @param keyctl allow the keyctl() system call (Docker in unprivileged CTs), or null
 * @param fuse allow FUSE mounts, or null
 * @param mknod allow mknod for some device nodes, or null
 * @param mount allowed file system types, {@code ;}-separated, or null
 * @param forceRwSys mount /sys read-write in unprivileged CTs, or null
 */
public record Features(Boolean nesting, Boolean keyctl, Boolean fuse, Boolean mknod, String mount, Boolean forceRwSys) {

  /**
   * Returns the features Docker needs in an unprivileged container: {@code nesting=1,keyctl=1}.
   *
   * @return the features
   */
  public static Features docker() {
    return new Features(true, true, null, null, null, null);
  }

  /**
   * Returns features with nesting only (allowed for API tokens).
   *
   * @return the features
   */
  public static Features nestingOnly() {
    return new Features(true, null, null, null, null, null);
  }

  /**
   * Parses a features string.
   *
   * @param text e.g. {@code nesting=1,keyctl=1}
   * @return the features
   */
  public static Features parse(String text) {
    Map<String, String> m = PropertyStrings.parse(text, null);
    return new Features(PropertyStrings.bool(m.get("nesting")), PropertyStrings.bool(m.get("keyctl")),
        PropertyStrings.bool(m.get("fuse")), PropertyStrings.bool(m.get("mknod")), m.get("mount"),
        PropertyStrings.bool(m.get("force_rw_sys")));
  }

  /**
   * Tells whether a feature only {@code root@pam} may set is switched on.
   *
   * @return true when keyctl, fuse, mknod, mount or force_rw_sys is set
   */
  public boolean needsRootPam() {
    return Boolean.TRUE.equals(keyctl) || Boolean.TRUE.equals(fuse) || Boolean.TRUE.equals(mknod)
        || mount != null || Boolean.TRUE.equals(forceRwSys);
  }

  /**
   * Renders the property string.
   *
   * @return e.g. {@code nesting=1,keyctl=1}
   */
  public String render() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("nesting", PropertyStrings.flag(nesting));
    m.put("keyctl", PropertyStrings.flag(keyctl));
    m.put("fuse", PropertyStrings.flag(fuse));
    m.put("mknod", PropertyStrings.flag(mknod));
    m.put("mount", mount);
    m.put("force_rw_sys", PropertyStrings.flag(forceRwSys));
    return PropertyStrings.render(m);
  }
}
