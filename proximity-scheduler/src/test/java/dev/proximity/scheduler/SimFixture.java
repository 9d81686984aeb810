package dev.proximity.scheduler;

import dev.proximity.pve.PveClient;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.pve.model.Net;
import dev.proximity.pve.model.RootFs;
import dev.proximity.pve.model.StorageContent;
import dev.proximity.pve.model.Tags;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A Proxmox simulator on a virtual clock, a client for it, and app containers. */
final class SimFixture implements AutoCloseable {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final Duration WAIT = Duration.ofSeconds(30);

  final VirtualTime time;
  final PveSimulator sim;
  final PveClient pve;

  SimFixture(Instant start) {
    time = VirtualTime.at(start, ZONE);
    sim = PveSimulator.builder().timeScale(0).seed(7).zone(ZONE).clock(time.clock())
        .token("root@pam!ci", "secret-1", false).start();
    pve = PveClient.builder().endpoint(sim.baseUri())
        .credentials(PveCredentials.apiToken("root@pam!ci", "secret-1"))
        .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint()))
        .clock(time.clock())
        .build();
  }

  /**
   * Creates a container, tagged {@code proximity} when {@code app}. (hostname, memory, net and tags
   * are the setters LxcCreateRequest.Builder shares with LxcConfigUpdate.Builder.)
   */
  void container(int vmid, boolean app) {
    container(vmid, app, null);
  }

  /** Creates a container joining {@code pool} (when not null) as the facade does for new apps. */
  void container(int vmid, boolean app, String pool) {
    pve.node("pve").createLxc(b -> {
      if (pool != null) {
        b.pool(pool);
      }
      b.vmid(vmid).ostemplate("local:vztmpl/" + PveSimulatorBuilder.DEFAULT_TEMPLATE)
          .hostname("app" + vmid).unprivileged(true).rootfs(RootFs.allocate("local-lvm", 4))
          .net(0, Net.dhcp("vmbr0")).memoryMiB(512);
      if (app) {
        b.tags(Tags.of("proximity"));
      }
    }).await(WAIT);
  }

  List<StorageContent> backups(int vmid) {
    return pve.node("pve").storage("local").content("backup", vmid);
  }

  List<Instant> backupTimes(int vmid) {
    return backups(vmid).stream().map(c -> Instant.ofEpochSecond(c.ctime())).sorted().toList();
  }

  @Override
  public void close() {
    pve.close();
    sim.close();
  }
}
