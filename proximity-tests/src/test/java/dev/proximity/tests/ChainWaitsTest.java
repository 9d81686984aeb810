package dev.proximity.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.testkit.ssh.GuestTimings;
import dev.proximity.testkit.ssh.RecordedCommand;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The waits on a deploy's chain look when their condition can have come true: health right after
 * the app's first health check, the IPv4 address at the moment learned from earlier starts on the
 * node. Counted in looks (SSH commands and API requests the simulators record), never in time.
 */
class ChainWaitsTest {

  private static long count(List<RecordedCommand> commands, int vmid, String... words) {
    return commands.stream()
        .filter(c -> c.argv().containsAll(List.of("pct", "exec", Integer.toString(vmid))))
        .filter(c -> c.containerArgv().containsAll(List.of(words)))
        .count();
  }

  @Test
  void deploy_healthStepEndsAtTheFirstHealthCheck_inTwoLooks() {
    // hello's check: every 5 s with a start period, so first after Docker's 5 s start interval;
    // at this scale 1 s, where the blind schedule (a third of the wait) needs about 13 looks
    try (Cluster c = new Cluster(List.of("pve1"), b -> {},
        s -> s.timings(GuestTimings.INSTANT, 0.2), p -> {}, before -> {})) {
      App app = c.px.deploy("hello").start();

      List<RecordedCommand> commands = c.ssh.commands();
      // one look at once (starting), one at the check instant (healthy)
      assertThat(count(commands, app.vmid(), "docker", "compose", "ps")).isEqualTo(2);
      assertThat(count(commands, app.vmid(), "docker", "container", "inspect")).isEqualTo(1);
    }
  }

  @Test
  void deploy_secondOnANode_looksForTheAddressWhereTheFirstFoundIt() {
    // the lease comes 1 s (real) after the start; the first deploy looks blindly, every third of
    // the time waited: at least 10 looks, however late a new client notices its first start
    try (Cluster c = new Cluster(List.of("pve1"), b -> b.dhcpDelay(Duration.ofSeconds(5000)),
        p -> {})) {
      App first = c.px.deploy("hello").named("first").start();
      App second = c.px.deploy("hello").named("second").start();

      long firstLooks = interfaceReads(c, first.vmid());
      long secondLooks = interfaceReads(c, second.vmid());
      assertThat(firstLooks).isGreaterThanOrEqualTo(10);
      // a look at half the learned moment, at most one in the middle of what the first wait
      // learned, then its end; the second start is seen sooner after it ended (its kind is
      // learned by then), so its lease can come a little after that end: a few looks follow it
      assertThat(secondLooks).isBetween(2L, 6L);
    }
  }

  private static long interfaceReads(Cluster c, int vmid) {
    return c.pve.requests().stream()
        .filter(r -> r.method().equals("GET") && r.path().endsWith("/lxc/" + vmid + "/interfaces"))
        .count();
  }
}
