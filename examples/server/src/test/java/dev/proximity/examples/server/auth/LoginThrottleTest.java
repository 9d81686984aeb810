package dev.proximity.examples.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.examples.server.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(1), clock);

  @Test
  void check_afterFiveFailuresForAUser_throttlesFromAnyAddress() {
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.check("alice", "10.0.0." + i)).isEmpty();
      throttle.recordFailure("alice", "10.0.0." + i);
    }

    assertThat(throttle.check("alice", "10.0.0.99")).isPresent();
    assertThat(throttle.check("bob", "10.0.0.99")).isEmpty();
  }

  @Test
  void check_afterFiveFailuresFromAnAddress_throttlesEveryUserThere() {
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure("user" + i, "10.0.0.1");
    }

    assertThat(throttle.check("someone-else", "10.0.0.1")).isPresent();
    assertThat(throttle.check("someone-else", "10.0.0.2")).isEmpty();
  }

  @Test
  void check_windowSlides_withTheClock() {
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure("alice", "10.0.0.1");
      clock.advance(Duration.ofSeconds(10));
    }

    assertThat(throttle.check("alice", "10.0.0.1")).hasValue(Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertThat(throttle.check("alice", "10.0.0.1")).isEmpty();
  }

  @Test
  void recordSuccess_clearsTheUserButNotTheAddress() {
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure("alice", "10.0.0.1");
    }
    throttle.recordSuccess("alice");

    assertThat(throttle.check("alice", "10.0.0.2")).isEmpty();
    assertThat(throttle.check("alice", "10.0.0.1")).isPresent();
  }
}
