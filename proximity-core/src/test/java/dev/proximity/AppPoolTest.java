package dev.proximity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.support.SimFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** New apps join the configured pool, else {@link Proximity#APP_POOL} once it exists. */
class AppPoolTest {

  @Test
  void withoutAConfiguredPool_newAppsJoinTheAppPoolOnceItExists() {
    try (SimFixture f = new SimFixture()) {
      App before = f.px.deploy("hello").named("before").onNode("pve1").start();
      assertThat(f.sim.pools()).isEmpty();
      assertThat(f.px.pool()).isEmpty();

      f.px.pve().pools().create(Proximity.APP_POOL, null); // as AUTO mode's delegated backups do
      App deployed = f.px.deploy("hello").named("deployed").onNode("pve1").start();
      App cloned = f.px.app("deployed").clone("cloned");
      Backup b = f.px.app("deployed").backup("");
      App restored = f.px.app("deployed").restoreAs(b.volid(), "restored");
      GoldenTemplate golden = f.px.templates().prepareGolden("pve2");
      App fromGolden = f.px.deploy("hello").named("golden-copy").onNode("pve2").start();

      assertThat(f.sim.pools().get(Proximity.APP_POOL)).containsExactlyInAnyOrderElementsOf(
          List.of(deployed.vmid(), cloned.vmid(), restored.vmid(), fromGolden.vmid()))
          .doesNotContain(before.vmid(), golden.vmid());
      assertThat(f.px.deploy("hello").plan().pool()).contains(Proximity.APP_POOL);
    }
  }

  @Test
  void aConfiguredPool_isJoinedInsteadOfTheAppPool() {
    try (SimFixture f = new SimFixture(b -> {}, p -> p.pool("team"))) {
      f.px.pve().pools().create("team", null);
      f.px.pve().pools().create(Proximity.APP_POOL, null);
      App app = f.px.deploy("hello").named("web").start();
      App cloned = f.px.app("web").clone("web-2");
      assertThat(f.px.pool()).contains("team");
      assertThat(f.sim.pools()).containsEntry("team", List.of(app.vmid(), cloned.vmid()))
          .containsEntry(Proximity.APP_POOL, List.of());
    }
  }
}
