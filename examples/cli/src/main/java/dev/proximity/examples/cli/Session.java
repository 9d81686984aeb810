package dev.proximity.examples.cli;

import dev.proximity.Proximity;
import dev.proximity.catalog.Catalog;
import dev.proximity.examples.demo.DemoCluster;
import dev.proximity.examples.demo.Secret;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.spi.HostShellFactory;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The SDK connection of one run: a {@link Proximity} on the configured cluster, or on the demo
 * cluster with {@code --demo}, and the host shells it uses. Close it when the command is done.
 */
final class Session implements AutoCloseable {
  private final Proximity px;
  private final HostShellFactory shells;
  private final DemoCluster demo;
  private final Catalog catalog;

  private Session(Proximity px, HostShellFactory shells, DemoCluster demo, Catalog catalog) {
    this.px = px;
    this.shells = shells;
    this.demo = demo;
    this.catalog = catalog;
  }

  /**
   * Opens the session the options ask for.
   *
   * @param root the parsed root command
   * @return the open session
   * @throws CliException (exit 2) when the configuration is incomplete
   */
  static Session open(ProximityCommand root) {
    CliConfig config = root.config();
    Catalog catalog = CatalogCommand.catalog(config);
    if (root.demo) {
      DemoCluster world = openDemo(root, catalog, config);
      return new Session(world.proximity(), world.shells(), world, catalog);
    }
    URI endpoint = config.endpoint().orElseThrow(() -> new CliException(
        ExitCodes.USAGE,
        "no Proxmox VE endpoint configured",
        "set --endpoint, PROXIMITY_ENDPOINT or \"endpoint\" in ~/.config/proximity/config.json; or try --demo"));
    PveCredentials credentials = credentials(config);
    TlsTrust trust = trust(config);
    HostShellFactory shells = hostShells(config, endpoint);
    Proximity.Builder builder = Proximity.builder()
        .endpoint(endpoint)
        .credentials(credentials)
        .trust(trust)
        .catalog(catalog)
        .operationTimeout(config.timeout())
        .progressListener(root::progressEvent);
    root.taskDurationsFile(endpoint).ifPresent(builder::taskDurations);
    if (shells != null) {
      builder.hostShell(shells);
    }
    try {
      return new Session(builder.build(), shells, null, catalog);
    } catch (RuntimeException e) {
      if (shells != null) {
        shells.close();
      }
      throw e;
    }
  }

  static PveCredentials credentials(CliConfig config) {
    Optional<String> tokenId = config.value(ConfigKey.TOKEN_ID);
    if (tokenId.isPresent()) {
      Secret secret = config.secret(ConfigKey.TOKEN_SECRET).orElseThrow(() -> new CliException(
          ExitCodes.USAGE,
          "API token " + tokenId.get() + " has no secret configured",
          "set PROXIMITY_TOKEN_SECRET, or name a file with --token-secret-file or \"tokenSecretFile\""));
      return PveCredentials.apiToken(tokenId.get(), secret.reveal());
    }
    Optional<String> user = config.value(ConfigKey.USER);
    if (user.isPresent()) {
      Secret password = config.secret(ConfigKey.PASSWORD).orElseThrow(() -> new CliException(
          ExitCodes.USAGE,
          "user " + user.get() + " has no password configured",
          "set PROXIMITY_PASSWORD, or name a file with --password-file or \"passwordFile\""));
      return PveCredentials.password(user.get(), password.reveal());
    }
    throw new CliException(
        ExitCodes.USAGE,
        "no Proxmox VE credentials configured",
        "set --token-id (USER@REALM!NAME) and PROXIMITY_TOKEN_SECRET; see 'proximity config'");
  }

