package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.testkit.Eventually;
import dev.proximity.testkit.FaultPlan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** {@code PveSimulator.activeConnections()} follows the connections clients open and close. */
class ConnectionCountTest extends SimTestBase {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private SSLSocket connect() throws IOException {
    SSLSocket s = (SSLSocket) SimClient.pinned(sim.certificateSha256Fingerprint()).getSocketFactory()
        .createSocket(sim.baseUri().getHost(), sim.port());
    s.setSoTimeout(10_000);
    return s;
  }

  /** Sends one keep-alive request and reads the status line, leaving the connection open. */
  private static String request(SSLSocket s) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(("GET /api2/json/version HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Authorization: PVEAPIToken=root@pam!ci=secret-1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    return in.readLine();
  }

  @Test
  void countsOpenConnections_andFollowsClientCloses() throws IOException {
    startSim();
    assertThat(sim.activeConnections()).isZero();
    try (SSLSocket first = connect(); SSLSocket second = connect()) {
      assertThat(request(first)).startsWith("HTTP/1.1 200");
      assertThat(request(second)).startsWith("HTTP/1.1 200");
      assertThat(Eventually.count(sim::activeConnections, 2, DEADLINE)).isEqualTo(2);
      first.close();
      assertThat(Eventually.count(sim::activeConnections, 1, DEADLINE)).isEqualTo(1);
    }
    assertThat(Eventually.count(sim::activeConnections, 0, DEADLINE)).isZero();
  }

  @Test
  void aConnectionTheServerDrops_isNoLongerCounted() throws IOException {
    startSim();
    sim.faults(FaultPlan.builder().drops(1.0).build());
    try (SSLSocket s = connect()) {
      assertThat(request(s)).isNull(); // closed without an answer
      assertThat(Eventually.count(sim::activeConnections, 0, DEADLINE)).isZero();
    }
  }
}
