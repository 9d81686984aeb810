package dev.proximity.examples.cli;

import dev.proximity.ProgressEvent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code proximity} command: global options and the subcommand tree.
 *
 * <p>Output, config and demo options are inherited, so they may follow any subcommand
 * ({@code proximity apps --json}); connection options go before the subcommand. One instance serves
 * one run; not thread-safe.
 */
@Command(
    name = "proximity",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "One-click apps on Proxmox VE: deploy Docker Compose apps from a curated catalog into"
          + " unprivileged LXC containers, then manage them. Try it without Proxmox: add --demo."
    },
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  proximity --demo catalog",
      "  proximity --demo deploy uptime-kuma --name status",
      "  proximity --demo apps",
      "  proximity --endpoint https://10.0.0.2:8006 --token-id root@pam!cli apps --json",
      "",
      "Secrets come from the environment (PROXIMITY_TOKEN_SECRET, PROXIMITY_PASSWORD, ...)"
          + " or from files (--token-secret-file, \"tokenSecretFile\" in the config file),"
          + " never from the command line. See docs/cli.md."
    })
public final class ProximityCommand {
  private final CliEnvironment env;
  private Printer printer;
  private CliConfig config;

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Config file (default: ~/.config/proximity/config.json, or $PROXIMITY_CONFIG).")
  Path configFile;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print the result as JSON with stable field names, for scripts.")
  boolean json;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "No colours, even on a terminal (NO_COLOR=1 does the same).")
  boolean noColor;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "On failure, also print the stack trace.")
  boolean debug;

  @Option(
      names = "--demo",
      scope = ScopeType.INHERIT,
      description = "Run against the embedded Proxmox and SSH simulators; state is kept between runs.")
  boolean demo;

  @Option(
      names = "--reset",
      scope = ScopeType.INHERIT,
      description = "With --demo: forget the saved demo state and start over.")
  boolean reset;

  @Option(
      names = "--no-task-durations",
      scope = ScopeType.INHERIT,
      description = "Neither read nor save what task waits learned about how long Proxmox tasks run"
          + " (default: kept per cluster in ~/.local/state/proximity/task-durations/).")
  boolean noTaskDurations;

  @Option(
      names = "--demo-state",
      paramLabel = "FILE",
      description = "With --demo: where the simulator state is kept"
          + " (default: ~/.local/state/proximity/demo.json, or $PROXIMITY_DEMO_STATE).")
  Path demoState;

  @Option(names = "--endpoint", paramLabel = "URL", description = "Proxmox VE API, https://HOST:8006 ($PROXIMITY_ENDPOINT).")
  String endpoint;

  @Option(names = "--token-id", paramLabel = "ID", description = "API token id, USER@REALM!NAME ($PROXIMITY_TOKEN_ID).")
  String tokenId;

  @Option(
      names = "--token-secret-file",
      paramLabel = "FILE",
      description = "File holding the API token secret (or $PROXIMITY_TOKEN_SECRET).")
  String tokenSecretFile;

  @Option(names = "--user", paramLabel = "USER@REALM", description = "Log in with a password instead of a token ($PROXIMITY_USER).")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the password (or $PROXIMITY_PASSWORD).")
  String passwordFile;

  @Option(
      names = "--fingerprint",
      paramLabel = "SHA256",
      description = "Pin the TLS certificate by its SHA-256 fingerprint ($PROXIMITY_FINGERPRINT).")
  String fingerprint;

  @Option(names = "--ca-file", paramLabel = "PEM", description = "Trust this CA instead of the system trust store.")
  String caFile;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "Longest a long operation may take, e.g. 90s, 15m (default 15m).")
  String timeout;

  @Option(
      names = "--catalog-dir",
      paramLabel = "DIR",
      description = "Your own catalog apps, one folder per app, overriding bundled ones with the same id.")
  String catalogDir;

  @Option(names = "--ssh-user", paramLabel = "USER", description = "SSH user on the Proxmox hosts (default root).")
  String sshUser;

  @Option(names = "--ssh-port", paramLabel = "PORT", description = "SSH port (default 22).")
  String sshPort;

  @Option(names = "--ssh-key", paramLabel = "FILE", description = "SSH private key file.")
  String sshKey;

  @Option(
      names = "--ssh-key-passphrase-file",
      paramLabel = "FILE",
      description = "File holding the key's passphrase (or $PROXIMITY_SSH_KEY_PASSPHRASE).")
  String sshKeyPassphraseFile;

  @Option(
      names = "--ssh-password-file",
      paramLabel = "FILE",
      description = "File holding the SSH password (or $PROXIMITY_SSH_PASSWORD).")
  String sshPasswordFile;

  @Option(names = "--ssh-host-key", paramLabel = "SHA256", description = "Pin the SSH host key fingerprint, SHA256:...")
  String sshHostKey;

  @Option(names = "--known-hosts", paramLabel = "FILE", description = "Verify SSH host keys against this known_hosts file.")
  String knownHosts;

  @Option(
      names = "--ssh-host",
      paramLabel = "NODE=HOST",
      description = "SSH address of a node (repeatable; default: the endpoint's host).")
  List<String> sshHosts;

  /**
   * Creates the command for one run.
   *
   * @param env the run's environment
   */
  public ProximityCommand(CliEnvironment env) {
    this.env = env;
  }

  private final List<Runnable> interruptActions = new CopyOnWriteArrayList<>();
  private final CountDownLatch finished = new CountDownLatch(1);

  /** Registers what to do on Ctrl-C while the command runs, e.g. cancel a deploy (which rolls back). */
  void onInterrupt(Runnable action) {
    interruptActions.add(action);
  }

  /** Called by the shutdown hook: runs the interrupt actions, then waits for the command to clean up. */
  void interrupt(Duration grace) {
    if (finished.getCount() == 0) {
      return;
    }
    interruptActions.forEach(Runnable::run);
    try {
      finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Marks the command done: its session is closed and the demo state saved. */
  void finished() {
    interruptActions.clear();
    finished.countDown();
  }

  private volatile ProgressView progress;

  /** Makes a progress display the one SDK progress events go to, until it is closed. */
  void showProgress(ProgressView view) {
    progress = view;
  }

  /** Stops routing SDK progress events to a display. */
  void hideProgress(ProgressView view) {
    if (progress == view) {
      progress = null;
    }
  }

  /** Receives the SDK's progress events (every long operation) and shows them on the current display. */
  void progressEvent(ProgressEvent event) {
    ProgressView view = progress;
    if (view != null) {
      view.update(event.step().label(), event.percent(), event.message());
    }
  }

  /** The run's environment. */
  CliEnvironment env() {
    return env;
  }

  /** The output layer, created once the options are parsed. */
  Printer printer() {
    if (printer == null) {
      printer = new Printer(env, json, noColor, this);
    }
    return printer;
  }

  /** The resolved configuration: flags, then environment, then config file. */
  CliConfig config() {
    if (config == null) {
      config = new ConfigResolver(env).resolve(configFile, flags());
    }
    return config;
  }

  private Map<ConfigKey, String> flags() {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    put(flags, ConfigKey.ENDPOINT, endpoint);
    put(flags, ConfigKey.TOKEN_ID, tokenId);
    put(flags, ConfigKey.TOKEN_SECRET, tokenSecretFile);
    put(flags, ConfigKey.USER, user);
    put(flags, ConfigKey.PASSWORD, passwordFile);
    put(flags, ConfigKey.FINGERPRINT, fingerprint);
    put(flags, ConfigKey.CA_FILE, caFile);
    put(flags, ConfigKey.TIMEOUT, timeout);
    put(flags, ConfigKey.CATALOG_DIR, catalogDir);
    put(flags, ConfigKey.SSH_USER, sshUser);
    put(flags, ConfigKey.SSH_PORT, sshPort);
    put(flags, ConfigKey.SSH_KEY_FILE, sshKey);
    put(flags, ConfigKey.SSH_KEY_PASSPHRASE, sshKeyPassphraseFile);
    put(flags, ConfigKey.SSH_PASSWORD, sshPasswordFile);
    put(flags, ConfigKey.SSH_HOST_KEY, sshHostKey);
    put(flags, ConfigKey.SSH_KNOWN_HOSTS, knownHosts);
    if (sshHosts != null && !sshHosts.isEmpty()) {
      flags.put(ConfigKey.SSH_HOSTS, String.join(",", sshHosts));
    }
    return flags;
  }

  private static void put(Map<ConfigKey, String> flags, ConfigKey key, String value) {
    if (value != null) {
      flags.put(key, value);
    }
  }

  /** The state directory: {@code $XDG_STATE_HOME/proximity} or {@code ~/.local/state/proximity}. */
  Path stateDirectory() {
    return env.variable("XDG_STATE_HOME")
        .map(Path::of)
        .orElse(env.home().resolve(".local").resolve("state"))
        .resolve("proximity");
  }

  /** The audit log of safe commands: {@code $PROXIMITY_AUDIT_LOG}, or {@code audit.jsonl} in the state directory. */
  Path auditLog() {
    return env.variable("PROXIMITY_AUDIT_LOG").map(Path::of).orElseGet(() -> stateDirectory().resolve("audit.jsonl"));
  }

  /**
   * Where the SDK keeps what task waits learned, so that the next run polls each known kind of task
   * at its expected end: one file per cluster in {@code task-durations/} of the state directory, named
   * after the endpoint's host and port ({@code demo.json} for the demo cluster), since tasks of the
   * same name on two clusters run for different times. Empty with {@code --no-task-durations}.
   *
   * @param endpoint the cluster's API endpoint, or null for the demo cluster
   * @return the file, or empty when durations are not kept
   */
  Optional<Path> taskDurationsFile(URI endpoint) {
    if (noTaskDurations) {
      return Optional.empty();
    }
    String name = endpoint == null ? "demo"
        : (endpoint.getHost() + "_" + (endpoint.getPort() < 0 ? 8006 : endpoint.getPort()))
            .replaceAll("[^A-Za-z0-9._-]", "_");
    return Optional.of(stateDirectory().resolve("task-durations").resolve(name + ".json"));
  }

  /** The demo state file: {@code --demo-state}, {@code $PROXIMITY_DEMO_STATE}, or the default. */
  Path demoStateFile() {
    if (demoState != null) {
      return demoState;
    }
    return env.variable("PROXIMITY_DEMO_STATE")
        .map(Path::of)
        .orElseGet(() -> stateDirectory().resolve("demo.json"));
  }
}
