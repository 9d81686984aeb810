package dev.proximity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.pve.model.Features;
import dev.proximity.pve.model.LxcCreateRequest;
import dev.proximity.pve.model.Net;
import dev.proximity.pve.model.RootFs;
import dev.proximity.pve.model.Tags;
import dev.proximity.support.SimFixture;
import dev.proximity.testkit.PveSimulatorBuilder;
import dev.proximity.testkit.RecordedRequest;
import dev.proximity.testkit.StorageSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code px.apps()}: one request, whatever the number of apps, and what the rows say. */
class ListingTest {
  private static final String SEED = "seed:vztmpl/" + PveSimulatorBuilder.DEFAULT_TEMPLATE;
  private static SimFixture f;
  private static App web;
  private static App api;

  @BeforeAll
  static void setUp() {
    // a template on a storage of its own, so containers can be made by hand beside the apps
    f = new SimFixture(b -> b.storage(StorageSpec.builder("seed").type("dir").content("vztmpl")
        .template(PveSimulatorBuilder.DEFAULT_TEMPLATE).build()), p -> {});
    web = f.px.deploy("hello").named("web").ownedBy("Alice@Example.com")
        .withResources(r -> r.cores(2).memoryMb(1024).diskGb(8)).start();
    api = f.px.deploy("hello").named("api").onNode("pve2").start();
    f.px.app("api").stop();
  }

  @AfterAll
  static void tearDown() {
    f.close();
  }

  private static List<AppSummary> listCountingRequests() {
    f.sim.clearRequests();
    List<AppSummary> apps = f.px.apps();
    List<RecordedRequest> sent = f.sim.requests();
    assertThat(sent).as("px.apps() requests").singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.path()).endsWith("/cluster/resources");
    });
    return apps;
  }

  private static void handMade(int vmid, String node, String hostname, Tags tags) {
    f.px.pve().node(node).createLxc(LxcCreateRequest.builder().vmid(vmid).ostemplate(SEED)
        .hostname(hostname).rootfs(RootFs.allocate("local-lvm", 2)).net(0, Net.dhcp("vmbr0"))
        .features(Features.nestingOnly()).memoryMiB(256).cores(1).tags(tags).build())
        .await(Duration.ofMinutes(1));
  }

  @Test
  void apps_isOneRequest_andShowsWhatWasDeployed() {
    List<AppSummary> apps = listCountingRequests();

    assertThat(apps).extracting(AppSummary::name).containsSubsequence("api", "web");
    AppSummary w = apps.stream().filter(a -> a.name().equals("web")).findFirst().orElseThrow();
    assertThat(w.vmid()).isEqualTo(web.vmid());
    assertThat(w.node()).isEqualTo(web.node());
    assertThat(w.status()).isEqualTo(AppStatus.RUNNING);
    assertThat(w.catalogId()).isEqualTo("hello");
    assertThat(w.version()).isEqualTo("1.0.0");
    assertThat(w.owner()).contains("Alice@Example.com");
    assertThat(w.usage().cores()).isEqualTo(2);
    assertThat(w.usage().maxMemoryBytes()).isEqualTo(1024L << 20);
    assertThat(w.usage().maxDiskBytes()).isEqualTo(8L << 30);

    AppSummary a = apps.stream().filter(s -> s.name().equals("api")).findFirst().orElseThrow();
    assertThat(a.node()).isEqualTo("pve2");
    assertThat(a.status()).isEqualTo(AppStatus.STOPPED);
    assertThat(a.owner()).isEmpty();
    assertThat(a.version()).isEqualTo("1.0.0");
    assertThat(a.usage().uptime()).isEqualTo(Duration.ZERO);

    // the full record agrees with the summary on everything both show
    App full = f.px.app("web").info();
    assertThat(full.manifest().owner()).isEqualTo(w.owner());
    assertThat(full.version()).isEqualTo(w.version());
    assertThat(full.catalogId()).isEqualTo(w.catalogId());
  }

  @Test
  void apps_staysOneRequest_asTheAppsMultiply_andToleratesForeignTags() {
    int before = listCountingRequests().size();
    handMade(900, "pve1", "byhand", Tags.of("proximity"));
    handMade(901, "pve2", "legacy", Tags.of("proximity", "hello"));
    handMade(902, "pve1", "tagged", Tags.of("proximity", "hello", "prod", "px-version-+zz"));
    handMade(903, "pve2", "notanapp", Tags.of("web"));
    for (int i = 0; i < 20; i++) {
      handMade(910 + i, i % 2 == 0 ? "pve1" : "pve2", "many-" + i, Tags.of("proximity"));
    }

    List<AppSummary> apps = listCountingRequests();

    assertThat(apps).hasSize(before + 23);
    assertThat(apps).extracting(AppSummary::name).doesNotContain("notanapp").isSorted();
    AppSummary byHand = find(apps, "byhand");
    assertThat(byHand.catalogId()).isEqualTo("unknown");
    assertThat(byHand.version()).isEqualTo("unknown");
    assertThat(byHand.owner()).isEmpty();
    assertThat(byHand.status()).isEqualTo(AppStatus.STOPPED);
    AppSummary legacy = find(apps, "legacy");
    assertThat(legacy.catalogId()).isEqualTo("hello");
    assertThat(legacy.version()).isEqualTo("unknown");
    AppSummary tagged = find(apps, "tagged");
    assertThat(tagged.catalogId()).as("'hello' or 'prod'? not guessed").isEqualTo("unknown");
    assertThat(tagged.version()).as("a broken encoding").isEqualTo("unknown");
  }

  private static AppSummary find(List<AppSummary> apps, String name) {
    Optional<AppSummary> s = apps.stream().filter(a -> a.name().equals(name)).findFirst();
    assertThat(s).as(name).isPresent();
    return s.get();
  }
}
