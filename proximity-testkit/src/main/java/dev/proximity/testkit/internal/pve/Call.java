package dev.proximity.testkit.internal.pve;

/**
 * One request as a handler sees it.
 *
 * @param method HTTP method
 * @param template schema path template
 * @param params parameters and path values
 * @param who the authenticated caller, or null for unauthenticated calls
 * @param sim the simulator's services
 */
public record Call(String method, String template, Params params, Principal who, SimContext sim) {
  /** @return the {@code node} path value */
  public String node() {
    return params.str("node");
  }

  /** @return the {@code vmid} path or body value */
  public int vmid() {
    return params.integer("vmid");
  }

  /** @return {@code "METHOD template"}, the fault-plan key */
  public String endpoint() {
    return method + " " + template;
  }

  /** @return the cluster state (synchronise on it) */
  public ClusterState state() {
    return sim.state();
  }
}
