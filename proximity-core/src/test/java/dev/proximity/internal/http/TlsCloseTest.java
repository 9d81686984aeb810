package dev.proximity.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.pve.TlsTrust;
import dev.proximity.testkit.PveSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Closing a client's TLS setup closes its connections, the ones kept alive for reuse included. */
class TlsCloseTest {
  private PveSimulator sim;
  private Tls tls;

  @BeforeEach
  void start() {
    sim = PveSimulator.builder().token("root@pam!ci", "secret-1", false).start();
    tls = Tls.of(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint()));
  }

  @AfterEach
  void stop() {
    tls.close();
    sim.close();
  }

  private int get() throws IOException {
    HttpsURLConnection c = (HttpsURLConnection) new URL(sim.baseUri() + "/api2/json/version").openConnection();
    c.setSSLSocketFactory(tls.socketFactory());
    c.setHostnameVerifier(tls.hostnameVerifier());
    c.setRequestProperty("Authorization", "PVEAPIToken=root@pam!ci=secret-1");
    try (InputStream in = c.getInputStream()) {
      in.readAllBytes(); // read to the end: the connection then goes back to the keep-alive cache
    }
    return c.getResponseCode();
  }

  private int serverConnectionsEventually(int expected) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
    int n = sim.activeConnections();
    while (n != expected && System.nanoTime() < end) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // a poll interval
      n = sim.activeConnections();
    }
    return n;
  }

  @Test
  void close_closesTheKeptAliveConnection_andRefusesNewOnes() throws IOException {
    assertThat(get()).isEqualTo(200);
    assertThat(get()).isEqualTo(200);
    // one connection, reused, and still open while idle in the JDK's keep-alive cache
    assertThat(tls.openConnections()).isEqualTo(1);
    assertThat(serverConnectionsEventually(1)).isEqualTo(1);

    tls.close();

    assertThat(tls.openConnections()).isZero();
    assertThat(serverConnectionsEventually(0)).as("connections the server still holds").isZero();
    assertThatThrownBy(this::get).isInstanceOf(IOException.class);
  }
}
