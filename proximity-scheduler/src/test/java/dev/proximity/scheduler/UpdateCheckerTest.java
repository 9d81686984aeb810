package dev.proximity.scheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateCheckerTest {
  private static final String D1 = "sha256:" + "a".repeat(64);
  private static final String D2 = "sha256:" + "b".repeat(64);

  @TempDir Path dir;
  private WireMockServer registry;
  private RegistryClient client;
  private final FakeCatalog catalog = new FakeCatalog()
      .put("whoami", "1.0", "registry.test/traefik/whoami:v1.10")
      .put("kuma", "2.0", "registry.test/louislam/uptime-kuma:2");

  @BeforeEach
  void start() {
    registry = new WireMockServer(options().dynamicPort());
    registry.start();
    client = RegistryClient.builder().endpoint("registry.test", URI.create(registry.baseUrl()))
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    registry.stop();
  }

  private void digest(String path, String digest) {
    registry.stubFor(head(urlPathEqualTo(path))
        .willReturn(aResponse().withHeader("Docker-Content-Digest", digest)));
  }

  @Test
  void check_newCatalogVersion_isAnUpdate() {
    UpdateChecker checker = UpdateChecker.builder(catalog).build();
    AppUpdate u = checker.check(FakeCatalog.app("kuma-1", 105, "kuma", "1.9"));
    assertThat(u.newVersionAvailable()).isTrue();
    assertThat(u.catalogVersion()).isEqualTo("2.0");
    assertThat(u.updateAvailable()).isTrue();
    assertThat(checker.check(FakeCatalog.app("kuma-2", 106, "kuma", "2.0")).updateAvailable())
        .isFalse();
  }

  @Test
  void check_sameThenNewerDigest_isReportedAcrossRestarts() {
    Path baseline = dir.resolve("digests.json");
    digest("/v2/traefik/whoami/manifests/v1.10", D1);
    UpdateChecker first = UpdateChecker.builder(catalog).registry(client).baselineFile(baseline)
        .build();
    var app = FakeCatalog.app("whoami-1", 101, "whoami", "1.0");

    assertThat(first.check(app).images()).singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(DigestCheck.Status.UNKNOWN));
    assertThat(first.check(app).images()).singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(DigestCheck.Status.UP_TO_DATE));

    digest("/v2/traefik/whoami/manifests/v1.10", D2);
    UpdateChecker restarted = UpdateChecker.builder(catalog).registry(client)
        .baselineFile(baseline).build();
    AppUpdate u = restarted.check(app);
    assertThat(u.newVersionAvailable()).isFalse();
    assertThat(u.newerImages()).singleElement().satisfies(c -> {
      assertThat(c.knownDigest()).isEqualTo(D1);
      assertThat(c.registryDigest()).isEqualTo(D2);
    });
    assertThat(u.updateAvailable()).isTrue();

    restarted.forget("whoami-1");
    assertThat(restarted.check(app).images().get(0).status())
        .isEqualTo(DigestCheck.Status.UNKNOWN);
  }

  @Test
  void check_unreachableRegistry_isReportedNotFatal() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (RegistryClient offline = RegistryClient.builder()
        .endpoint("registry.test", URI.create("http://127.0.0.1:" + closed)).build()) {
      UpdateChecker checker = UpdateChecker.builder(catalog).registry(offline).build();
      UpdateReport report = checker.check(List.of(
          FakeCatalog.app("whoami-1", 101, "whoami", "1.0"),
          FakeCatalog.app("kuma-1", 102, "kuma", "1.0"),
          FakeCatalog.app("gone-1", 103, "gone", "1.0")));
      assertThat(report.apps()).hasSize(3);
      assertThat(report.updatesAvailable()).extracting(AppUpdate::app).containsExactly("kuma-1");
      assertThat(report.incomplete()).extracting(AppUpdate::app)
          .containsExactly("whoami-1", "gone-1");
      assertThat(report.apps().get(0).images().get(0).message()).contains("cannot reach");
      assertThat(report.apps().get(2).problem()).contains("no entry 'gone'");
    }
  }
}
