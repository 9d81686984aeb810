package dev.proximity.examples.cli;

import java.util.Optional;

/**
 * Every setting the CLI reads, with the flag, environment variable and config-file key it comes
 * from. Resolution order: flag, then environment, then config file, then the default.
 *
 * <p>Secrets have no flag of their own and are never required on the command line: they come from an
 * environment variable ({@code PROXIMITY_TOKEN_SECRET}), or from a file named by a flag
 * ({@code --token-secret-file}), an environment variable ({@code PROXIMITY_TOKEN_SECRET_FILE}) or the
 * config file ({@code "tokenSecretFile"}).
 */
enum ConfigKey {
  ENDPOINT("endpoint", "--endpoint", "PROXIMITY_ENDPOINT", false, null),
  TOKEN_ID("tokenId", "--token-id", "PROXIMITY_TOKEN_ID", false, null),
  TOKEN_SECRET("tokenSecret", "--token-secret-file", "PROXIMITY_TOKEN_SECRET", true, null),
  USER("user", "--user", "PROXIMITY_USER", false, null),
  PASSWORD("password", "--password-file", "PROXIMITY_PASSWORD", true, null),
  FINGERPRINT("fingerprint", "--fingerprint", "PROXIMITY_FINGERPRINT", false, null),
  CA_FILE("caFile", "--ca-file", "PROXIMITY_CA_FILE", false, null),
  TIMEOUT("timeout", "--timeout", "PROXIMITY_TIMEOUT", false, "15m"),
  CATALOG_DIR("catalogDir", "--catalog-dir", "PROXIMITY_CATALOG_DIR", false, null),
  SSH_USER("ssh.user", "--ssh-user", "PROXIMITY_SSH_USER", false, "root"),
  SSH_PORT("ssh.port", "--ssh-port", "PROXIMITY_SSH_PORT", false, "22"),
  SSH_KEY_FILE("ssh.keyFile", "--ssh-key", "PROXIMITY_SSH_KEY", false, null),
  SSH_KEY_PASSPHRASE(
      "ssh.keyPassphrase", "--ssh-key-passphrase-file", "PROXIMITY_SSH_KEY_PASSPHRASE", true, null),
  SSH_PASSWORD("ssh.password", "--ssh-password-file", "PROXIMITY_SSH_PASSWORD", true, null),
  SSH_HOST_KEY("ssh.hostKeyFingerprint", "--ssh-host-key", "PROXIMITY_SSH_HOST_KEY", false, null),
  SSH_KNOWN_HOSTS("ssh.knownHosts", "--known-hosts", "PROXIMITY_SSH_KNOWN_HOSTS", false, null),
  SSH_HOSTS("ssh.hosts", "--ssh-host", "PROXIMITY_SSH_HOSTS", false, null);

  private final String key;
  private final String flag;
  private final String env;
  private final boolean secret;
  private final String defaultValue;

  ConfigKey(String key, String flag, String env, boolean secret, String defaultValue) {
    this.key = key;
    this.flag = flag;
    this.env = env;
    this.secret = secret;
    this.defaultValue = defaultValue;
  }

  /** The name in the config file and in {@code proximity config}, e.g. {@code ssh.keyFile}. */
  String key() {
    return key;
  }

  /** The command-line flag; for a secret, the flag that names a file holding it. */
  String flag() {
    return flag;
  }

  /** The environment variable holding the value itself. */
  String env() {
    return env;
  }

  /** For a secret: the environment variable naming a file that holds it. */
  String envFile() {
    return env + "_FILE";
  }

  /** For a secret: the config-file key naming a file that holds it, e.g. {@code tokenSecretFile}. */
  String fileKey() {
    return secret ? key + "File" : key;
  }

  boolean secret() {
    return secret;
  }

  Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }
}
