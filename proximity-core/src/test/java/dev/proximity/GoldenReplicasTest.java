package dev.proximity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.internal.deploy.ContainerContract;
import dev.proximity.support.SimFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GoldenReplicasTest {
  private SimFixture f;

  @BeforeEach
  void setUp() {
    f = new SimFixture();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  /** The golden template a linked clone's root disk is based on, from its rootfs volume. */
  private int baseOf(App app) {
    String rootfs = f.sim.container(app.vmid()).orElseThrow().config().get("rootfs");
    int i = rootfs.indexOf("base-") + "base-".length();
    return Integer.parseInt(rootfs.substring(i, rootfs.indexOf('-', i)));
  }

  /** Docker installs run so far, from the commands the fake shells received. */
  private long installs() {
    return f.shells.received.stream()
        .filter(argv -> argv.equals(ContainerContract.INSTALL_DOCKER))
        .count();
  }

  @Test
  void prepareGolden_withReplicas_isIdempotent_andCopiesAreTemplatesOfTheSameSet() {
    List<GoldenTemplate> replicas = f.px.templates().prepareGolden("pve1", 3);
    assertThat(replicas).hasSize(3).extracting(GoldenTemplate::node).containsOnly("pve1");
    assertThat(replicas).extracting(GoldenTemplate::baseTemplate).doesNotContain("")
        .containsOnly(replicas.get(0).baseTemplate());
    for (GoldenTemplate g : replicas) {
      assertThat(f.sim.container(g.vmid()).orElseThrow().template()).isTrue();
      assertThat(f.sim.container(g.vmid()).orElseThrow().config().get("tags"))
          .contains("proximity-golden");
    }
    // the replicas are copies: Docker was installed once, in the first one
    long installs = installs();
    assertThat(installs).isEqualTo(1);

    assertThat(f.px.templates().prepareGolden("pve1", 3)).isEqualTo(replicas);
    assertThat(f.px.templates().list()).containsExactlyElementsOf(replicas);
    assertThat(f.px.templates().golden("pve1")).contains(replicas.get(0));

    // fewer replicas: the extras go, the first ones stay
    assertThat(f.px.templates().prepareGolden("pve1", 2)).isEqualTo(replicas.subList(0, 2));
    assertThat(f.sim.container(replicas.get(2).vmid())).isEmpty();
    // more again: one copy added, nothing rebuilt
    List<GoldenTemplate> again = f.px.templates().prepareGolden("pve1", 3);
    assertThat(again).hasSize(3).startsWith(replicas.get(0), replicas.get(1));
    assertThat(installs()).isEqualTo(installs);

    assertThatThrownBy(() -> f.px.templates().prepareGolden("pve1", 0))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("replicas on 'pve1'");
    assertThatThrownBy(() -> f.px.templates().prepareGolden("nope", 2))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("nope");
  }

  @Test
  void concurrentDeploys_cloneFromDistinctReplicas() {
    List<GoldenTemplate> replicas = f.px.templates().prepareGolden("pve1", 3);
    List<CompletableFuture<App>> deploys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      deploys.add(f.px.deploy("hello").named("r" + i).onNode("pve1").startAsync());
    }
    Set<Integer> bases = deploys.stream().map(CompletableFuture::join).map(this::baseOf)
        .collect(Collectors.toSet());
    assertThat(bases).containsExactlyInAnyOrderElementsOf(
        replicas.stream().map(GoldenTemplate::vmid).toList());
  }

  @Test
  void concurrentPrepares_ofOneNode_makeTheAskedNumberOnce() {
    CompletableFuture<List<GoldenTemplate>> a =
        CompletableFuture.supplyAsync(() -> f.px.templates().prepareGolden("pve1", 3));
    CompletableFuture<List<GoldenTemplate>> b =
        CompletableFuture.supplyAsync(() -> f.px.templates().prepareGolden("pve1", 3));
    assertThat(a.join()).isEqualTo(b.join()).hasSize(3);
    assertThat(f.px.templates().list()).containsExactlyElementsOf(a.join());
  }

  @Test
  void oneReplica_deploysStillCloneIt() {
    List<GoldenTemplate> one = f.px.templates().prepareGolden("pve1", 1);
    assertThat(one).hasSize(1);
    App a = f.px.deploy("hello").named("a").onNode("pve1").start();
    App b = f.px.deploy("hello").named("b").onNode("pve1").start();
    assertThat(baseOf(a)).isEqualTo(one.get(0).vmid());
    assertThat(baseOf(b)).isEqualTo(one.get(0).vmid());
  }

  @Test
  void refresh_replacesEveryReplica_keepingTheirNumber_andSparesOnesInUse() {
    List<GoldenTemplate> old = f.px.templates().prepareGolden("pve1", 2);
    App app = f.px.deploy("hello").named("uses-old").onNode("pve1").start();
    int inUse = baseOf(app);

    GoldenTemplate fresh = f.px.templates().prepareGolden("pve1");
    List<GoldenTemplate> now = f.px.templates().prepareGolden("pve1", 2);
    assertThat(now).hasSize(2).contains(fresh).doesNotContainAnyElementsOf(old);
    // the replica under the linked clone stays, out of service; the other one is gone
    for (GoldenTemplate g : old) {
      assertThat(f.sim.container(g.vmid()).isPresent()).isEqualTo(g.vmid() == inUse);
    }
    App next = f.px.deploy("hello").named("uses-new").onNode("pve1").start();
    assertThat(now).extracting(GoldenTemplate::vmid).contains(baseOf(next));
  }
}
