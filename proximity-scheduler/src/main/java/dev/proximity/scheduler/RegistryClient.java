package dev.proximity.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.scheduler.internal.AuthChallenge;
import dev.proximity.scheduler.internal.DaemonThreads;
import dev.proximity.scheduler.internal.SchedulerJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads image digests from container registries with the Docker Registry HTTP API v2, to tell
 * whether a tag was pushed again since an app was deployed.
 *
 * <p>It asks for the manifest with {@code HEAD} (which Docker Hub does not count against the pull
 * limit), accepting Docker and OCI manifests and indexes, and reads {@code Docker-Content-Digest};
 * when a registry omits the header it falls back to {@code GET} and hashes the manifest. On a 401 it
 * follows the registry's {@code WWW-Authenticate} challenge as Docker does: for {@code Bearer} it
 * fetches a token from the named realm (anonymously, or with {@link RegistryCredentials} for that
 * registry), caches it until it expires and retries; for {@code Basic} it retries with the
 * credentials. Tokens and secrets never reach a log line or an exception message.
 *
 * <pre>{@code
 * try (RegistryClient registry = RegistryClient.create()) {
 *   DigestCheck check = registry.check(ImageReference.parse("nginx:1.27"), deployedDigest);
 *   if (check.isNewer()) { ... }
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} releases the HTTP threads the client created.
 */
public final class RegistryClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RegistryClient.class);

  /** The manifest media types asked for, lists and indexes first (a multi-arch tag's digest). */
  static final String ACCEPT = String.join(", ",
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.docker.distribution.manifest.v2+json",
      "application/vnd.oci.image.manifest.v1+json");
  private static final Duration TOKEN_MARGIN = Duration.ofSeconds(10);

  private final HttpClient http;
  private final ExecutorService ownedExecutor;
  private final Duration requestTimeout;
  private final Map<String, URI> endpoints;
  private final Map<String, RegistryCredentials> credentials;
  private final Clock clock;
  private final Map<String, CachedAuth> authCache = new ConcurrentHashMap<>();

  private record CachedAuth(String header, Instant expires) {}

  private RegistryClient(Builder b) {
    this.requestTimeout = b.requestTimeout;
    this.endpoints = Map.copyOf(b.endpoints);
    this.credentials = Map.copyOf(b.credentials);
    this.clock = b.clock;
    if (b.httpClient != null) {
      this.http = b.httpClient;
      this.ownedExecutor = null;
    } else {
      this.ownedExecutor = Executors.newCachedThreadPool(
          DaemonThreads.named("proximity-registry-http"));
      this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
          .followRedirects(HttpClient.Redirect.NORMAL).executor(ownedExecutor).build();
    }
  }

  /**
   * Creates a client with the defaults: anonymous access, HTTPS to each registry.
   *
   * @return a new client
   */
  public static RegistryClient create() {
    return builder().build();
  }

  /**
   * Starts configuring a client.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the digest the registry reports now for the image's tag (or digest).
   *
   * @param image the image
   * @return the digest, such as {@code sha256:4f6c...}
   * @throws RegistryException if the registry is unreachable, refuses access, does not know the
   *     image or limits the rate
   */
  public String digest(ImageReference image) {
    Objects.requireNonNull(image, "image");
    URI uri = URI.create(base(image.registry()) + "/v2/" + image.repository() + "/manifests/"
        + image.manifestReference());
    HttpResponse<byte[]> head = exchange(image, uri, "HEAD");
    String digest = head.headers().firstValue("Docker-Content-Digest").orElse("");
    if (digest.isEmpty()) {
      HttpResponse<byte[]> get = exchange(image, uri, "GET");
      digest = get.headers().firstValue("Docker-Content-Digest").orElseGet(() -> sha256(get.body()));
    }
    log.debug("registry {}: {} has digest {}", image.registry(), image, digest);
    return digest;
  }

  /**
   * Compares a known digest with the registry's. Never throws for registry failures: they come
   * back as {@link DigestCheck.Status#FAILED} with the reason.
   *
   * @param image the image
   * @param knownDigest the digest deployed or last seen, or an empty string if unknown
   * @return the verdict
   */
  public DigestCheck check(ImageReference image, String knownDigest) {
    String known = knownDigest == null ? "" : knownDigest;
    try {
      String now = digest(image);
      DigestCheck.Status status = known.isEmpty() ? DigestCheck.Status.UNKNOWN
          : known.equals(now) ? DigestCheck.Status.UP_TO_DATE : DigestCheck.Status.NEWER;
      return new DigestCheck(image, status, known, now, "");
    } catch (RegistryException e) {
      log.debug("registry check of {} failed: {}", image, e.getMessage());
      return new DigestCheck(image, DigestCheck.Status.FAILED, known, "", e.getMessage());
    }
  }

  /** Releases the HTTP threads this client created; idempotent. */
  @Override
  public void close() {
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
    authCache.clear();
  }

  private String base(String registry) {
    URI configured = endpoints.get(registry);
    if (configured != null) {
      String s = configured.toString();
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
    return "https://" + (registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io"
        : registry);
  }

  private HttpResponse<byte[]> exchange(ImageReference image, URI uri, String method) {
    String cacheKey = image.registry() + "/" + image.repository();
    CachedAuth cached = authCache.get(cacheKey);
    String auth = cached != null && clock.instant().isBefore(cached.expires()) ? cached.header()
        : null;
    HttpResponse<byte[]> response = send(image, method, uri, auth);
    if (response.statusCode() == 401) {
      AuthChallenge challenge = AuthChallenge.find(response.headers().allValues("WWW-Authenticate"))
          .orElseThrow(() -> new RegistryException(image.toString(), 401, "registry "
              + image.registry() + " requires authentication for " + image
              + " but sent no Bearer or Basic challenge", null));
      CachedAuth fresh = authorize(image, challenge, uri);
      authCache.put(cacheKey, fresh);
      response = send(image, method, uri, fresh.header());
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response;
    }
    throw new RegistryException(image.toString(), status, describe(image, status), null);
  }

  private static String describe(ImageReference image, int status) {
    String what = switch (status) {
      case 401, 403 -> "refused access: configure RegistryCredentials for " + image.registry()
          + " if the image is private";
      case 404 -> "does not know this image or tag: check the catalog's image reference";
      case 429 -> "limited the request rate: check again later or use credentials";
      default -> "answered HTTP " + status;
    };
    return "registry " + image.registry() + " " + what + " (" + image + ")";
  }

  private CachedAuth authorize(ImageReference image, AuthChallenge challenge, URI resource) {
    RegistryCredentials creds = credentials.get(image.registry());
    if (challenge.scheme().equals("basic")) {
      if (creds == null) {
        throw new RegistryException(image.toString(), 401, "registry " + image.registry()
            + " asks for basic authentication: configure RegistryCredentials for it", null);
      }
      return new CachedAuth(basic(creds), Instant.MAX);
    }
    String realm = challenge.param("realm").orElseThrow(() -> new RegistryException(
        image.toString(), 401, "registry " + image.registry() + " sent a Bearer challenge"
        + " without a realm", null));
    URI realmUri;
    try {
      realmUri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(image.toString(), 401, "registry " + image.registry()
          + " named an invalid token realm", e);
    }
    boolean plainAllowed = "http".equals(resource.getScheme());
    if (!"https".equals(realmUri.getScheme())
        && !("http".equals(realmUri.getScheme()) && plainAllowed)) {
      throw new RegistryException(image.toString(), 401, "registry " + image.registry()
          + " named a token realm that is not HTTPS (" + realmUri.getScheme() + "): refused", null);
    }
    Map<String, String> query = new HashMap<>();
    challenge.param("service").ifPresent(s -> query.put("service", s));
    query.put("scope", challenge.param("scope")
        .orElse("repository:" + image.repository() + ":pull"));
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
    query.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> url
        .append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(),
            StandardCharsets.UTF_8)).append('&'));
    url.setLength(url.length() - 1);
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url.toString()))
        .timeout(requestTimeout).header("Accept", "application/json").GET();
    if (creds != null) {
      req.header("Authorization", basic(creds));
    }
    HttpResponse<byte[]> response = send(image, req.build());
    if (response.statusCode() != 200) {
      throw new RegistryException(image.toString(), response.statusCode(), "the token service of "
          + image.registry() + " answered HTTP " + response.statusCode()
          + (creds == null ? "" : ": check the RegistryCredentials for " + image.registry()), null);
    }
    try {
      JsonNode json = SchedulerJson.mapper().readTree(response.body());
      String token = json.path("token").asText("");
      if (token.isEmpty()) {
        token = json.path("access_token").asText("");
      }
      if (token.isEmpty()) {
        throw new RegistryException(image.toString(), response.statusCode(), "the token service"
            + " of " + image.registry() + " returned no token", null);
      }
      long seconds = Math.max(json.path("expires_in").asLong(60), 60);
      Instant expires = clock.instant().plusSeconds(seconds).minus(TOKEN_MARGIN);
      log.debug("registry {}: got a token for {}, valid {} s", image.registry(),
          image.repository(), seconds);
      return new CachedAuth("Bearer " + token, expires);
    } catch (IOException e) {
      throw new RegistryException(image.toString(), response.statusCode(), "the token service of "
          + image.registry() + " returned malformed JSON", e);
    }
  }

  private static String basic(RegistryCredentials c) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<byte[]> send(ImageReference image, String method, URI uri, String auth) {
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(requestTimeout)
        .header("Accept", ACCEPT).method(method, HttpRequest.BodyPublishers.noBody());
    if (auth != null) {
      req.header("Authorization", auth);
    }
    return send(image, req.build());
  }

  private HttpResponse<byte[]> send(ImageReference image, HttpRequest request) {
    log.trace("registry request {} {}", request.method(), request.uri());
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RegistryException(image.toString(), 0, "cannot reach " + request.uri().getHost()
          + " for " + image + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage())
          + "): check network access to the registry", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(image.toString(), 0, "interrupted while asking "
          + image.registry() + " for " + image, e);
    }
  }

  private static String sha256(byte[] body) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Configures a {@link RegistryClient}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, URI> endpoints = new HashMap<>();
    private final Map<String, RegistryCredentials> credentials = new HashMap<>();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private HttpClient httpClient;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sends requests for {@code registry} to {@code base} instead of {@code https://<registry>}
     * (for a mirror, or a plain-HTTP registry on a trusted network or in tests).
     *
     * @param registry the registry as it appears in image references, such as {@code docker.io}
     * @param base the base URI, such as {@code http://localhost:5000}
     * @return this builder
     */
    public Builder endpoint(String registry, URI base) {
      endpoints.put(Objects.requireNonNull(registry, "registry"),
          Objects.requireNonNull(base, "base"));
      return this;
    }

    /**
     * Uses credentials for one registry (for private images and higher Docker Hub limits).
     *
     * @param registry the registry, such as {@code docker.io} or {@code ghcr.io}
     * @param creds the credentials
     * @return this builder
     */
    public Builder credentials(String registry, RegistryCredentials creds) {
      credentials.put(Objects.requireNonNull(registry, "registry"),
          Objects.requireNonNull(creds, "creds"));
      return this;
    }

    /**
     * Sets the TCP connect timeout (default 10 seconds).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Sets the timeout of one HTTP request (default 30 seconds).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Uses a caller-owned HTTP client (its TLS and proxy settings); the connect timeout is then the
     * client's own.
     *
     * @param client the client; never closed by this one
     * @return this builder
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Sets the clock used for token expiry (default: the system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a new client
     */
    public RegistryClient build() {
      return new RegistryClient(this);
    }
  }
}
