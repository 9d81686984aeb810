package dev.proximity.examples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.catalog.HealthCheck;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployLatenciesTest {
  @Test
  void realistic_healthIsHellosFirstHealthCheck_asTheSimulatorRunsIt() {
    // hello: interval 5 s with a start period, so Docker's first check comes after the default
    // start interval, also 5 s
    assertThat(DeployLatencies.realistic().healthy()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void firstCheck_isTheIntervalWithoutAStartPeriod_elseDockersStartInterval() {
    List<String> test = List.of("CMD", "true");
    assertThat(DeployLatencies.firstCheck(new HealthCheck("web", test, Duration.ofSeconds(30),
        Duration.ofSeconds(5), 3, Duration.ZERO))).isEqualTo(Duration.ofSeconds(30));
    assertThat(DeployLatencies.firstCheck(new HealthCheck("web", test, Duration.ofSeconds(30),
        Duration.ofSeconds(5), 3, Duration.ofSeconds(20)))).isEqualTo(Duration.ofSeconds(5));
  }
}
