package dev.proximity.internal.http;

import dev.proximity.pve.TlsTrust;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link TlsTrust} into a socket factory and host name verifier.
 *
 * <p>A pinned fingerprint replaces both chain and host name checks (node certificates are self-signed
 * and often reached by IP), so its trust manager is an {@link X509ExtendedTrustManager}: the JDK then
 * adds no endpoint identification of its own.
 */
public final class Tls {
  private static final Logger log = LoggerFactory.getLogger(Tls.class);

  private final ClosingSocketFactory socketFactory;
  private final HostnameVerifier hostnameVerifier;

  private Tls(SSLSocketFactory socketFactory, HostnameVerifier hostnameVerifier) {
    this.socketFactory = new ClosingSocketFactory(socketFactory);
    this.hostnameVerifier = hostnameVerifier;
  }

  /**
   * Builds the TLS setup for a trust choice.
   *
   * @param trust the trust choice
   * @return the setup
   * @throws IllegalArgumentException when CA PEM text cannot be parsed
   */
  public static Tls of(TlsTrust trust) {
    try {
      switch (trust.mode()) {
        case SYSTEM:
          return new Tls(SSLContext.getDefault().getSocketFactory(), HttpsURLConnection.getDefaultHostnameVerifier());
        case CA_PEM:
          return new Tls(context(caTrustManagers(trust.value())).getSocketFactory(),
              HttpsURLConnection.getDefaultHostnameVerifier());
        case PINNED_SHA256:
          return new Tls(context(new TrustManager[] {new Pinned(trust.value())}).getSocketFactory(), (h, s) -> true);
        case INSECURE:
        default:
          log.warn("TLS verification is DISABLED (TlsTrust.insecure()): any server, or anyone between, "
              + "can read the credentials. Pin the node's certificate with TlsTrust.pinnedSha256(..) instead.");
          return new Tls(context(new TrustManager[] {new Pinned(null)}).getSocketFactory(), (h, s) -> true);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the socket factory; the connections it makes are closed by {@link #close()}.
   *
   * @return the factory
   */
  public SSLSocketFactory socketFactory() {
    return socketFactory;
  }

  /**
   * Returns how many connections made by {@link #socketFactory()} are still open.
   *
   * @return the count
   */
  int openConnections() {
    return socketFactory.openSockets();
  }

  /**
   * Closes every connection made by {@link #socketFactory()}, the idle ones kept alive included,
   * and refuses new ones: called when the client closes. Idempotent.
   */
  public void close() {
    socketFactory.close();
  }

  /**
   * Returns the host name verifier.
   *
   * @return the verifier
   */
  public HostnameVerifier hostnameVerifier() {
    return hostnameVerifier;
  }

  /**
   * Computes the SHA-256 fingerprint of a certificate as colon-separated upper-case hex.
   *
   * @param cert the certificate
   * @return the fingerprint
   * @throws CertificateException when the certificate cannot be encoded
   */
  public static String fingerprint(Certificate cert) throws CertificateException {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
      StringBuilder sb = new StringBuilder();
      for (byte b : digest) {
        if (sb.length() > 0) {
          sb.append(':');
        }
        sb.append(String.format("%02X", b));
      }
      return sb.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new CertificateException(e);
    }
  }

  private static SSLContext context(TrustManager[] managers) throws GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, managers, null);
    return ctx;
  }

  private static TrustManager[] caTrustManagers(String pem) throws GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      ks.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    int i = 0;
    for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
      ks.setCertificateEntry("ca" + i++, c);
    }
    if (i == 0) {
      throw new IllegalArgumentException("caPem holds no certificate");
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  /** Fails a handshake whose leaf certificate does not have the pinned fingerprint (null pin: trust all). */
  static final class Pinned extends X509ExtendedTrustManager {
    private final String pin;

    Pinned(String pin) {
      this.pin = pin;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
      if (pin == null) {
        return;
      }
      if (chain == null || chain.length == 0) {
        throw new CertificateException("server presented no certificate");
      }
      String presented = fingerprint(chain[0]);
      if (!presented.equals(pin)) {
        throw new PinMismatchException(pin, presented);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("client certificates are not checked by this SDK");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** The presented certificate does not match the pin; carries the presented fingerprint. */
  public static final class PinMismatchException extends CertificateException {
    private static final long serialVersionUID = 1L;
    private final String presented;

    PinMismatchException(String expected, String presented) {
      super("certificate fingerprint mismatch: expected SHA-256 " + expected + ", server presented " + presented);
      this.presented = presented;
    }

    /**
     * Returns the fingerprint the server presented.
     *
     * @return colon-separated hex
     */
    public String presented() {
      return presented;
    }
  }
}
