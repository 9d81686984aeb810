package dev.proximity.testkit.internal.pve;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The HTTPS listener on a random loopback port, with the bundled self-signed certificate. */
public final class SimServer implements AutoCloseable {
  private static final char[] STORE_PASSWORD = "simulator".toCharArray();

  static {
    // The JDK server flushes headers and body separately; without TCP_NODELAY every small answer
    // waits for the peer's delayed ACK (~40 ms). Read once, when the JDK server class loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpsServer server;
  private final ExecutorService executor;
  private final X509Certificate certificate;

  /**
   * Binds and starts.
   *
   * @param handler the API handler
   */
  public SimServer(HttpHandler handler) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = SimServer.class.getResourceAsStream("/dev/proximity/testkit/pve-simulator.p12")) {
        if (in == null) {
          throw new IllegalStateException("pve-simulator.p12 missing from the testkit jar");
        }
        ks.load(in, STORE_PASSWORD);
      }
      certificate = (X509Certificate) ks.getCertificate("pve-sim");
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, STORE_PASSWORD);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(kmf.getKeyManagers(), null, null);
      server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the PVE simulator", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up the PVE simulator's TLS", e);
    }
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "pve-sim-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
  }

  /** @return the bound port */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * @return the connections this server accepted and still holds open
   * @throws UnsupportedOperationException where the kernel's socket tables cannot be read
   */
  public int openConnections() {
    return OpenSockets.accepted(server.getAddress().getAddress(), port());
  }

  /** @return the server certificate */
  public X509Certificate certificate() {
    return certificate;
  }

  /** @return SHA-256 of the certificate, colon-separated upper-case hex */
  public String fingerprint() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
