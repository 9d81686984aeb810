package dev.proximity.pve.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PropertyStringsTest {

  @Test
  void net_dhcp_rendersDockerAppDefault() {
    assertThat(Net.dhcp("vmbr0").render()).isEqualTo("name=eth0,bridge=vmbr0,ip=dhcp,firewall=1");
  }

  @Test
  void net_parseServerValue_roundTrips() {
    Net n = Net.parse("name=eth0,bridge=vmbr0,firewall=1,hwaddr=BC:24:11:2A:3B:4C,ip=10.0.0.5/24,gw=10.0.0.1,tag=20,type=veth");
    assertThat(n.ip()).isEqualTo("10.0.0.5/24");
    assertThat(n.gw()).isEqualTo("10.0.0.1");
    assertThat(n.firewall()).isTrue();
    assertThat(n.tag()).isEqualTo(20);
    assertThat(Net.parse(n.render())).isEqualTo(n);
  }

  @Test
  void rootfs_bareValueIsVolume() {
    RootFs r = RootFs.parse("local-lvm:vm-101-disk-0,size=8G");
    assertThat(r.volume()).isEqualTo("local-lvm:vm-101-disk-0");
    assertThat(r.size()).isEqualTo("8G");
    assertThat(r.storage()).isEqualTo("local-lvm");
    assertThat(r.render()).isEqualTo("local-lvm:vm-101-disk-0,size=8G");
    assertThat(RootFs.allocate("local-lvm", 8).render()).isEqualTo("local-lvm:8");
  }

  @Test
  void features_docker_and_parseWords() {
    assertThat(Features.docker().render()).isEqualTo("nesting=1,keyctl=1");
    assertThat(Features.docker().needsRootPam()).isTrue();
    assertThat(Features.nestingOnly().needsRootPam()).isFalse();
    Features f = Features.parse("nesting=on,keyctl=0,mount=nfs;cifs");
    assertThat(f.nesting()).isTrue();
    assertThat(f.keyctl()).isFalse();
    assertThat(f.mount()).isEqualTo("nfs;cifs");
  }

  @Test
  void tags_parseAnySeparator_renderWithSemicolon() {
    Tags t = Tags.parse("proximity;web, Templates  terraform");
    assertThat(t.values()).containsExactly("proximity", "web", "templates", "terraform");
    assertThat(t.render()).isEqualTo("proximity;web;templates;terraform");
    assertThat(Tags.parse(null).values()).isEmpty();
    assertThat(Tags.of("a").with("a").values()).containsExactly("a");
    assertThatThrownBy(() -> Tags.of("-bad")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pruneBackups_renderAndParse() {
    PruneBackups p = PruneBackups.keepLast(3).withKeepDaily(7).withKeepWeekly(4);
    assertThat(p.render()).isEqualTo("keep-last=3,keep-daily=7,keep-weekly=4");
    assertThat(PruneBackups.parse(p.render())).isEqualTo(p);
    assertThatThrownBy(() -> new PruneBackups(true, 1, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void propertyString_duplicateKey_rejected() {
    assertThatThrownBy(() -> Net.parse("name=eth0,name=eth1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requests_renderBooleansAsOneAndZero() {
    assertThat(CloneRequest.linked(201).withHostname("b").parameters())
        .containsEntry("full", "0").containsEntry("newid", "201").containsEntry("hostname", "b");
    assertThat(BackupJobRequest.of("02:00", "local", List.of(101, 102)).parameters())
        .containsEntry("vmid", "101,102").containsEntry("enabled", "1").containsEntry("compress", "zstd");
    assertThat(VzdumpRequest.of(101, "local").protectedBackup().parameters())
        .containsEntry("protected", "1").containsEntry("mode", "snapshot");
  }

  @Test
  void lxcCreateRequest_toStringMasksPassword_restoreKeepsBackupPrivilegeSetting() {
    LxcCreateRequest r = LxcCreateRequest.builder().vmid(101).ostemplate("local:vztmpl/x.tar.zst")
        .password("hunter2-secret").build();
    assertThat(r.toString()).doesNotContain("hunter2-secret").contains("password=***");
    assertThat(r.parameters()).containsEntry("unprivileged", "1");
    LxcCreateRequest restore = LxcCreateRequest.builder().vmid(101)
        .ostemplate("local:backup/vzdump-lxc-101-2026_01_01-02_00_00.tar.zst").restore(true, false).build();
    assertThat(restore.parameters()).doesNotContainKey("unprivileged").containsEntry("restore", "1")
        .containsEntry("force", "1");
    assertThat(r.withVmid(150).vmid()).isEqualTo(150);
  }
}
