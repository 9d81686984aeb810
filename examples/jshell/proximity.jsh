// proximity.jsh: JShell startup script for the Proximity SDK.
//
// Start JShell with the SDK on the class path and this script loaded:
//   examples/jshell/jshell.sh
// then try:
//   var px = demo();                                   // the embedded demo cluster
//   px.deploy("hello").named("hi").onProgress(PROGRESS).start();
//   px.apps();
//   px.app("hi").logs(10).forEach(System.out::println);
//
// For a real cluster, build the SDK yourself (see docs/jshell.md):
//   var px = Proximity.builder().endpoint(URI.create("https://10.0.0.2:8006")).
//       credentials(PveCredentials.apiToken("root@pam!jshell", System.getenv("PROXIMITY_TOKEN_SECRET"))).
//       trust(TlsTrust.pinnedSha256(System.getenv("PROXIMITY_FINGERPRINT"))).
//       hostShell(SshHostShells.builder().node("pve", "10.0.0.2").
//           auth(SshAuth.privateKey(Path.of(System.getProperty("user.home"), ".ssh", "id_ed25519"))).
//           hostKeys(HostKeyVerification.defaultKnownHosts()).build()).
//       build();

import dev.proximity.*;
import dev.proximity.audit.*;
import dev.proximity.pve.*;
import dev.proximity.pve.model.*;
import dev.proximity.catalog.*;
import dev.proximity.command.*;
import dev.proximity.ssh.*;
import dev.proximity.examples.demo.DemoCluster;
import java.net.URI;
import java.nio.file.*;
import java.time.*;
import java.time.temporal.ChronoUnit;
import java.util.*;
import java.util.stream.*;

/** The demo cluster of this session, started by the first demo() call. */
DemoCluster DEMO = null;

/** Starts (once) the embedded Proxmox VE and SSH simulators and returns an SDK connected to them. */
Proximity demo() {
  if (DEMO == null) {
    DEMO = DemoCluster.builder().start();
  }
  return DEMO.proximity();
}

/** Prints each progress event as one line: px.deploy("hello").onProgress(PROGRESS).start(). */
ProgressListener PROGRESS = e -> System.out.printf("[%3d%%] %-15s %s%n", e.percent(), e.step().label(), e.message());
