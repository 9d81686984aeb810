package dev.proximity.pve.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which privileges the caller has and lacks for the SDK's operations.
 *
 * @param principal user or token id the report is for
 * @param checks one check per operation and privilege
 * @param tokenWithoutAcls the caller is a privilege-separated API token with no ACL of its own
 */
public record PermissionReport(String principal, List<PermissionCheck> checks, boolean tokenWithoutAcls) {

  /**
   * Copies the checks.
   *
   * @param principal user or token id the report is for
   * @param checks one check per operation and privilege
   * @param tokenWithoutAcls the caller is a privilege-separated API token with no ACL of its own
   */
  public PermissionReport {
    checks = List.copyOf(checks);
  }

  /**
   * Returns the checks that failed.
   *
   * @return missing privileges
   */
  public List<PermissionCheck> missing() {
    return checks.stream().filter(c -> !c.granted()).toList();
  }

  /**
   * Tells whether every privilege is held.
   *
   * @return true when nothing is missing
   */
  public boolean allGranted() {
    return missing().isEmpty();
  }

  /**
   * Renders a readable summary: what is missing, for which operation, and the usual fix.
   *
   * @return the text
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    if (tokenWithoutAcls) {
      sb.append("API token ").append(principal).append(" has privilege separation and no ACLs of its own, so it ")
          .append("has no rights at all. Give the token its own ACLs (pveum acl modify / --tokens '")
          .append(principal).append("' --roles PVEVMAdmin) or recreate it with --privsep 0.\n");
    }
    if (allGranted()) {
      return sb.append(principal).append(" holds every privilege checked.").toString();
    }
    sb.append(principal).append(" lacks:\n");
    sb.append(missing().stream()
        .map(c -> "  " + c.privilege() + " on " + c.path() + " (needed to " + c.operation() + ")")
        .collect(Collectors.joining("\n")));
    return sb.toString();
  }
}
