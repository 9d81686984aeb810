package dev.proximity.pve.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionsTest {

  @Test
  void has_propagatedFromParent_onlyWhenPropagateIsSet() {
    Permissions p = new Permissions(Map.of(
        "/", Map.of("Sys.Audit", true),
        "/vms", Map.of("VM.Audit", true, "VM.PowerMgmt", false),
        "/storage/local", Map.of("Datastore.AllocateSpace", true)));

    assertThat(p.has("/vms", "VM.PowerMgmt")).isTrue();
    assertThat(p.has("/vms/101", "VM.PowerMgmt")).isFalse();
    assertThat(p.has("/vms/101", "VM.Audit")).isTrue();
    assertThat(p.has("/storage/local", "Datastore.AllocateSpace")).isTrue();
    assertThat(p.has("/storage/nfs", "Datastore.AllocateSpace")).isFalse();
    assertThat(p.has("/", "Sys.Modify")).isFalse();
    assertThat(p.isEmpty()).isFalse();
    assertThat(new Permissions(Map.of("/", Map.of())).isEmpty()).isTrue();
  }

  @Test
  void report_summaryNamesMissingPrivilegesAndPrivsepTrap() {
    PermissionReport r = new PermissionReport("deploy@pve!ci",
        List.of(new PermissionCheck("start apps", "/vms", "VM.PowerMgmt", false),
            new PermissionCheck("list apps", "/vms", "VM.Audit", true)), true);

    assertThat(r.allGranted()).isFalse();
    assertThat(r.missing()).hasSize(1);
    assertThat(r.summary()).contains("privilege separation and no ACLs")
        .contains("VM.PowerMgmt on /vms (needed to start apps)");
  }
}
