package dev.proximity.examples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.examples.benchmarks.CriticalPath.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CriticalPathTest {
  /** Distinct powers of two, so each sum names exactly the steps it counted. */
  private static final DeployLatencies L = new DeployLatencies(s(1), s(2), s(4), s(8), s(16),
      s(32), s(64), s(128), s(256), s(512), s(1024));

  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  @Test
  void fresh_oneDeploy_isTheWholeChain_withoutCloneStopOrTemplate() {
    // download 1 + create 2 + start 8 + dhcp 16 + install 32 + pull 64 + up 128 + healthy 256
    assertThat(CriticalPath.lowerBound(L, Path.FRESH, 1, 3, 1)).isEqualTo(s(507));
  }

  @Test
  void fresh_doesNotGrowWithDeploys_nothingIsSerialisedPerNode() {
    assertThat(CriticalPath.lowerBound(L, Path.FRESH, 50, 3, 1))
        .isEqualTo(CriticalPath.lowerBound(L, Path.FRESH, 1, 3, 1));
  }

  @Test
  void golden_oneDeploy_isOneCloneThenTheTail_withoutDownloadCreateOrInstall() {
    // clone 4 + start 8 + dhcp 16 + pull 64 + up 128 + healthy 256
    assertThat(CriticalPath.lowerBound(L, Path.GOLDEN, 1, 3, 1)).isEqualTo(s(476));
  }

  @Test
  void golden_clonesOfOneTemplateQueue_theBusiestNodeTakesTheCeilingShare() {
    Duration tail = s(476 - 4);
    assertThat(CriticalPath.lowerBound(L, Path.GOLDEN, 3, 3, 1)).isEqualTo(s(4).plus(tail));
    assertThat(CriticalPath.lowerBound(L, Path.GOLDEN, 4, 3, 1)).isEqualTo(s(8).plus(tail));
    assertThat(CriticalPath.lowerBound(L, Path.GOLDEN, 10, 3, 1)).isEqualTo(s(16).plus(tail));
    assertThat(CriticalPath.lowerBound(L, Path.GOLDEN, 50, 3, 1)).isEqualTo(s(68).plus(tail));
    assertThat(CriticalPath.lowerBound(L, Path.GOLDEN, 50, 1, 1)).isEqualTo(s(200).plus(tail));
  }

  @Test
  void images_eachMissingImageIsPulled_noneMeansNoPull() {
    assertThat(CriticalPath.lowerBound(L, Path.GOLDEN, 1, 1, 2)).isEqualTo(s(476 + 64));
    assertThat(CriticalPath.lowerBound(L, Path.GOLDEN, 1, 1, 0)).isEqualTo(s(476 - 64));
  }

  @Test
  void realistic_goldenIsAboutASeventhOfFresh_forOneDeploy() {
    DeployLatencies r = DeployLatencies.realistic();
    assertThat(CriticalPath.lowerBound(r, Path.FRESH, 1, 3, 1)).isEqualTo(s(132));
    assertThat(CriticalPath.lowerBound(r, Path.GOLDEN, 1, 3, 1)).isEqualTo(s(19));
    assertThat(CriticalPath.lowerBound(r, Path.GOLDEN, 50, 3, 1)).isEqualTo(s(51));
  }

  @Test
  void invalidCounts_areRefused() {
    assertThatThrownBy(() -> CriticalPath.lowerBound(L, Path.FRESH, 0, 3, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deploys >= 1");
  }
}
