package dev.proximity.internal.http;

import dev.proximity.pve.PveConnectionException;
import java.io.IOException;
import java.net.SocketTimeoutException;

/** An I/O failure of one exchange, remembering whether the request may have reached the server. */
final class SendFailure extends IOException {
  private static final long serialVersionUID = 1L;

  final boolean sent;
  final boolean tls;

  SendFailure(IOException cause, boolean sent, boolean tls) {
    super(cause.getMessage(), cause);
    this.sent = sent;
    this.tls = tls;
  }

  PveConnectionException toException(ApiRequest request) {
    Throwable cause = getCause();
    String presented = Futures.presentedFingerprint(cause);
    PveConnectionException.Kind kind = tls ? PveConnectionException.Kind.TLS
        : cause instanceof SocketTimeoutException ? PveConnectionException.Kind.TIMEOUT
        : PveConnectionException.Kind.IO;
    boolean unknown = sent && request.write();
    StringBuilder msg = new StringBuilder();
    msg.append(request).append(": ");
    switch (kind) {
      case TLS -> {
        msg.append("TLS handshake failed: ").append(cause.getMessage());
        if (presented != null) {
          msg.append(" (if this is the node's new certificate, pin TlsTrust.pinnedSha256(\"")
              .append(presented).append("\"))");
        }
      }
      case TIMEOUT -> msg.append("timed out (").append(cause.getMessage())
          .append("); raise connectTimeout/requestTimeout or check the network");
      default -> msg.append("no answer (").append(cause.getClass().getSimpleName()).append(": ")
          .append(cause.getMessage()).append("); check the endpoint URI and that port 8006 is reachable");
    }
    if (unknown) {
      msg.append("; the write may have been executed, check the state before repeating it");
    }
    return new PveConnectionException(msg.toString(), kind, unknown, presented, cause);
  }
}
