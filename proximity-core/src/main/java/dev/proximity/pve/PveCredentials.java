package dev.proximity.pve;

import java.util.Objects;

/**
 * How the client authenticates: an API token (preferred) or a user password for a ticket login.
 *
 * <pre>{@code
 * PveCredentials token = PveCredentials.apiToken("deploy@pve!sdk", secret);
 * PveCredentials login = PveCredentials.password("admin", "pve", password);
 * }</pre>
 *
 * <p>{@link #toString()} never shows the secret. Second factors (TOTP, WebAuthn) are not supported:
 * a login that asks for one fails with a {@link PveApiException} that says to use an API token.
 * Immutable and thread-safe.
 */
public final class PveCredentials {
  /** The authentication scheme. */
  public enum Kind {
    /** {@code Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET}. */
    API_TOKEN,
    /** {@code POST /access/ticket}, then a {@code PVEAuthCookie} and {@code CSRFPreventionToken}. */
    PASSWORD
  }

  private final Kind kind;
  private final String principal;
  private final String secret;

  private PveCredentials(Kind kind, String principal, String secret) {
    this.kind = kind;
    this.principal = principal;
    this.secret = secret;
  }

  /**
   * Creates API token credentials.
   *
   * @param tokenId the full token id {@code USER@REALM!TOKENID}, e.g. {@code root@pam!sdk}
   * @param secret the token secret (a UUID)
   * @return the credentials
   * @throws IllegalArgumentException when the token id is not {@code user@realm!name}
   */
  public static PveCredentials apiToken(String tokenId, String secret) {
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(secret, "secret");
    if (!tokenId.matches("[^@!\\s]+@[^@!\\s]+![A-Za-z][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException(
          "API token id must look like user@realm!tokenname, got '" + tokenId + "'");
    }
    if (secret.isBlank()) {
      throw new IllegalArgumentException("API token secret is empty");
    }
    return new PveCredentials(Kind.API_TOKEN, tokenId, secret);
  }

  /**
   * Creates password credentials for a user id that already names its realm.
   *
   * @param userId {@code user@realm}, e.g. {@code root@pam}
   * @param password the password
   * @return the credentials
   * @throws IllegalArgumentException when the user id has no realm
   */
  public static PveCredentials password(String userId, String password) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(password, "password");
    if (!userId.matches("[^@!\\s]+@[^@!\\s]+")) {
      throw new IllegalArgumentException("user id must look like user@realm, got '" + userId + "'");
    }
    return new PveCredentials(Kind.PASSWORD, userId, password);
  }

  /**
   * Creates password credentials from a user name and a realm.
   *
   * @param user the user name without realm, e.g. {@code root}
   * @param realm the realm, e.g. {@code pam} or {@code pve}
   * @param password the password
   * @return the credentials
   */
  public static PveCredentials password(String user, String realm, String password) {
    return password(user + "@" + realm, password);
  }

  /**
   * Returns the scheme.
   *
   * @return API_TOKEN or PASSWORD
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the user id ({@code user@realm}); for a token the user that owns it.
   *
   * @return e.g. {@code root@pam}
   */
  public String userId() {
    return kind == Kind.API_TOKEN ? principal.substring(0, principal.indexOf('!')) : principal;
  }

  /**
   * Returns the full token id of API token credentials.
   *
   * @return {@code user@realm!name}, or empty for password credentials
   */
  public String tokenId() {
    return kind == Kind.API_TOKEN ? principal : "";
  }

  /**
   * Returns the secret (token secret or password); the transport uses it, nobody should print it.
   *
   * @return the secret
   */
  public String secret() {
    return secret;
  }

  /**
   * Tells whether {@code root@pam} itself logs in; only then do root-only operations (feature
   * {@code keyctl}, bind mounts) work. A token of root@pam does not count.
   *
   * @return true for a password login of exactly {@code root@pam}
   */
  public boolean isRootPam() {
    return kind == Kind.PASSWORD && "root@pam".equals(principal);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PveCredentials c
        && c.kind == kind
        && c.principal.equals(principal)
        && c.secret.equals(secret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, principal);
  }

  /** Shows the scheme and principal; the secret is always masked. */
  @Override
  public String toString() {
    return "PveCredentials[" + kind + " " + principal + ", secret=***]";
  }
}
