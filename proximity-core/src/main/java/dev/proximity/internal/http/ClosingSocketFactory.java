package dev.proximity.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory of one client: it remembers the sockets it made, so that closing the
 * client closes its connections at once.
 *
 * <p>{@code HttpURLConnection} keeps idle connections in the JDK's keep-alive cache and closes
 * them only after they have been idle for a while (5 s by default), with no way to close them
 * from outside. The cache keys connections by socket factory, so the connections this factory
 * made serve this client only, and closing them cannot hurt another client. Thread-safe.
 */
final class ClosingSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Wraps a factory.
   *
   * @param delegate makes the sockets
   */
  ClosingSocketFactory(SSLSocketFactory delegate) {
    this.delegate = delegate;
  }

  private Socket track(Socket s) throws IOException {
    sockets.removeIf(Socket::isClosed);
    sockets.add(s);
    if (closed) {
      // the client was closed while this socket was being made
      sockets.remove(s);
      s.close();
      throw new SocketException("the client is closed");
    }
    return s;
  }

  /**
   * Returns how many of the sockets this factory made are still open.
   *
   * @return the count
   */
  int openSockets() {
    sockets.removeIf(Socket::isClosed);
    return sockets.size();
  }

  /** Closes every socket this factory made and refuses to make more. Idempotent. */
  void close() {
    closed = true;
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway: the connection is gone either way
      }
    }
    sockets.clear();
  }

  @Override
  public Socket createSocket() throws IOException {
    return track(delegate.createSocket());
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    return track(delegate.createSocket(s, host, port, autoClose));
  }

  @Override
  public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
    return track(delegate.createSocket(s, consumed, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return track(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return track(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return track(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return track(delegate.createSocket(address, port, localAddress, localPort));
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }
}
