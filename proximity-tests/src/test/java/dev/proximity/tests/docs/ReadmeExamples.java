package dev.proximity.tests.docs;

import dev.proximity.App;
import dev.proximity.Proximity;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.spi.HostShellFactory;
import java.net.URI;

/**
 * The example quoted by README.md. It names a real host, so it is compiled, not run; the same
 * calls run against the simulators in {@link DocExamples} (connect, deploy).
 */
public final class ReadmeExamples {
  private ReadmeExamples() {}

  /** Connects and deploys nginx. */
  public static void quickstart(String tokenSecret, String nodeFingerprint,
      HostShellFactory sshShells) {
    // region:readme-quickstart
    try (Proximity px = Proximity.builder()
            .endpoint(URI.create("https://pve1.example:8006"))
            .credentials(PveCredentials.apiToken("root@pam!proximity", tokenSecret))
            .trust(TlsTrust.pinnedSha256(nodeFingerprint))
            .hostShell(sshShells)
            .build()) {
      App web = px.deploy("nginx").named("web").withResources(r -> r.cores(2).memoryMb(1024)).start();
      System.out.println(web.urls());
    }
    // endregion
  }
}
