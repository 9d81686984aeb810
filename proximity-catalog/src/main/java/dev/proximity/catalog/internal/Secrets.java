package dev.proximity.catalog.internal;

import java.security.SecureRandom;

/**
 * Generates random secret values.
 *
 * <p>The alphabet is ASCII letters and digits: 5.95 bits per character, and safe inside URLs,
 * connection strings, shell words and Compose files without any quoting or escaping.
 */
public final class Secrets {
  /** The characters a generated secret is made of. */
  public static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  /** The length used when an entry does not say. */
  public static final int DEFAULT_LENGTH = 32;
  /** The shortest length an entry may ask for. */
  public static final int MIN_LENGTH = 16;
  /** The longest length an entry may ask for. */
  public static final int MAX_LENGTH = 256;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /**
   * Generates a secret.
   *
   * @param length the number of characters, {@value #MIN_LENGTH}..{@value #MAX_LENGTH}
   * @return a fresh random string over {@link #ALPHABET}
   */
  public static String generate(int length) {
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "secret length must be " + MIN_LENGTH + ".." + MAX_LENGTH + ", got " + length);
    }
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      // nextInt(bound) is unbiased, so every character is uniformly distributed.
      out[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(out);
  }
}
