package dev.proximity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourcesTest {

  @Test
  void of_setsValues_andOrElseFillsTheRest() {
    Resources r = Resources.of(2, 1024, 8);
    assertThat(r.cores()).hasValue(2);
    assertThat(r.memoryMb()).hasValue(1024);
    assertThat(r.diskGb()).hasValue(8);
    assertThat(r.swapMb()).isEmpty();
    Resources filled = Resources.builder().memoryMb(512).build()
        .orElse(Resources.builder().cores(1).memoryMb(256).diskGb(4).swapMb(0).build());
    assertThat(filled).isEqualTo(Resources.builder().cores(1).memoryMb(512).diskGb(4).swapMb(0)
        .build());
    assertThat(r.toBuilder().cores(4).build().cores()).hasValue(4);
    assertThat(Resources.none().toString()).contains("cores=default");
  }

  @Test
  void builder_refusesOutOfRangeValues() {
    assertThatThrownBy(() -> Resources.builder().cores(0))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cores");
    assertThatThrownBy(() -> Resources.builder().memoryMb(8))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Resources.builder().diskGb(0))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Resources.builder().swapMb(-1))
        .isInstanceOf(InvalidRequestException.class);
  }
}
