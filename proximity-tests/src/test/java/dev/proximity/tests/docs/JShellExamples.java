package dev.proximity.tests.docs;

import dev.proximity.ProgressListener;
import dev.proximity.Proximity;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.ssh.SshHostShells;
import java.net.URI;
import java.nio.file.Path;

/**
 * The examples quoted by docs/jshell.md. The session transcript's input lines (after
 * {@code jshell> }) form the region {@code jshell-session}, which DocExamplesTest runs against the
 * simulators; {@code demo()} and {@code PROGRESS} stand in for the helpers of proximity.jsh. The
 * real-cluster example names a real host and is compiled only.
 */
public final class JShellExamples {
  private JShellExamples() {}

  /** What {@code demo()} returns in this run: set by the test. */
  static Proximity demoCluster;

  /** Like proximity.jsh's PROGRESS: one line per progress event. */
  static final ProgressListener PROGRESS = e -> System.out.printf("[%3d%%] %-15s %s%n",
      e.percent(), e.step().label(), e.message());

  private static Proximity demo() {
    return demoCluster;
  }

  /** The session of docs/jshell.md, without its output lines. */
  public static Proximity session() {
    // region:jshell-session
    var px = demo();
    px.deploy("hello").named("hi").withParameter("GREETING", "Hello, lab").onProgress(PROGRESS).start();
    px.apps().forEach(a -> System.out.println(a.name() + " " + a.status() + " " + a.version()));
    px.app("hi").info().urls();
    px.app("hi").logs(10).forEach(System.out::println);
    px.app("hi").backup("before changes");
    px.pve().nodes();
    // endregion
    return px;
  }

  /** Building the SDK for a real cluster, as typed at the JShell prompt. */
  public static Proximity realCluster() {
    // region:jshell-real-cluster
    var px = Proximity.builder().
        endpoint(URI.create("https://10.0.0.2:8006")).
        credentials(PveCredentials.apiToken("root@pam!jshell", System.getenv("PROXIMITY_TOKEN_SECRET"))).
        trust(TlsTrust.pinnedSha256(System.getenv("PROXIMITY_FINGERPRINT"))).
        hostShell(SshHostShells.builder().node("pve", "10.0.0.2").
            auth(SshAuth.privateKey(Path.of(System.getProperty("user.home"), ".ssh", "id_ed25519"))).
            hostKeys(HostKeyVerification.defaultKnownHosts()).build()).
        build();
    // endregion
    return px;
  }
}
