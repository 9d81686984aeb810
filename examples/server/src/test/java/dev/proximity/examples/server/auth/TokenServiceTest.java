package dev.proximity.examples.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.proximity.examples.server.MutableClock;
import dev.proximity.examples.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenServiceTest {
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final TokenService tokens = new TokenService(KEY, Duration.ofHours(1), clock);
  private final User user = new User("u-1", "alice", Role.ADMIN, "x", Instant.EPOCH);

  @Test
  void verify_issuedToken_returnsSubjectAndId() {
    TokenService.IssuedToken issued = tokens.issue(user);

    TokenService.VerifiedToken verified = tokens.verify(issued.token());

    assertThat(verified.userId()).isEqualTo("u-1");
    assertThat(verified.tokenId()).isEqualTo(issued.id());
    assertThat(issued.toString()).doesNotContain(issued.token());
  }

  @Test
  void verify_algNone_isRefused() {
    JWTClaimsSet claims = claims(clock.instant().plusSeconds(600));
    String unsigned = new PlainJWT(claims).serialize();

    assertUnauthorized(unsigned, "unsigned");
  }

  @Test
  void verify_tamperedPayload_isRefused() {
    String[] parts = tokens.issue(new User("u-2", "bob", Role.USER, "x", Instant.EPOCH)).token().split("\\.");
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"user\"", "\"admin\"").getBytes(StandardCharsets.UTF_8));

    assertUnauthorized(parts[0] + "." + forged + "." + parts[2], "signature");
  }

  @Test
  void verify_otherKey_isRefused() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(clock.instant().plusSeconds(600)));
    jwt.sign(new MACSigner("another-key-another-key-another-key!".getBytes(StandardCharsets.UTF_8)));

    assertUnauthorized(jwt.serialize(), "signature");
  }

  @Test
  void verify_otherAlgorithmWithTheSameKey_isRefused() throws Exception {
    byte[] longKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    TokenService strong = new TokenService(longKey, Duration.ofHours(1), clock);
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims(clock.instant().plusSeconds(600)));
    jwt.sign(new MACSigner(longKey));

    assertThatThrownBy(() -> strong.verify(jwt.serialize()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining("algorithm");
  }

  @Test
  void verify_expired_isRefused() {
    String token = tokens.issue(user).token();
    clock.advance(Duration.ofHours(1));

    assertUnauthorized(token, "expired");
  }

  @Test
  void verify_garbage_isRefused() {
    assertUnauthorized("not.a.jwt", "malformed");
    assertUnauthorized("abc", "malformed");
  }

  @Test
  void loadOrCreateKey_generatesAPrivateKeyFileOnce(@TempDir Path dir) throws Exception {
    byte[] first = TokenService.loadOrCreateKey(Optional.empty(), dir);
    byte[] second = TokenService.loadOrCreateKey(Optional.empty(), dir);

    assertThat(first).hasSize(32).isEqualTo(second);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt.key"))))
        .isEqualTo("rw-------");
  }

  private JWTClaimsSet claims(Instant expiry) {
    return new JWTClaimsSet.Builder()
        .issuer(TokenService.ISSUER)
        .subject("u-1")
        .jwtID("id-1")
        .claim("role", "user")
        .expirationTime(Date.from(expiry))
        .build();
  }

  private void assertUnauthorized(String token, String messagePart) {
    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining(messagePart);
  }
}