  static TlsTrust trust(CliConfig config) {
    Optional<String> pin = config.value(ConfigKey.FINGERPRINT);
    if (pin.isPresent()) {
      try {
        return TlsTrust.pinnedSha256(pin.get());
      } catch (IllegalArgumentException e) {
        throw config.bad(ConfigKey.FINGERPRINT, "is not a SHA-256 fingerprint", "32 hex pairs, e.g. AB:CD:...");
      }
    }
    Optional<Path> ca = config.path(ConfigKey.CA_FILE);
    if (ca.isPresent()) {
      try {
        return TlsTrust.caPem(Files.readString(ca.get(), StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw config.bad(ConfigKey.CA_FILE, "cannot be read", "give a PEM file with the CA certificate");
      } catch (IllegalArgumentException e) {
        throw config.bad(ConfigKey.CA_FILE, "is not a PEM certificate", "give a PEM file with the CA certificate");
      }
    }
    return TlsTrust.system();
  }

  /** The SSH shells when a key or password is configured; null otherwise (SSH steps then fail clearly). */
  static HostShellFactory hostShells(CliConfig config, URI endpoint) {
    SshAuth auth;
    Optional<Path> key = config.path(ConfigKey.SSH_KEY_FILE);
    Optional<Secret> password = config.secret(ConfigKey.SSH_PASSWORD);
    if (key.isPresent()) {
      if (!Files.isReadable(key.get())) {
        throw config.bad(ConfigKey.SSH_KEY_FILE, "cannot be read: " + key.get(), "give the private key file");
      }
      Optional<Secret> passphrase = config.secret(ConfigKey.SSH_KEY_PASSPHRASE);
      auth = passphrase.isPresent()
          ? SshAuth.privateKey(key.get(), passphrase.get().reveal().toCharArray())
          : SshAuth.privateKey(key.get());
    } else if (password.isPresent()) {
      auth = SshAuth.password(password.get().reveal().toCharArray());
    } else {
      return null;
    }
    HostKeyVerification hostKeys;
    Optional<String> pin = config.value(ConfigKey.SSH_HOST_KEY);
    Optional<Path> knownHosts = config.path(ConfigKey.SSH_KNOWN_HOSTS);
    if (pin.isPresent()) {
      hostKeys = HostKeyVerification.pinnedSha256(pin.get().split(","));
    } else if (knownHosts.isPresent()) {
      hostKeys = HostKeyVerification.knownHosts(knownHosts.get());
    } else {
      hostKeys = HostKeyVerification.defaultKnownHosts();
    }
    return NodeHostShells.create(
        config.sshHosts(),
        endpoint.getHost(),
        config.sshPort(),
        config.value(ConfigKey.SSH_USER).orElse("root"),
        auth,
        hostKeys);
  }

  /** Starts the demo cluster, kept in the state file between runs. */
  private static DemoCluster openDemo(ProximityCommand root, Catalog catalog, CliConfig config) {
    try {
      return DemoCluster.builder()
          .stateFile(root.demoStateFile())
          .reset(root.reset)
          .sdk(b -> {
            b.catalog(catalog).operationTimeout(config.timeout()).progressListener(root::progressEvent);
            root.taskDurationsFile(null).ifPresent(b::taskDurations);
          })
          .start();
    } catch (UncheckedIOException e) {
      throw new CliException(ExitCodes.FAILURE, e.getMessage(), "pick another file with --demo-state FILE", e);
    }
  }

  Proximity px() {
    return px;
  }

  /** The host shells, or empty when SSH is not configured. */
  Optional<HostShellFactory> shells() {
    return Optional.ofNullable(shells);
  }

  Optional<DemoCluster> demo() {
    return Optional.ofNullable(demo);
  }

  Catalog catalog() {
    return catalog;
  }

  @Override
  public void close() {
    if (demo != null) {
      try {
        demo.close();
      } catch (UncheckedIOException e) {
        throw new CliException(ExitCodes.FAILURE, "cannot save the demo state: " + e.getMessage(),
            "pick another file with --demo-state FILE", e);
      }
      return;
    }
    try {
      px.close();
    } finally {
      if (shells != null) {
        shells.close();
      }
    }
  }
}
