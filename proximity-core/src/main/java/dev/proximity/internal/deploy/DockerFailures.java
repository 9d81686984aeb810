package dev.proximity.internal.deploy;

import java.util.Locale;
import java.util.Optional;

/** Recognises known Docker-in-LXC failures in remote output and says what to change. */
public final class DockerFailures {
  static final String APPARMOR_HINT =
      "Docker's runc cannot write net.ipv4.ip_unprivileged_port_start inside this unprivileged"
          + " container (the late-2025 runc/AppArmor regression). Update the Proxmox host"
          + " (pve-container, lxc-pve and apparmor) to a release with the fix, or pin"
          + " containerd.io/runc in the container to the version before the regression, then"
          + " deploy again";
  static final String KEYCTL_HINT =
      "Docker needs keyctl in unprivileged containers; connect with a root@pam ticket so that"
          + " keyctl=1 can be set, or set features: keyctl=1 on the container as root@pam";
  static final String NESTING_HINT =
      "Docker needs nesting=1 on the container; check the container's features";

  private DockerFailures() {}

  /**
   * Finds a hint for a known failure in remote output.
   *
   * @param output stdout and stderr of the failed command
   * @return what to change, or empty when the failure is not a known one
   */
  public static Optional<String> hintFor(String output) {
    if (output == null) {
      return Optional.empty();
    }
    String text = output.toLowerCase(Locale.ROOT);
    int port = text.indexOf("ip_unprivileged_port_start");
    if (port >= 0 && text.indexOf("permission denied", port) >= 0) {
      return Optional.of(APPARMOR_HINT);
    }
    if (text.contains("keyctl") && text.contains("permission denied")) {
      return Optional.of(KEYCTL_HINT);
    }
    if (text.contains("operation not permitted") && text.contains("mount")
        && text.contains("proc")) {
      return Optional.of(NESTING_HINT);
    }
    return Optional.empty();
  }
}
