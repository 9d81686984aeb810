package dev.proximity.testkit.internal.pve;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies tickets ({@code PVE:<userid>:<hex time>::<signature>}) and CSRF prevention
 * tokens ({@code <hex time>:<signature>}), both valid for 2 hours from the simulated clock, with
 * Proxmox's 5 minutes of allowance for clock skew into the future.
 */
public final class Tickets {
  /** Ticket lifetime in seconds. */
  public static final long LIFETIME = 7200;
  private static final long SKEW = 300;

  private volatile byte[] key = newKey();
  private final Clock clock;

  /** @param clock the simulated clock */
  public Tickets(Clock clock) {
    this.clock = clock;
  }

  private static byte[] newKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  /** Rotates the signing key: every ticket and CSRF token issued so far becomes invalid. */
  public void rotate() {
    key = newKey();
  }

  /**
   * @param userid {@code user@realm}
   * @return a half ticket for a user who still has to pass the second factor
   */
  public String tfaTicket(String userid) {
    String plain = "PVE:!tfa!" + userid + ":" + hexNow();
    return plain + "::" + sign(plain);
  }

  /**
   * @param userid {@code user@realm}
   * @return a new ticket
   */
  public String ticket(String userid) {
    String plain = "PVE:" + userid + ":" + hexNow();
    return plain + "::" + sign(plain);
  }

  /**
   * @param userid {@code user@realm}
   * @return a new CSRF prevention token
   */
  public String csrf(String userid) {
    String time = hexNow();
    return time + ":" + sign(time + ":" + userid).substring(0, 27);
  }

  /**
   * Verifies a ticket.
   *
   * @param ticket the cookie value
   * @return the user id, or null when invalid or expired
   */
  public String verify(String ticket) {
    int sep = ticket.lastIndexOf("::");
    if (!ticket.startsWith("PVE:") || sep < 0) {
      return null;
    }
    String plain = ticket.substring(0, sep);
    if (!MessageDigest.isEqual(sign(plain).getBytes(StandardCharsets.UTF_8),
        ticket.substring(sep + 2).getBytes(StandardCharsets.UTF_8))) {
      return null;
    }
    int lastColon = plain.lastIndexOf(':');
    if (!fresh(plain.substring(lastColon + 1))) {
      return null;
    }
    return plain.substring(4, lastColon);
  }

  /**
   * Verifies a CSRF token for a user.
   *
   * @param token the header value
   * @param userid the ticket's user
   * @return whether valid
   */
  public boolean verifyCsrf(String token, String userid) {
    int colon = token.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String time = token.substring(0, colon);
    String expect = sign(time + ":" + userid).substring(0, 27);
    return MessageDigest.isEqual(expect.getBytes(StandardCharsets.UTF_8),
        token.substring(colon + 1).getBytes(StandardCharsets.UTF_8)) && fresh(time);
  }

  private boolean fresh(String hexTime) {
    long t;
    try {
      t = Long.parseLong(hexTime, 16);
    } catch (NumberFormatException e) {
      return false;
    }
    long age = clock.instant().getEpochSecond() - t;
    return age > -SKEW && age < LIFETIME;
  }

  private String hexNow() {
    return String.format("%08X", clock.instant().getEpochSecond());
  }

  private String sign(String plain) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().withoutPadding().encodeToString(mac.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
