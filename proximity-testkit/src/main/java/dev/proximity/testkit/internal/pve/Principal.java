package dev.proximity.testkit.internal.pve;

/**
 * Who makes a request: a user with a ticket, or an API token.
 *
 * @param userid {@code user@realm}
 * @param tokenName the token id without the user, or null for a ticket
 */
public record Principal(String userid, String tokenName) {
  /** @return whether this is an API token */
  public boolean isToken() {
    return tokenName != null;
  }

  /** @return {@code user@realm} or {@code user@realm!token}, as in UPIDs */
  public String authId() {
    return isToken() ? userid + "!" + tokenName : userid;
  }

  /** @return whether this is a ticket for exactly {@code root@pam} (a root token is not) */
  public boolean isRootPam() {
    return !isToken() && "root@pam".equals(userid);
  }
}
