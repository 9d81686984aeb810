package dev.proximity.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The schema check must really validate: these documents break the Compose specification. */
class ComposeSchemaTest {

  @Test
  void validDocument_passes() {
    assertThat(ComposeSchema.violations("services:\n  web:\n    image: nginx:1.28.0\n")).isEmpty();
  }

  @Test
  void unknownServiceKey_fails() {
    assertThat(ComposeSchema.violations("services:\n  web:\n    imagee: nginx:1.28.0\n"))
        .isNotEmpty();
  }

  @Test
  void wrongTypes_fail() {
    assertThat(ComposeSchema.violations("services:\n  web:\n    image: [a, b]\n")).isNotEmpty();
    assertThat(ComposeSchema.violations(
        "services:\n  web:\n    image: x:1\n    healthcheck:\n      intervall: 1s\n"))
        .isNotEmpty();
    assertThat(ComposeSchema.violations("services: []\n")).isNotEmpty();
  }
}
