package dev.proximity.examples.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.proximity.examples.demo.Secret;
import dev.proximity.examples.server.http.ApiException;
import dev.proximity.examples.server.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and verifies the server's access tokens: JWTs signed with HMAC-SHA256 (nimbus-jose-jwt).
 *
 * <p>Verification accepts exactly HS256: unsigned ({@code alg: none}) tokens, other algorithms, bad
 * signatures, missing claims and expired tokens are refused. The key comes from configuration or is
 * generated once into {@code jwt.key} in the data directory (mode 0600). Thread-safe.
 */
public final class TokenService {
  /** The issuer claim of every token. */
  public static final String ISSUER = "proximity-server";

  private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private final byte[] key;
  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Duration ttl;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param key the HMAC key, at least 32 bytes
   * @param ttl token lifetime
   * @param clock the clock for issue and expiry times
   */
  public TokenService(byte[] key, Duration ttl, Clock clock) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the JWT key must be at least 32 bytes");
    }
    this.key = key.clone();
    this.ttl = ttl;
    this.clock = clock;
    try {
      this.signer = new MACSigner(this.key);
      this.verifier = new MACVerifier(this.key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable JWT key", e);
    }
  }

  /**
   * Loads the signing key: the configured secret, else {@code jwt.key} in the data directory,
   * generating 32 random bytes into it (mode 0600) on first start.
   *
   * @param configured the configured secret, if any
   * @param dataDir the data directory
   * @return the key bytes
   * @throws UncheckedIOException if the key file cannot be read or written
   */
  public static byte[] loadOrCreateKey(Optional<Secret> configured, Path dataDir) {
    if (configured.isPresent()) {
      return configured.get().reveal().getBytes(StandardCharsets.UTF_8);
    }
    Path file = dataDir.resolve("jwt.key");
    try {
      if (!Files.exists(file)) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        AtomicFiles.createExclusive(file,
            Base64.getEncoder().encode(fresh));
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
      if (key.length < 32) {
        throw new IllegalStateException(file + " holds fewer than 32 bytes; delete it to generate a new key");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the JWT key " + file, e);
    }
  }

  /**
   * Issues a token for a user.
   *
   * @param user the user
   * @return the signed token and its metadata
   */
  public IssuedToken issue(User user) {
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    String id = UUID.randomUUID().toString();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(user.id())
            .claim("name", user.username())
            .claim("role", user.role().wireName())
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .jwtID(id)
            .build();
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return new IssuedToken(jwt.serialize(), id, expires, ttl);
  }

  /**
   * Verifies a token's algorithm, signature, issuer and validity period.
   *
   * @param token the compact JWT
   * @return the verified claims
   * @throws ApiException 401 naming why the token is refused (never echoing it)
   */
  public VerifiedToken verify(String token) {
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException e) {
      throw ApiException.unauthorized("the access token is malformed; log in again");
    }
    if (!(parsed instanceof SignedJWT signed)) {
      throw ApiException.unauthorized("unsigned access tokens are not accepted");
    }
    if (!JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
      throw ApiException.unauthorized("the access token uses an algorithm this server does not accept");
    }
    boolean valid;
    try {
      valid = signed.verify(verifier);
    } catch (JOSEException e) {
      valid = false;
    }
    if (!valid) {
      throw ApiException.unauthorized("the access token signature is invalid");
    }
    JWTClaimsSet claims;
    try {
      claims = signed.getJWTClaimsSet();
    } catch (ParseException e) {
      throw ApiException.unauthorized("the access token claims are malformed");
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    Date nbf = claims.getNotBeforeTime();
    if (exp == null || claims.getSubject() == null || claims.getJWTID() == null
        || !ISSUER.equals(claims.getIssuer())) {
      throw ApiException.unauthorized("the access token lacks required claims");
    }
    if (!now.isBefore(exp.toInstant())) {
      throw ApiException.unauthorized("the access token has expired; log in again");
    }
    if (nbf != null && now.plus(CLOCK_SKEW).isBefore(nbf.toInstant())) {
      throw ApiException.unauthorized("the access token is not valid yet");
    }
    return new VerifiedToken(claims.getSubject(), claims.getJWTID(), exp.toInstant());
  }

  /**
   * A freshly issued token.
   *
   * @param token the compact JWT; never printed
   * @param id the token id ({@code jti})
   * @param expiresAt the expiry
   * @param ttl the lifetime
   */
  public record IssuedToken(String token, String id, Instant expiresAt, Duration ttl) {
    /** Masks the token. */
    @Override
    public String toString() {
      return "IssuedToken[expires " + expiresAt + "]";
    }
  }

  /**
   * The verified content of a token.
   *
   * @param userId the subject
   * @param tokenId the {@code jti}
   * @param expiresAt the expiry
   */
  public record VerifiedToken(String userId, String tokenId, Instant expiresAt) {}
}
