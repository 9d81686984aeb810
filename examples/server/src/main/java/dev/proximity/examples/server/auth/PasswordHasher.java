package dev.proximity.examples.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and verifies passwords with PBKDF2-HMAC-SHA256, a random 16-byte salt per password and at
 * least 210,000 iterations (the OWASP recommendation for this function).
 *
 * <p>A hash is stored as {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (base64), so the iteration count
 * can be raised later without invalidating existing hashes. Verification compares in constant time.
 * Thread-safe.
 */
public final class PasswordHasher {
  /** The minimum iteration count this class accepts. */
  public static final int MIN_ITERATIONS = 210_000;

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final int iterations;
  private final SecureRandom random = new SecureRandom();
  private final String dummyHash;

  /** Creates a hasher with {@link #MIN_ITERATIONS}. */
  public PasswordHasher() {
    this(MIN_ITERATIONS);
  }

  /**
   * Creates a hasher.
   *
   * @param iterations the iteration count for new hashes, at least {@link #MIN_ITERATIONS}
   */
  public PasswordHasher(int iterations) {
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException("PBKDF2 needs at least " + MIN_ITERATIONS + " iterations");
    }
    this.iterations = iterations;
    this.dummyHash = hash("not-a-real-password".toCharArray());
  }

  /**
   * Hashes a password with a fresh salt.
   *
   * @param password the password; the caller may clear it afterwards
   * @return the encoded hash
   */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /**
   * Verifies a password against an encoded hash in constant time.
   *
   * @param password the candidate password
   * @param encoded the stored hash
   * @return whether the password matches
   */
  public boolean verify(char[] password, String encoded) {
    String[] parts = encoded.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return false;
    }
    int rounds;
    try {
      rounds = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    if (rounds < MIN_ITERATIONS) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    byte[] actual = derive(password, salt, rounds);
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * Spends the same time as a real verification, so that an unknown user name cannot be told from a
   * wrong password by timing.
   *
   * @param password the candidate password
   */
  public void verifyDummy(char[] password) {
    verify(password, dummyHash);
  }

  /**
   * Whether a hash was made with fewer iterations than this hasher uses now.
   *
   * @param encoded the stored hash
   * @return whether it should be recomputed at the next successful login
   */
  public boolean needsRehash(String encoded) {
    String[] parts = encoded.split("\\$");
    return parts.length != 4 || !parts[1].equals(Integer.toString(iterations));
  }

  private static byte[] derive(char[] password, byte[] salt, int rounds) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, rounds, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
    } finally {
      spec.clearPassword();
    }
  }
}
