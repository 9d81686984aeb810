package dev.proximity.scheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.ServerSocket;
import java.net.URI;
import dev.proximity.InvalidRequestException;
import dev.proximity.RunningImage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpdateCheckerTest {
  private static final String D1 = "sha256:" + "a".repeat(64);
  private static final String D2 = "sha256:" + "b".repeat(64);

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

  /** What each app's services run, as AppHandle.runningImages() would read it. */
  private final Map<String, List<RunningImage>> running = new HashMap<>();

  private UpdateChecker checker(RegistryClient registryClient) {
    return UpdateChecker.builder(catalog).registry(registryClient, app -> {
      List<RunningImage> r = running.get(app.name());
      if (r == null) {
        throw new InvalidRequestException(InvalidRequestException.Reason.APP_STOPPED,
            app.name() + " is stopped: start it to read its images");
      }
      return r;
    }).build();
  }

  private static RunningImage whoami(String state, String digest) {
    return new RunningImage("web", state, "registry.test/traefik/whoami:v1.10", "sha256:" + "c".repeat(64),
        digest == null ? List.of() : List.of("registry.test/traefik/whoami@" + digest));
  }

  @Test
  void check_comparesTheDigestTheServiceRuns_withTheRegistry() {
    digest("/v2/traefik/whoami/manifests/v1.10", D2);
    running.put("same", List.of(whoami("running", D2)));
    running.put("newer", List.of(whoami("running", D1)));
    running.put("built", List.of(whoami("running", null)));
    UpdateChecker checker = checker(client);

    AppUpdate same = checker.check(FakeCatalog.app("same", 101, "whoami", "1.0"));
    assertThat(same.images()).singleElement().satisfies(c -> {
      assertThat(c.service()).isEqualTo("web");
      assertThat(c.status()).isEqualTo(DigestCheck.Status.UP_TO_DATE);
      assertThat(c.knownDigest()).isEqualTo(D2);
    });
    assertThat(same.updateAvailable()).isFalse();

    AppUpdate newer = checker.check(FakeCatalog.app("newer", 102, "whoami", "1.0"));
    assertThat(newer.newVersionAvailable()).isFalse();
    assertThat(newer.newerImages()).singleElement().satisfies(c -> {
      assertThat(c.service()).isEqualTo("web");
      assertThat(c.knownDigest()).isEqualTo(D1);
      assertThat(c.registryDigest()).isEqualTo(D2);
    });
    assertThat(newer.updateAvailable()).isTrue();

    AppUpdate built = checker.check(FakeCatalog.app("built", 103, "whoami", "1.0"));
    assertThat(built.images()).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(DigestCheck.Status.UNKNOWN);
      assertThat(c.message()).contains("no registry digest");
    });
  }

  @Test
  void check_serviceNotRunning_orAppStopped_isReportedWithoutAsking() {
    running.put("exited", List.of(whoami("exited", D1)));
    UpdateChecker checker = checker(client);

    AppUpdate exited = checker.check(FakeCatalog.app("exited", 101, "whoami", "1.0"));
    assertThat(exited.images()).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(DigestCheck.Status.NOT_RUNNING);
      assertThat(c.message()).contains("service web is exited");
    });
    AppUpdate stopped = checker.check(FakeCatalog.app("stopped", 102, "whoami", "1.0"));
    assertThat(stopped.images()).isEmpty();
    assertThat(stopped.problem()).contains("images stopped runs could not be read").contains("is stopped");
    assertThat(registry.getAllServeEvents()).isEmpty();
  }

  @Test
  void check_unreachableRegistry_isReportedNotFatal() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (RegistryClient offline = RegistryClient.builder()
        .endpoint("registry.test", URI.create("http://127.0.0.1:" + closed)).build()) {
      running.put("whoami-1", List.of(whoami("running", D1)));
      running.put("kuma-1", List.of()); // no containers: nothing to ask the registry
      running.put("gone-1", List.of());
      UpdateChecker checker = checker(offline);
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
