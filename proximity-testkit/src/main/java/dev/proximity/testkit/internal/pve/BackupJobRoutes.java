package dev.proximity.testkit.internal.pve;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code /cluster/backup}: scheduled backup jobs. */
public final class BackupJobRoutes {
  private BackupJobRoutes() {}

  /** @param r the route table */
  public static void register(Routes r) {
  }

  /**
   * Removes a vmid from every job's vmid list (destroy with {@code purge=1}); caller holds the
   * state monitor.
   *
   * @param st state
   * @param vmid the destroyed guest
   */
  static void purgeVmid(ClusterState st, int vmid) {
    for (Map<String, Object> job : st.backupJobs.values()) {
      Object list = job.get("vmid");
      if (list instanceof String s && !s.isEmpty()) {
        String left = Arrays.stream(s.split("[,;\\s]+")).filter(v -> !v.equals(String.valueOf(vmid)))
            .collect(Collectors.joining(","));
        job.put("vmid", left);
      }
    }
  }
}
