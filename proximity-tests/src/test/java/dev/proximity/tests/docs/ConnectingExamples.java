package dev.proximity.tests.docs;

import dev.proximity.pve.PveClient;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import java.net.URI;
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
}
