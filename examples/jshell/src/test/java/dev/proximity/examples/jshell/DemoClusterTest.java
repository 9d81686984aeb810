package dev.proximity.examples.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.ProgressEvent;
import dev.proximity.Proximity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoClusterTest {
  @Test
  void demoCluster_deploysAndListsApps() {
    try (DemoCluster demo = DemoCluster.start()) {
      Proximity px = demo.proximity();
      List<ProgressEvent> events = new ArrayList<>();

      App app = px.deploy("hello").named("t").onProgress(events::add).start();

      assertThat(app.name()).isEqualTo("t");
      assertThat(px.apps()).extracting(App::name).containsExactly("t");
      assertThat(events).isNotEmpty();
      assertThat(DemoCluster.describe(events.get(events.size() - 1))).startsWith("[100%] done");
      assertThat(demo.pve().containers()).hasSize(1);
    }
  }
}
