package dev.proximity.examples.server.auth;

import dev.proximity.examples.server.http.JsonCodec;
import dev.proximity.examples.server.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ids ({@code jti}) of tokens revoked by logout before their expiry, persisted to
 * {@code revoked-tokens.json} so that a restart does not revive them. Entries are dropped once the
 * token would have expired anyway. Thread-safe.
 */
public final class RevokedTokens {
  private final Path file;
  private final JsonCodec json;
  private final Clock clock;
  private final Map<String, Instant> revoked = new LinkedHashMap<>();

  /**
   * Opens the list, reading the file if it exists.
   *
   * @param file the file
   * @param json the codec
   * @param clock the clock that decides expiry
   */
  public RevokedTokens(Path file, JsonCodec json, Clock clock) {
    this.file = file;
    this.json = json;
    this.clock = clock;
    if (Files.exists(file)) {
      try {
        Stored stored = json.read(Files.readAllBytes(file), Stored.class);
        stored.revoked().forEach((id, exp) -> revoked.put(id, Instant.parse(exp)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the revoked-token list " + file, e);
      }
    }
  }

  /**
   * Revokes a token.
   *
   * @param tokenId the token's {@code jti}
   * @param expiresAt the token's expiry
   */
  public synchronized void revoke(String tokenId, Instant expiresAt) {
    Instant now = clock.instant();
    revoked.values().removeIf(exp -> exp.isBefore(now));
    revoked.put(tokenId, expiresAt);
    Map<String, String> out = new LinkedHashMap<>();
    revoked.forEach((id, exp) -> out.put(id, exp.toString()));
    try {
      AtomicFiles.write(file, json.encode(new Stored(out)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the revoked-token list " + file, e);
    }
  }

  /**
   * Whether a token was revoked.
   *
   * @param tokenId the token's {@code jti}
   * @return {@code true} if revoked
   */
  public synchronized boolean isRevoked(String tokenId) {
    return revoked.containsKey(tokenId);
  }

  /** The file format. */
  record Stored(Map<String, String> revoked) {}
}
