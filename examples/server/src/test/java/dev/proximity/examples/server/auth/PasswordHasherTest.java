package dev.proximity.examples.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void hash_usesPbkdf2WithAtLeast210000IterationsAndAFreshSalt() {
    String first = hasher.hash("correct-horse".toCharArray());
    String second = hasher.hash("correct-horse".toCharArray());

    assertThat(first).startsWith("pbkdf2-sha256$210000$");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void verify_acceptsTheRightPasswordOnly() {
    String hash = hasher.hash("correct-horse".toCharArray());

    assertThat(hasher.verify("correct-horse".toCharArray(), hash)).isTrue();
    assertThat(hasher.verify("correct-horsf".toCharArray(), hash)).isFalse();
    assertThat(hasher.verify("correct-horse".toCharArray(), "pbkdf2-sha256$1000$AAAA$AAAA")).isFalse();
    assertThat(hasher.verify("correct-horse".toCharArray(), "garbage")).isFalse();
  }

  @Test
  void constructor_tooFewIterations_isRefused() {
    assertThatThrownBy(() -> new PasswordHasher(100_000)).isInstanceOf(IllegalArgumentException.class);
  }
}
