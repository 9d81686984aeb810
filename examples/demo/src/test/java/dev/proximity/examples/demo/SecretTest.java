package dev.proximity.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void secret_revealsOnlyOnRequest_andNeverPrintsItself() {
    Secret s = Secret.of("hunter2-token");
    assertThat(s.reveal()).isEqualTo("hunter2-token");
    assertThat(s.toString()).isEqualTo("******");
    assertThat(String.valueOf(java.util.List.of(s))).doesNotContain("hunter2");
  }

  @Test
  void secret_comparesByValue() {
    assertThat(Secret.of("a-value")).isEqualTo(Secret.of("a-value"))
        .hasSameHashCodeAs(Secret.of("a-value")).isNotEqualTo(Secret.of("b-value"));
  }

  @Test
  void secret_refusesEmptyAndBlankValues_withoutQuotingThem() {
    assertThatThrownBy(() -> Secret.of("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> Secret.of("   ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
  }
}
