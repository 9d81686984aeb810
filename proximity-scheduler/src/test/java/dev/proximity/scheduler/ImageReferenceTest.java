package dev.proximity.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

  @Test
  void parse_officialImage_defaultsToDockerHubLibraryLatest() {
    ImageReference r = ImageReference.parse("nginx");
    assertThat(r).isEqualTo(new ImageReference("docker.io", "library/nginx", "latest", ""));
    assertThat(r.toString()).isEqualTo("docker.io/library/nginx:latest");
  }

  @Test
  void parse_userImageWithTag_staysOnDockerHub() {
    assertThat(ImageReference.parse("louislam/uptime-kuma:1.23"))
        .isEqualTo(new ImageReference("docker.io", "louislam/uptime-kuma", "1.23", ""));
    assertThat(ImageReference.parse("docker.io/library/redis:7.2-alpine").repository())
        .isEqualTo("library/redis");
    assertThat(ImageReference.parse("index.docker.io/library/redis:7").registry())
        .isEqualTo("docker.io");
  }

  @Test
  void parse_ghcrAndRegistryWithPort() {
    assertThat(ImageReference.parse("ghcr.io/home-assistant/home-assistant:2024.6"))
        .isEqualTo(new ImageReference("ghcr.io", "home-assistant/home-assistant", "2024.6", ""));
    ImageReference r = ImageReference.parse("registry.example.com:5000/team/app");
    assertThat(r).isEqualTo(new ImageReference("registry.example.com:5000", "team/app", "latest",
        ""));
    assertThat(ImageReference.parse("localhost/app:dev").registry()).isEqualTo("localhost");
  }

  @Test
  void parse_digest_withAndWithoutTag() {
    String d = "sha256:" + "a".repeat(64);
    ImageReference pinned = ImageReference.parse("nginx@" + d);
    assertThat(pinned.tag()).isEmpty();
    assertThat(pinned.digest()).isEqualTo(d);
    assertThat(pinned.hasDigest()).isTrue();
    assertThat(pinned.manifestReference()).isEqualTo(d);
    ImageReference both = ImageReference.parse("localhost:5000/app:1.0@" + d);
    assertThat(both.tag()).isEqualTo("1.0");
    assertThat(both.manifestReference()).isEqualTo("1.0");
    assertThat(both.withTag("1.1").toString()).isEqualTo("localhost:5000/app:1.1");
  }

  @Test
  void parse_malformed_isRefused() {
    assertThatThrownBy(() -> ImageReference.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImageReference.parse("nginx:bad tag"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImageReference.parse("ghcr.io/Owner/App"))
        .hasMessageContaining("invalid repository");
    assertThatThrownBy(() -> ImageReference.parse("nginx@sha256:short"))
        .hasMessageContaining("invalid digest");
  }
}
