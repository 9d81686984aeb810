package dev.proximity.testkit.internal.pve;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Authenticates a request: API token header, or ticket cookie plus CSRF token on writes. */
public final class Authenticator {
  private final SimContext sim;

  /** @param sim the simulator services */
  public Authenticator(SimContext sim) {
    this.sim = sim;
  }

  /**
   * @param headers request headers
   * @return whether the request carries an API token header
   */
  public static boolean hasToken(Headers headers) {
    String auth = headers.getFirst("Authorization");
    return auth != null && auth.startsWith("PVEAPIToken");
  }

  /**
   * Authenticates.
   *
   * @param method HTTP method
   * @param template path template (for fault rates)
   * @param headers request headers
   * @return the caller
   * @throws PveError 401 for missing or bad credentials or CSRF token
   */
  public Principal authenticate(String method, String template, Headers headers) {
    String auth = headers.getFirst("Authorization");
    if (auth != null && auth.startsWith("PVEAPIToken")) {
      return token(auth.substring("PVEAPIToken".length()));
    }
    String ticket = null;
    if (auth != null && auth.startsWith("PVEAuthCookie=")) {
      ticket = auth.substring("PVEAuthCookie=".length());
    }
    String cookie = headers.getFirst("Cookie");
    if (ticket == null && cookie != null) {
      for (String part : cookie.split(";")) {
        String p = part.trim();
        if (p.startsWith("PVEAuthCookie=")) {
          ticket = URLDecoder.decode(p.substring("PVEAuthCookie=".length()), StandardCharsets.UTF_8);
        }
      }
    }
    if (ticket == null || ticket.isEmpty()) {
      throw PveError.unauthorized("No ticket");
    }
    String user = sim.tickets().verify(ticket);
    var rates = sim.faults().rates(method, template);
    if (user != null && sim.faults().roll("ticket-expiry", method, template, rates.ticketExpiryRate())) {
      user = null;
    }
    synchronized (sim.state()) {
      if (user == null || !sim.state().users.containsKey(user)) {
        throw PveError.unauthorized("permission denied - invalid PVE ticket");
      }
    }
    if (!"GET".equals(method)) {
      String csrf = headers.getFirst("CSRFPreventionToken");
      if (csrf == null || !sim.tickets().verifyCsrf(csrf, user)) {
        throw PveError.unauthorized("Permission denied - invalid csrf token");
      }
    }
    return new Principal(user, null);
  }

  private Principal token(String rest) {
    if (rest.isEmpty() || !(rest.charAt(0) == '=' || rest.charAt(0) == ' ')) {
      throw PveError.unauthorized("Authentication failed!");
    }
    String value = rest.substring(1).trim();
    int eq = value.indexOf('=');
    int bang = value.indexOf('!');
    if (eq < 0 || bang < 0 || bang > eq) {
      throw PveError.unauthorized("Authentication failed!");
    }
    String tokenId = value.substring(0, eq);
    String secret = value.substring(eq + 1);
    synchronized (sim.state()) {
      ClusterState.TokenInfo info = sim.state().tokens.get(tokenId);
      String user = tokenId.substring(0, bang);
      if (info == null || !info.secret().equals(secret) || !sim.state().users.containsKey(user)) {
        throw PveError.unauthorized("Authentication failed!");
      }
      return new Principal(user, tokenId.substring(bang + 1));
    }
  }
}
