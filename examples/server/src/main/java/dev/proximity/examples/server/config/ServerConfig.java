package dev.proximity.examples.server.config;

import dev.proximity.examples.demo.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validated configuration of the example server.
 *
 * <p>Built from flat settings ({@code pve.url}, {@code listen.port}, ...) that {@link ConfigLoader}
 * collects from a file, environment variables and the command line. Secrets are held as {@link Secret}
 * and {@link #toString()} masks them. Immutable.
 */
public final class ServerConfig {
  /** Every configuration key, in documentation order. */
  public static final List<Key> KEYS =
      List.of(
          new Key("demo", false, "false", "run against in-process Proxmox and SSH simulators"),
          new Key("listen.address", false, "127.0.0.1", "address to listen on"),
          new Key("listen.port", false, "8765", "port to listen on (0 picks a free port)"),
          new Key("data_dir", false, null, "directory for users, revoked tokens, settings, audit log"),
          new Key("mode", false, "AUTO", "initial mode, AUTO or PRO (later changes are persisted)"),
          new Key("registration", false, "admin", "after the first user: admin, closed or open"),
          new Key("jwt.secret", true, null, "HS256 signing key (32+ bytes); generated into data_dir if absent"),
          new Key("jwt.ttl_seconds", false, "3600", "access token lifetime"),
          new Key("pve.url", false, null, "Proxmox VE API URL, e.g. https://pve.example:8006"),
          new Key("pve.token_id", false, null, "API token id, user@realm!name"),
          new Key("pve.token_secret", true, null, "API token secret"),
          new Key("pve.user", false, null, "user@realm, when no token is used"),
          new Key("pve.password", true, null, "password for pve.user"),
          new Key("pve.tls.fingerprint", false, null, "pinned SHA-256 certificate fingerprint (AB:CD:...)"),
          new Key("pve.tls.ca_file", false, null, "PEM file of the CA that signed the Proxmox certificate"),
          new Key("pve.tls.insecure", false, "false", "accept any certificate (loudly logged; never in production)"),
          new Key("ssh.host", false, null, "SSH host of the Proxmox node (default: the host of pve.url)"),
          new Key("ssh.port", false, "22", "SSH port"),
          new Key("ssh.nodes", false, null, "per-node SSH hosts, node=host[:port],... (default: every node on ssh.host)"),
          new Key("ssh.user", false, "root", "SSH user"),
          new Key("ssh.key_file", false, null, "private key file for SSH"),
          new Key("ssh.key_passphrase", true, null, "passphrase of the SSH key"),
          new Key("ssh.host_key_fingerprint", false, null, "pinned SSH host key, SHA256:base64"),
          new Key("limits.max_body_bytes", false, "1048576", "largest request body accepted"),
          new Key("limits.request_timeout_seconds", false, "120", "longest a request handler may run"),
          new Key("limits.platform_threads", false, "64", "worker threads when virtual threads are unavailable"),
          new Key("shutdown.grace_seconds", false, "10", "how long shutdown waits for requests in flight"));

  private static final Pattern TLS_FINGERPRINT = Pattern.compile("([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}");
  private static final Pattern SSH_FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");

  private final Map<String, String> settings;
  private final Map<String, Secret> secrets;

  private ServerConfig(Map<String, String> settings, Map<String, Secret> secrets) {
    this.settings = Map.copyOf(settings);
    this.secrets = Map.copyOf(secrets);
  }

  /**
   * Validates flat settings into a configuration; absent keys take their defaults.
   *
   * @param raw the settings by key
   * @return the configuration
   * @throws ConfigException naming the first unknown or invalid key
   */
  public static ServerConfig fromSettings(Map<String, String> raw) {
    Map<String, String> plain = new LinkedHashMap<>();
    Map<String, Secret> secrets = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      Key key = key(e.getKey()).orElseThrow(() -> new ConfigException(
          "unknown configuration key '" + e.getKey() + "'; known keys: " + keyNames()));
      String value = e.getValue() == null ? "" : e.getValue().trim();
      if (value.isEmpty()) {
        continue;
      }
      if (key.secret()) {
        secrets.put(key.name(), Secret.of(value));
      } else {
        plain.put(key.name(), value);
      }
    }
    for (Key key : KEYS) {
      if (key.defaultValue() != null) {
        plain.putIfAbsent(key.name(), key.defaultValue());
      }
    }
    ServerConfig config = new ServerConfig(plain, secrets);
    config.validate();
    return config;
  }

  private void validate() {
    parseBoolean("demo");
    parseBoolean("pve.tls.insecure");
    intIn("listen.port", 0, 65535);
    intIn("ssh.port", 1, 65535);
    intIn("jwt.ttl_seconds", 60, 7 * 24 * 3600);
    intIn("limits.max_body_bytes", 1024, 64 * 1024 * 1024);
    intIn("limits.request_timeout_seconds", 1, 3600);
    intIn("limits.platform_threads", 2, 4096);
    intIn("shutdown.grace_seconds", 0, 600);
    wrap("mode", () -> OperatingMode.parse(settings.get("mode")));
    wrap("registration", () -> Registration.parse(settings.get("registration")));
    jwtSecret().ifPresent(s -> {
      if (s.reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
        throw new ConfigException("jwt.secret must be at least 32 bytes long");
      }
    });
    if (demo()) {
      return;
    }
    URI url = pveUrl().orElseThrow(() -> new ConfigException(
        "pve.url is required (or run with --demo); e.g. PROXIMITY_PVE_URL=https://pve.example:8006"));
    if (!"https".equals(url.getScheme()) || url.getHost() == null) {
      throw new ConfigException("pve.url must be an https URL with a host, e.g. https://pve.example:8006");
    }
    boolean token = pveTokenId().isPresent() || secrets.containsKey("pve.token_secret");
    boolean password = pveUser().isPresent() || secrets.containsKey("pve.password");
    if (token == password) {
      throw new ConfigException(
          "give either pve.token_id and pve.token_secret (preferred) or pve.user and pve.password");
    }
    if (token && (pveTokenId().isEmpty() || !secrets.containsKey("pve.token_secret"))) {
      throw new ConfigException("pve.token_id and pve.token_secret must be given together");
    }
    if (token && !pveTokenId().orElseThrow().matches("[^@!\\s]+@[^@!\\s]+![A-Za-z0-9._-]+")) {
      throw new ConfigException("pve.token_id must look like user@realm!tokenname");
    }
    if (password && (pveUser().isEmpty() || !secrets.containsKey("pve.password"))) {
      throw new ConfigException("pve.user and pve.password must be given together");
    }
    int trustOptions = (pveTlsFingerprint().isPresent() ? 1 : 0) + (pveTlsCaFile().isPresent() ? 1 : 0)
        + (pveTlsInsecure() ? 1 : 0);
    if (trustOptions > 1) {
      throw new ConfigException("give at most one of pve.tls.fingerprint, pve.tls.ca_file, pve.tls.insecure");
    }
    pveTlsFingerprint().ifPresent(f -> {
      if (!TLS_FINGERPRINT.matcher(f).matches()) {
        throw new ConfigException("pve.tls.fingerprint must be 32 hex bytes separated by ':'");
      }
    });
    sshNodes();
    sshHostKeyFingerprint().ifPresent(f -> {
      if (!SSH_FINGERPRINT.matcher(f).matches()) {
        throw new ConfigException("ssh.host_key_fingerprint must look like SHA256:<43 base64 characters>");
      }
    });
  }

  /** @return whether the server runs against the in-process simulators */
  public boolean demo() {
    return Boolean.parseBoolean(settings.get("demo"));
  }

  /** @return the listen address */
  public String listenAddress() {
    return settings.get("listen.address");
  }

  /** @return the listen port, 0 for a free one */
  public int listenPort() {
    return Integer.parseInt(settings.get("listen.port"));
  }

  /** @return the data directory; defaults to {@code ~/.proximity/server} (or {@code demo}) */
  public Path dataDir() {
    String dir = settings.get("data_dir");
    if (dir != null) {
      return Path.of(dir).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".proximity", demo() ? "demo" : "server");
  }

  /** @return the initial mode, used until a mode change is persisted */
  public OperatingMode mode() {
    return OperatingMode.parse(settings.get("mode"));
  }

  /** @return the registration policy after the first user */
  public Registration registration() {
    return Registration.parse(settings.get("registration"));
  }

  /** @return the configured JWT signing key, or empty to use the one in the data directory */
  public Optional<Secret> jwtSecret() {
    return Optional.ofNullable(secrets.get("jwt.secret"));
  }

  /** @return how long access tokens are valid */
  public Duration tokenTtl() {
    return Duration.ofSeconds(Integer.parseInt(settings.get("jwt.ttl_seconds")));
  }

  /** @return the Proxmox API URL, absent in demo mode */
  public Optional<URI> pveUrl() {
    return Optional.ofNullable(settings.get("pve.url")).map(u -> wrap("pve.url", () -> URI.create(u)));
  }

  /** @return the API token id */
  public Optional<String> pveTokenId() {
    return Optional.ofNullable(settings.get("pve.token_id"));
  }

  /** @return the API token secret */
  public Optional<Secret> pveTokenSecret() {
    return Optional.ofNullable(secrets.get("pve.token_secret"));
  }

  /** @return the Proxmox user for password login */
  public Optional<String> pveUser() {
    return Optional.ofNullable(settings.get("pve.user"));
  }

  /** @return the Proxmox password */
  public Optional<Secret> pvePassword() {
    return Optional.ofNullable(secrets.get("pve.password"));
  }

  /** @return the pinned certificate fingerprint */
  public Optional<String> pveTlsFingerprint() {
    return Optional.ofNullable(settings.get("pve.tls.fingerprint"));
  }

  /** @return the CA file */
  public Optional<Path> pveTlsCaFile() {
    return Optional.ofNullable(settings.get("pve.tls.ca_file")).map(Path::of);
  }

  /** @return whether any certificate is accepted */
  public boolean pveTlsInsecure() {
    return Boolean.parseBoolean(settings.get("pve.tls.insecure"));
  }

  /** @return the SSH host, defaulting to the host of {@code pve.url} */
  public Optional<String> sshHost() {
    return Optional.ofNullable(settings.get("ssh.host")).or(() -> pveUrl().map(URI::getHost));
  }

  /** @return the SSH port */
  public int sshPort() {
    return Integer.parseInt(settings.get("ssh.port"));
  }

  /**
   * The per-node SSH hosts from {@code ssh.nodes}.
   *
   * @return node name to host and port, in the given order; empty when not configured
   */
  public Map<String, HostPort> sshNodes() {
    Map<String, HostPort> nodes = new LinkedHashMap<>();
    String text = settings.get("ssh.nodes");
    if (text == null) {
      return nodes;
    }
    for (String item : text.split(",")) {
      String entry = item.trim();
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new ConfigException("ssh.nodes must look like pve1=10.0.0.1,pve2=10.0.0.2:2222");
      }
      String target = entry.substring(eq + 1);
      int colon = target.lastIndexOf(':');
      int port = sshPort();
      String host = target;
      if (colon > 0 && !target.endsWith("]")) {
        host = target.substring(0, colon);
        try {
          port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new ConfigException("ssh.nodes: bad port in '" + entry + "'");
        }
      }
      nodes.put(entry.substring(0, eq), new HostPort(host, port));
    }
    return nodes;
  }

  /**
   * An SSH host and port.
   *
   * @param host the host name or address
   * @param port the port
   */
  public record HostPort(String host, int port) {}

  /** @return the SSH user */
  public String sshUser() {
    return settings.get("ssh.user");
  }

  /** @return the SSH private key file */
  public Optional<Path> sshKeyFile() {
    return Optional.ofNullable(settings.get("ssh.key_file")).map(Path::of);
  }

  /** @return the SSH key passphrase */
  public Optional<Secret> sshKeyPassphrase() {
    return Optional.ofNullable(secrets.get("ssh.key_passphrase"));
  }

  /** @return the pinned SSH host key fingerprint */
  public Optional<String> sshHostKeyFingerprint() {
    return Optional.ofNullable(settings.get("ssh.host_key_fingerprint"));
  }

  /** @return the largest request body accepted, in bytes */
  public long maxBodyBytes() {
    return Long.parseLong(settings.get("limits.max_body_bytes"));
  }

  /** @return how long a request handler may run */
  public Duration requestTimeout() {
    return Duration.ofSeconds(Integer.parseInt(settings.get("limits.request_timeout_seconds")));
  }

  /** @return worker threads when virtual threads are unavailable */
  public int platformThreads() {
    return Integer.parseInt(settings.get("limits.platform_threads"));
  }

  /** @return how long shutdown waits for requests in flight */
  public Duration shutdownGrace() {
    return Duration.ofSeconds(Integer.parseInt(settings.get("shutdown.grace_seconds")));
  }

  /**
   * Lists the effective settings, secrets masked, for a start-up banner.
   *
   * @return key and displayed value, in key order
   */
  public Map<String, String> describe() {
    Map<String, String> shown = new LinkedHashMap<>();
    for (Key key : KEYS) {
      if (key.secret()) {
        if (secrets.containsKey(key.name())) {
          shown.put(key.name(), "******");
        }
      } else if (settings.containsKey(key.name())) {
        shown.put(key.name(), settings.get(key.name()));
      }
    }
    shown.put("data_dir", dataDir().toString());
    return shown;
  }

  /** Lists the effective settings with every secret masked. */
  @Override
  public String toString() {
    return "ServerConfig" + describe();
  }

  /**
   * Finds a key by name.
   *
   * @param name the key name
   * @return the key, or empty when unknown
   */
  public static Optional<Key> key(String name) {
    return KEYS.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  private static String keyNames() {
    List<String> names = new ArrayList<>();
    KEYS.forEach(k -> names.add(k.name()));
    return String.join(", ", names);
  }

  private void parseBoolean(String name) {
    String value = settings.get(name).toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw new ConfigException(name + " must be true or false");
    }
  }

  private void intIn(String name, long min, long max) {
    long value;
    try {
      value = Long.parseLong(settings.get(name));
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be an integer");
    }
    if (value < min || value > max) {
      throw new ConfigException(name + " must be between " + min + " and " + max);
    }
  }

  private static <T> T wrap(String name, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + ": " + e.getMessage());
    }
  }

  /**
   * A configuration key.
   *
   * @param name the key, such as {@code pve.url}
   * @param secret whether its value is a secret
   * @param defaultValue the default, or null
   * @param description what it configures
   */
  public record Key(String name, boolean secret, String defaultValue, String description) {

    /**
     * The environment variable for this key: {@code PROXIMITY_} and the key upper-cased, with
     * {@code .} replaced by {@code _}.
     *
     * @return the variable name, such as {@code PROXIMITY_PVE_URL}
     */
    public String envName() {
      return "PROXIMITY_" + name.toUpperCase(Locale.ROOT).replace('.', '_');
    }
  }
}
