package dev.proximity.testkit.internal.pve;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error answer of the simulated API, in Proxmox's shape (status, message, optional errors map). */
public final class PveError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The HTTP status. */
  private final int status;
  /** Per-parameter errors of a 400, or null. */
  private final Map<String, String> errors;

  private PveError(int status, String message, Map<String, String> errors) {
    super(message, null, false, false);
    this.status = status;
    this.errors = errors == null ? null : new LinkedHashMap<>(errors);
  }

  /** @return the HTTP status */
  public int status() {
    return status;
  }

  /** @return the per-parameter errors of a 400, or null */
  public Map<String, String> errors() {
    return errors;
  }

  /**
   * A 400 with per-parameter errors.
   *
   * @param errors parameter to message
   * @return the error
   */
  public static PveError params(Map<String, String> errors) {
    return new PveError(400, "Parameter verification failed.", errors);
  }

  /**
   * A 400 for one parameter.
   *
   * @param name parameter
   * @param message why
   * @return the error
   */
  public static PveError param(String name, String message) {
    return params(Map.of(name, message));
  }

  /**
   * A 500: a handler died.
   *
   * @param message Proxmox's text
   * @return the error
   */
  public static PveError fail(String message) {
    return new PveError(500, message, null);
  }

  /**
   * A 401.
   *
   * @param message Proxmox's text
   * @return the error
   */
  public static PveError unauthorized(String message) {
    return new PveError(401, message, null);
  }

  /**
   * A 403 {@code Permission check failed (...)}.
   *
   * @param detail the text inside the parentheses
   * @return the error
   */
  public static PveError forbidden(String detail) {
    return new PveError(403, "Permission check failed (" + detail + ")", null);
  }

  /**
   * Any status.
   *
   * @param status HTTP status
   * @param message text
   * @return the error
   */
  public static PveError of(int status, String message) {
    return new PveError(status, message, null);
  }

  /**
   * The config lock timeout of a locked container.
   *
   * @param vmid the container
   * @return the 500
   */
  public static PveError lockTimeout(int vmid) {
    return fail(lockTimeoutMessage(false, vmid));
  }

  /**
   * Proxmox's text when a guest's config lock (an flock on a per-guest file) cannot be taken
   * within the lock timeout ({@code PVE::Tools::lock_file_full}); the file is the one
   * pve-container or qemu-server locks.
   *
   * @param qemu whether the guest is a VM rather than a container
   * @param vmid the guest
   * @return the text, without a trailing newline
   */
  public static String lockTimeoutMessage(boolean qemu, int vmid) {
    String file = qemu ? "/var/lock/qemu-server/lock-" + vmid + ".conf" : "/run/lock/lxc/pve-config-" + vmid + ".lock";
    return "can't lock file '" + file + "' - got timeout";
  }

  /**
   * The missing config file of an unknown container.
   *
   * @param node node
   * @param vmid id
   * @return the 500
   */
  public static PveError noConfig(String node, int vmid) {
    return fail("Configuration file 'nodes/" + node + "/lxc/" + vmid + ".conf' does not exist");
  }
}
