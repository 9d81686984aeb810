package dev.proximity.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.AppSummary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoClusterTest {

  @Test
  void start_deploysThroughTheRealSdk() {
    try (DemoCluster demo = DemoCluster.builder().timeScale(0.0005).start()) {
      App app = demo.proximity().deploy("hello").named("web").start();

      assertThat(app.name()).isEqualTo("web");
      assertThat(demo.proximity().apps()).extracting(AppSummary::name).containsExactly("web");
      assertThat(demo.ssh().containerCommands()).isNotEmpty();
      assertThat(demo.toString()).doesNotContain("password");
    }
  }

  @Test
  void stateFile_keepsAppsBetweenRuns_andResetForgetsThem(@TempDir Path dir) {
    Path state = dir.resolve("demo/state.json");
    try (DemoCluster demo = DemoCluster.builder().timeScale(0.0005).stateFile(state).start()) {
      demo.proximity().deploy("hello").named("kept").start();
    }

    try (DemoCluster again = DemoCluster.builder().timeScale(0.0005).stateFile(state).start()) {
      assertThat(again.proximity().apps()).extracting(AppSummary::name).containsExactly("kept");
    }
    try (DemoCluster fresh = DemoCluster.builder().timeScale(0.0005).stateFile(state).reset(true).start()) {
      assertThat(fresh.proximity().apps()).isEmpty();
    }
  }
}
