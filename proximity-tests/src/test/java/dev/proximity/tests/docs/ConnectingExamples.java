package dev.proximity.tests.docs;

import dev.proximity.Proximity;
import dev.proximity.pve.PveClient;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TaskDurationSnapshot;
import dev.proximity.pve.TlsTrust;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The examples quoted by docs/connecting.md. The credentials examples run in
 * {@code DocExamplesTest}; the client example names a real host and is compiled only.
 */
public final class ConnectingExamples {
  private ConnectingExamples() {}

  /** A client with a token, a pinned certificate and timeouts. */
  public static void client(String secret) {
    // region:connecting-client
    try (PveClient pve = PveClient.builder()
        .endpoint(URI.create("https://10.0.0.2:8006"))                 // /api2/json is added
        .credentials(PveCredentials.apiToken("proximity@pve!sdk", secret))
        .trust(TlsTrust.pinnedSha256("3F:A1:...:9C"))                  // the node's certificate
        .connectTimeout(Duration.ofSeconds(10))
        .requestTimeout(Duration.ofSeconds(60))
        .build()) {
      System.out.println(pve.version());                                // cheap connectivity check
      System.out.println(pve.access().preflight("local-lvm", "local", "local").summary());
    }
    // endregion
  }

  /** API token credentials. */
  public static PveCredentials token() {
    return
        // region:connecting-token
        PveCredentials.apiToken("USER@REALM!TOKENID", "SECRET")
        // endregion
        ;
  }

  /** Password (ticket) credentials. */
  public static PveCredentials password(String password) {
    return
        // region:connecting-password
        PveCredentials.password("admin@pve", password)          // or password("admin", "pve", password)
        // endregion
        ;
  }

  /** The facade keeps learned task durations in a file between runs. */
  public static void taskDurationsFile(PveCredentials credentials) {
    // region:connecting-task-durations-file
    Path file = Path.of(System.getProperty("user.home"), ".local/state/myapp/task-durations.json");
    try (Proximity px = Proximity.builder()
        .endpoint(URI.create("https://10.0.0.2:8006"))
        .credentials(credentials)
        .taskDurations(file)          // read now (missing or unusable: start empty), saved at close()
        .build()) {
      px.pve().node("pve").lxc(101).start().await(Duration.ofMinutes(1));
    }
    // endregion
  }

  /** A client hands what it learned to the next one itself, e.g. to store it elsewhere or more often. */
  public static void taskDurationsSnapshot(PveCredentials credentials, Path file) {
    // region:connecting-task-durations-snapshot
    TaskDurationSnapshot learned = TaskDurationSnapshot.readFrom(file);  // never throws
    try (PveClient pve = PveClient.builder()
        .endpoint(URI.create("https://10.0.0.2:8006"))
        .credentials(credentials)
        .taskDurations(learned)
        .build()) {
      pve.node("pve").lxc(101).start().await(Duration.ofMinutes(1));
      TaskDurationSnapshot now = pve.taskDurations();
      System.out.println(now);            // TaskDurationSnapshot[3 kinds on 1 node, learned ...]
      now.writeTo(file);                  // atomic; TaskDurationsFileException when it cannot
    }
    // endregion
  }
}
