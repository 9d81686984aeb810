package dev.proximity.internal.deploy;

import dev.proximity.DeployPlan.TemplateAction;

/**
 * Where a new container comes from.
 *
 * @param action present OS template, download, or golden clone
 * @param volid the OS template volid (for a download: the volid it will have)
 * @param storage the template storage, for a download
 * @param template the template file name, for a download
 * @param goldenVmid the golden template's vmid, or 0
 */
record TemplateSource(
    TemplateAction action, String volid, String storage, String template, int goldenVmid) {

  boolean golden() {
    return action == TemplateAction.CLONE_GOLDEN;
  }

  String describe() {
    return golden() ? "golden:" + goldenVmid : volid;
  }
}
