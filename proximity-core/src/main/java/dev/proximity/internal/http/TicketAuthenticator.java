package dev.proximity.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.internal.json.Json;
import dev.proximity.pve.PveApiException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticket login ({@code POST /access/ticket}), {@code PVEAuthCookie} and {@code CSRFPreventionToken}.
 *
 * <p>A ticket lives 2 h. It is renewed (posting the current ticket as the password) once it is older
 * than {@link #RENEW_AFTER}, and replaced by a fresh password login when it has expired or the server
 * answered 401.
 */
final class TicketAuthenticator implements Authenticator {
  /** Age after which the ticket is renewed; Proxmox tickets expire after 2 h. */
  static final Duration RENEW_AFTER = Duration.ofMinutes(90);

  static final Duration LIFETIME = Duration.ofHours(2);
  private static final Logger log = LoggerFactory.getLogger(TicketAuthenticator.class);

  private final String userId;
  private final String password;
  private final Clock clock;
  private final Exchanger exchanger;
  private Session session;

  TicketAuthenticator(String userId, String password, Clock clock, Exchanger exchanger) {
    this.userId = userId;
    this.password = password;
    this.clock = clock;
    this.exchanger = exchanger;
  }

  @Override
  public synchronized Map<String, String> headers(boolean write) throws IOException {
    Instant now = clock.instant();
    if (session == null || !now.isBefore(session.issued.plus(LIFETIME))) {
      session = login(password, now);
    } else if (!now.isBefore(session.issued.plus(RENEW_AFTER))) {
      try {
        session = login(session.ticket, now);
        log.debug("ticket for {} renewed", userId);
      } catch (PveApiException e) {
        if (!e.isAuth()) {
          throw e;
        }
        session = login(password, now);
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cookie", "PVEAuthCookie=" + FormEncoding.encode(session.ticket));
    if (write) {
      headers.put("CSRFPreventionToken", session.csrf);
    }
    return headers;
  }

  @Override
  public synchronized boolean invalidate() {
    session = null;
    return true;
  }

  private Session login(String secret, Instant now) throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", userId);
    form.put("password", secret);
    ApiRequest request = ApiRequest.post("/access/ticket", form);
    RawResponse raw = exchanger.exchange(request, Map.of());
    if (raw.status() >= 400) {
      throw ErrorMapping.toException(raw, request);
    }
    JsonNode data = Json.mapper().readTree(raw.body()).path("data");
    if (data.path("NeedTFA").asInt(0) == 1 || data.path("NeedTFA").asBoolean(false)) {
      throw new PveApiException(401,
          "user " + userId + " has a second factor (TOTP/WebAuthn), which the SDK does not support;"
              + " use an API token (PveCredentials.apiToken) instead",
          Map.of(), "POST", "/access/ticket");
    }
    String ticket = data.path("ticket").asText("");
    String csrf = data.path("CSRFPreventionToken").asText("");
    if (ticket.isEmpty() || csrf.isEmpty()) {
      throw new PveApiException(raw.status(), "login answer has no ticket or CSRF token", Map.of(),
          "POST", "/access/ticket");
    }
    log.debug("logged in as {}", userId);
    return new Session(ticket, csrf, now);
  }

  @Override
  public String toString() {
    return "TicketAuthenticator[" + userId + "]";
  }

  /** A ticket and its CSRF token; never printed. */
  private record Session(String ticket, String csrf, Instant issued) {
    @Override
    public String toString() {
      return "Session[issued=" + issued + "]";
    }
  }
}
