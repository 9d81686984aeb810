package dev.proximity.internal.deploy;

import dev.proximity.DeployPlan.TemplateAction;
import java.util.List;

/**
 * Where a new container comes from.
 *
 * @param action present OS template, download, or golden clone
 * @param volid the OS template volid (for a download: the volid it will have)
 * @param storage the template storage, for a download
 * @param template the template file name, for a download
 * @param goldenVmids the replicas of the node's golden template, ascending; empty unless golden
 */
record TemplateSource(
    TemplateAction action, String volid, String storage, String template,
    List<Integer> goldenVmids) {

  TemplateSource {
    goldenVmids = List.copyOf(goldenVmids);
  }

  boolean golden() {
    return action == TemplateAction.CLONE_GOLDEN;
  }

  String describe() {
    return golden() ? "golden:" + goldenVmids.get(0) : volid;
  }
}
