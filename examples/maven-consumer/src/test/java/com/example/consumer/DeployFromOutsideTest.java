package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proximity.App;
import dev.proximity.Proximity;
import dev.proximity.catalog.Catalogs;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.ssh.SshHostShells;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.ssh.SshHostSimulator;
import org.junit.jupiter.api.Test;

/** Uses the installed artifacts as any project would: simulators in test scope, the SDK at compile scope. */
class DeployFromOutsideTest {

  @Test
  void deploysAnAppAgainstTheSimulator() {
    try (PveSimulator pve = PveSimulator.builder().node("pve", 4, 8L << 30).timeScale(0.001).start();
        SshHostSimulator ssh = SshHostSimulator.builder().directory(pve).node("pve")
            .user("root").password("consumer-ssh").start();
        SshHostShells shells = SshHostShells.builder()
            .node("pve", ssh.host(), ssh.portFor("pve"))
            .user("root")
            .auth(SshAuth.password("consumer-ssh".toCharArray()))
            .hostKeys(HostKeyVerification.pinnedSha256(ssh.hostKeyFingerprint()))
            .build();
        Proximity px = Proximity.builder()
            .endpoint(pve.baseUri())
            .credentials(PveCredentials.password("root@pam", "proximity"))
            .trust(TlsTrust.pinnedSha256(pve.certificateSha256Fingerprint()))
            .hostShell(shells)
            .catalog(Catalogs.bundled())
            .build()) {

      App app = px.deploy("hello").named("consumer-web").start();

      System.out.printf("deployed %s (%s %s) as CT %d on %s, address %s%n",
          app.name(), app.catalogId(), app.version(), app.vmid(), app.node(), app.ipv4().orElse("-"));
      assertEquals("consumer-web", app.name());
      assertTrue(px.apps().stream().anyMatch(a -> a.name().equals("consumer-web")));
    }
  }
}
