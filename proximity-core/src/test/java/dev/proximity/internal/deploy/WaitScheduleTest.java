package dev.proximity.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.internal.http.TaskDurations;
import dev.proximity.internal.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitScheduleTest {
  private static final long NO_DEADLINE = Long.MAX_VALUE;

  private static ServiceHealthCheck check(long intervalMs, long startPeriodMs, long startIntervalMs) {
    return new ServiceHealthCheck("web", Duration.ofMillis(intervalMs), Duration.ofSeconds(3),
        Duration.ofMillis(startPeriodMs), Duration.ofMillis(startIntervalMs));
  }

  /** Plays a wait on the schedule: the looks' times, each look taking no time. */
  private static List<Long> looks(List<ServiceHealthCheck> pending, long untilMs) {
    List<Long> at = new ArrayList<>();
    long t = 0;
    for (int looks = 1; t <= untilMs; looks++) {
      t += WaitSchedule.health(pending, false, looks, t, t, NO_DEADLINE);
      at.add(t);
    }
    return at;
  }

  @Test
  void blind_isAThirdOfTheWaitBetween20MsAnd1s() {
    assertThat(WaitSchedule.blind(0)).isEqualTo(20);
    assertThat(WaitSchedule.blind(300)).isEqualTo(100);
    assertThat(WaitSchedule.blind(60_000)).isEqualTo(1000);
  }

  @Test
  void address_unknownNode_looksAtOnceThenBlindly() {
    assertThat(WaitSchedule.address(null, 0, 0, NO_DEADLINE)).isZero();
    assertThat(WaitSchedule.address(null, 1, 60, NO_DEADLINE)).isEqualTo(20);
    assertThat(WaitSchedule.address(null, 5, 1200, NO_DEADLINE)).isEqualTo(400);
  }

  @Test
  void address_learnedNode_looksAtHalfTheProbe_thenTheProbe_thenTheEnd_thenBlindlyFromTheEnd() {
    TaskDurations.Expectation loose = TaskDurations.expectation(200, 300);
    assertThat(WaitSchedule.address(loose, 0, 5, NO_DEADLINE)).isEqualTo(120);
    assertThat(WaitSchedule.address(loose, 1, 127, NO_DEADLINE)).isEqualTo(123);
    assertThat(WaitSchedule.address(loose, 2, 252, NO_DEADLINE)).isEqualTo(48);
    assertThat(WaitSchedule.address(loose, 3, 301, NO_DEADLINE)).isEqualTo(20);
    assertThat(WaitSchedule.address(loose, 6, 390, NO_DEADLINE)).isEqualTo(30);
  }

  @Test
  void address_fasterLeaseSeenEarly_startsTheLearnedIntervalOver() {
    // one slow lease taught 3 s; the next lease comes after 300 ms and shows at the early look,
    // so the node's estimate starts over from what that wait saw
    TaskDurations leases = new TaskDurations();
    leases.record("pve1", "dhcp on vmbr0", 2900, 3000);
    TaskDurations.Expectation slow = leases.expect("pve1", "dhcp on vmbr0");
    long early = WaitSchedule.address(slow, 0, 0, NO_DEADLINE);
    assertThat(early).isEqualTo(1500);
    leases.record("pve1", "dhcp on vmbr0", 0, early + 2);
    assertThat(leases.expect("pve1", "dhcp on vmbr0").endMs()).isEqualTo(1502);
  }

  @Test
  void address_neverSleepsPastTheDeadline() {
    TaskDurations.Expectation known = TaskDurations.expectation(2990, 3000);
    assertThat(WaitSchedule.address(known, 1, 100, 50)).isEqualTo(50);
  }

  @Test
  void health_nothingKnown_looksAtOnceThenBlindly() {
    assertThat(WaitSchedule.health(List.of(), true, 0, 10, 0, NO_DEADLINE)).isZero();
    assertThat(WaitSchedule.health(List.of(), true, 3, 700, 600, NO_DEADLINE)).isEqualTo(200);
    assertThat(WaitSchedule.health(List.of(check(5000, 0, 5000)), true, 1, 30, 20, NO_DEADLINE))
        .as("a pending service whose check is unknown makes the whole wait blind")
        .isEqualTo(20);
  }

  @Test
  void health_firstLookAtTheFirstCheckInstant() {
    ServiceHealthCheck hello = check(5000, 2000, 5000);
    assertThat(WaitSchedule.health(List.of(hello), false, 1, 40, 30, NO_DEADLINE)).isEqualTo(4960);
  }

  @Test
  void health_afterAnInstant_denseForASecondThenTheNextInstant() {
    // a check every 5 s from the start: looks at 5 s, then doubling pauses for a second, 10 s, ...
    assertThat(looks(List.of(check(5000, 0, 5000)), 10_000)).containsExactly(5000L, 5020L, 5040L,
        5080L, 5160L, 5320L, 5640L, 6280L, 10_000L, 10_020L);
  }

  @Test
  void health_denseWindowEndsAtTheCheckTimeout() {
    ServiceHealthCheck quick = new ServiceHealthCheck("web", Duration.ofSeconds(5),
        Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(5));
    assertThat(looks(List.of(quick), 5200)).containsExactly(5000L, 5020L, 5040L, 5080L, 5160L,
        10_000L);
  }

  @Test
  void health_startPeriod_checksEveryStartIntervalThenEveryInterval() {
    // start period 12 s, start interval 5 s: checks at 5, 10, 15 (the first at or after 12 s),
    // then every 30 s
    ServiceHealthCheck c = check(30_000, 12_000, 5000);
    assertThat(WaitSchedule.previousCheck(c, 5000)).isEqualTo(5000);
    assertThat(WaitSchedule.previousCheck(c, 14_999)).isEqualTo(10_000);
    assertThat(WaitSchedule.previousCheck(c, 15_000)).isEqualTo(15_000);
    assertThat(WaitSchedule.previousCheck(c, 44_999)).isEqualTo(15_000);
    assertThat(WaitSchedule.previousCheck(c, 45_000)).isEqualTo(45_000);
    assertThat(WaitSchedule.health(List.of(c), false, 9, 12_000, 12_000, NO_DEADLINE))
        .isEqualTo(3000);
    assertThat(WaitSchedule.health(List.of(c), false, 9, 20_000, 20_000, NO_DEADLINE))
        .isEqualTo(25_000);
  }

  @Test
  void health_severalServices_firstLookWhenTheSlowestCanPass_thenEveryServicesInstants() {
    ServiceHealthCheck db = new ServiceHealthCheck("db", Duration.ofSeconds(3),
        Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(5));
    ServiceHealthCheck web = check(10_000, 0, 5000);
    assertThat(WaitSchedule.health(List.of(db, web), false, 1, 0, 0, NO_DEADLINE))
        .isEqualTo(10_000);
    // at 11 s: web checked at 10 s (dense window over), db at 9 s; next instant is db's 12 s
    assertThat(WaitSchedule.health(List.of(db, web), false, 5, 11_000, 11_000, NO_DEADLINE))
        .isEqualTo(1000);
  }

  @Test
  void health_neverSleepsPastTheDeadline() {
    assertThat(WaitSchedule.health(List.of(check(30_000, 0, 5000)), false, 1, 0, 0, 700))
        .isEqualTo(700);
  }

  @Test
  void fromInspect_fillsDockerDefaults_andNoneMeansNoCheck() throws Exception {
    JsonNode hello = Json.mapper().readTree("{\"Test\":[\"CMD\",\"wget\"],\"Interval\":5000000000,"
        + "\"Timeout\":3000000000,\"StartPeriod\":2000000000,\"Retries\":3}");
    assertThat(ServiceHealthCheck.fromInspect("web", hello)).contains(new ServiceHealthCheck("web",
        Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    JsonNode bare = Json.mapper().readTree("{\"Test\":[\"CMD-SHELL\",\"true\"]}");
    ServiceHealthCheck defaults = ServiceHealthCheck.fromInspect("db", bare).orElseThrow();
    assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.firstCheck()).isEqualTo(Duration.ofSeconds(30));
    assertThat(ServiceHealthCheck.fromInspect("x", Json.mapper().readTree("{\"Test\":[\"NONE\"]}")))
        .isEmpty();
    assertThat(ServiceHealthCheck.fromInspect("x", Json.mapper().readTree("null"))).isEmpty();
  }
}
