package dev.proximity.scheduler.internal;

import dev.proximity.pve.PveClient;
import dev.proximity.pve.model.ClusterResource;
import dev.proximity.pve.model.ResourceType;
import java.util.Comparator;
import java.util.List;

/** Finds the apps to back up: LXC containers tagged {@code proximity} that are not templates. */
public final class AppTargets {
  /** The tag every Proximity app carries. */
  public static final String APP_TAG = "proximity";

  /**
   * One app container.
   *
   * @param vmid the container id
   * @param node its node
   * @param name its name (hostname), or the vmid as text
   * @param pool the resource pool it belongs to, or null
   */
  public record Target(int vmid, String node, String name, String pool) {}

  private AppTargets() {}

  /**
   * Lists the app containers with one {@code GET /cluster/resources?type=vm}.
   *
   * @param pve the client
   * @return the containers by ascending vmid
   */
  public static List<Target> list(PveClient pve) {
    return pve.cluster().resources(ResourceType.VM).stream()
        .filter(ClusterResource::isLxc)
        .filter(r -> !r.template() && r.vmid() != null && r.tags() != null
            && r.tags().contains(APP_TAG))
        .map(r -> new Target(r.vmid(), r.node(), r.name() == null ? r.vmid().toString() : r.name(),
            r.pool()))
        .sorted(Comparator.comparingInt(Target::vmid))
        .toList();
  }
}
