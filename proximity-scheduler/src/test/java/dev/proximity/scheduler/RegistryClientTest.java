package dev.proximity.scheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryClientTest {
  private static final String OLD = "sha256:" + "1".repeat(64);
  private static final String NEW = "sha256:" + "2".repeat(64);
  private static final String MANIFEST = "/v2/library/nginx/manifests/1.27";

  private WireMockServer registry;
  private RegistryClient client;

  @BeforeEach
  void start() {
    registry = new WireMockServer(options().dynamicPort());
    registry.start();
    client = RegistryClient.builder()
        .endpoint("docker.io", URI.create(registry.baseUrl()))
        .requestTimeout(Duration.ofSeconds(5))
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    registry.stop();
  }

  private void stubTokenFlow(String token) {
    registry.stubFor(head(urlPathEqualTo(MANIFEST)).withHeader("Authorization", absent())
        .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate",
            "Bearer realm=\"" + registry.baseUrl() + "/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/nginx:pull\"")));
    registry.stubFor(get(urlPathEqualTo("/token"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"token\":\"" + token + "\",\"expires_in\":300}")));
    registry.stubFor(head(urlPathEqualTo(MANIFEST))
        .withHeader("Authorization", equalTo("Bearer " + token))
        .willReturn(aResponse().withHeader("Docker-Content-Digest", NEW)));
  }

  @Test
  void digest_tokenFlow_fetchesTokenOnceAndRetries() {
    stubTokenFlow("s3cr3t-token");
    ImageReference nginx = ImageReference.parse("nginx:1.27");

    assertThat(client.digest(nginx)).isEqualTo(NEW);
    assertThat(client.digest(nginx)).isEqualTo(NEW);

    registry.verify(1, getRequestedFor(urlPathEqualTo("/token"))
        .withQueryParam("service", equalTo("registry.docker.io"))
        .withQueryParam("scope", equalTo("repository:library/nginx:pull"))
        .withHeader("Authorization", absent()));
    registry.verify(1, headRequestedFor(urlPathEqualTo(MANIFEST))
        .withHeader("Authorization", absent()));
    registry.verify(2, headRequestedFor(urlPathEqualTo(MANIFEST))
        .withHeader("Authorization", equalTo("Bearer s3cr3t-token"))
        .withHeader("Accept", containing("application/vnd.docker.distribution.manifest.list.v2+json"))
        .withHeader("Accept", containing("application/vnd.oci.image.index.v1+json"))
        .withHeader("Accept", containing("application/vnd.docker.distribution.manifest.v2+json")));
  }

  @Test
  void digest_withCredentials_sendsBasicAuthToTheTokenServiceOnly() {
    stubTokenFlow("tok");
    try (RegistryClient authed = RegistryClient.builder()
        .endpoint("docker.io", URI.create(registry.baseUrl()))
        .credentials("docker.io", new RegistryCredentials("alice", "pat-123")).build()) {
      assertThat(authed.digest(ImageReference.parse("nginx:1.27"))).isEqualTo(NEW);
    }
    registry.verify(getRequestedFor(urlPathEqualTo("/token"))
        .withHeader("Authorization", equalTo("Basic YWxpY2U6cGF0LTEyMw==")));
    assertThat(new RegistryCredentials("alice", "pat-123").toString()).doesNotContain("pat-123");
  }

  @Test
  void check_newerDigest_isReportedAsNewer() {
    stubTokenFlow("tok");
    DigestCheck check = client.check(ImageReference.parse("nginx:1.27"), OLD);
    assertThat(check.status()).isEqualTo(DigestCheck.Status.NEWER);
    assertThat(check.isNewer()).isTrue();
    assertThat(check.latestDigest()).contains(NEW);
  }

  @Test
  void check_sameDigest_isUpToDate() {
    stubTokenFlow("tok");
    DigestCheck check = client.check(ImageReference.parse("nginx:1.27"), NEW);
    assertThat(check.status()).isEqualTo(DigestCheck.Status.UP_TO_DATE);
    assertThat(client.check(ImageReference.parse("nginx:1.27"), "").status())
        .isEqualTo(DigestCheck.Status.UNKNOWN);
  }

  @Test
  void check_unreachableRegistry_isReportedNotThrown() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (RegistryClient offline = RegistryClient.builder()
        .endpoint("ghcr.io", URI.create("http://127.0.0.1:" + closedPort))
        .connectTimeout(Duration.ofSeconds(2)).build()) {
      DigestCheck check = offline.check(ImageReference.parse("ghcr.io/owner/app:1"), OLD);
      assertThat(check.status()).isEqualTo(DigestCheck.Status.FAILED);
      assertThat(check.message()).contains("cannot reach", "ghcr.io/owner/app:1");
      assertThatThrownBy(() -> offline.digest(ImageReference.parse("ghcr.io/owner/app:1")))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.isUnreachable()).isTrue());
    }
  }

  @Test
  void digest_unknownTag_isNotFound() {
    registry.stubFor(head(urlPathEqualTo("/v2/library/nginx/manifests/9.9"))
        .willReturn(aResponse().withStatus(404)));
    assertThatThrownBy(() -> client.digest(ImageReference.parse("nginx:9.9")))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.isNotFound()).isTrue();
          assertThat(e.getMessage()).contains("does not know this image");
        });
  }

  @Test
  void digest_rejectedToken_failsWithoutLeakingIt() {
    registry.stubFor(head(urlPathEqualTo(MANIFEST))
        .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate",
            "Bearer realm=\"" + registry.baseUrl() + "/token\",service=\"r\"")));
    registry.stubFor(get(urlPathEqualTo("/token"))
        .willReturn(aResponse().withBody("{\"access_token\":\"leaky-token\"}")));
    assertThatThrownBy(() -> client.digest(ImageReference.parse("nginx:1.27")))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.isAuth()).isTrue();
          assertThat(e.getMessage()).doesNotContain("leaky-token");
        });
    registry.verify(getRequestedFor(urlPathEqualTo("/token"))
        .withQueryParam("scope", equalTo("repository:library/nginx:pull")));
  }

  @Test
  void digest_withoutDigestHeader_hashesTheManifest() throws Exception {
    String body = "{\"schemaVersion\":2}";
    registry.stubFor(head(urlPathEqualTo(MANIFEST)).willReturn(aResponse().withStatus(200)));
    registry.stubFor(get(urlPathEqualTo(MANIFEST)).willReturn(aResponse().withBody(body)));
    String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(client.digest(ImageReference.parse("nginx:1.27"))).isEqualTo(expected);
  }

  @Test
  void digest_basicChallenge_usesCredentials() {
    registry.stubFor(head(urlPathEqualTo("/v2/team/app/manifests/1"))
        .withHeader("Authorization", absent())
        .willReturn(aResponse().withStatus(401)
            .withHeader("WWW-Authenticate", "Basic realm=\"Registry\"")));
    registry.stubFor(head(urlPathEqualTo("/v2/team/app/manifests/1"))
        .withHeader("Authorization", equalTo("Basic Ym9iOnB3"))
        .willReturn(aResponse().withHeader("Docker-Content-Digest", OLD)));
    try (RegistryClient c = RegistryClient.builder()
        .endpoint("registry.local:5000", URI.create(registry.baseUrl()))
        .credentials("registry.local:5000", new RegistryCredentials("bob", "pw")).build()) {
      assertThat(c.digest(ImageReference.parse("registry.local:5000/team/app:1"))).isEqualTo(OLD);
    }
    try (RegistryClient anonymous = RegistryClient.builder()
        .endpoint("registry.local:5000", URI.create(registry.baseUrl())).build()) {
      assertThatThrownBy(() -> anonymous.digest(
          ImageReference.parse("registry.local:5000/team/app:1")))
          .hasMessageContaining("configure RegistryCredentials");
    }
  }
}
