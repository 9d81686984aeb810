package dev.proximity.ssh;

import dev.proximity.ssh.internal.ClientAuthenticator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * How Proximity authenticates to the Proxmox hosts: a private key (ed25519, RSA or ECDSA; OpenSSH,
 * PEM/PKCS#8 or PuTTY format; from a file or from memory; with an optional passphrase) or a
 * password. Key authentication is preferred.
 *
 * <p>Secrets are copied on creation and never appear in {@link #toString()}. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * SshAuth auth = SshAuth.privateKey(Path.of("/etc/proximity/id_ed25519"));
 * SshAuth encrypted = SshAuth.privateKey(Path.of("id_rsa"), passphrase);
 * SshAuth fromVault = SshAuth.privateKeyText(pemFromVault, null);
 * }</pre>
 */
public final class SshAuth {
  private final String description;
  private final ClientAuthenticator authenticator;

  private SshAuth(String description, ClientAuthenticator authenticator) {
    this.description = description;
    this.authenticator = authenticator;
  }

  /**
   * Authenticates with an unencrypted private key file.
   *
   * @param keyFile the private key file
   * @return the authentication
   */
  public static SshAuth privateKey(Path keyFile) {
    return privateKey(keyFile, null);
  }

  /**
   * Authenticates with a private key file, decrypted with a passphrase.
   *
   * @param keyFile the private key file
   * @param passphrase the passphrase, copied; {@code null} for an unencrypted key
   * @return the authentication
   */
  public static SshAuth privateKey(Path keyFile, char[] passphrase) {
    Objects.requireNonNull(keyFile, "keyFile");
    if (!Files.isReadable(keyFile)) {
      throw new IllegalArgumentException("private key file is not readable: " + keyFile);
    }
    char[] secret = passphrase == null ? null : passphrase.clone();
    String path = keyFile.toAbsolutePath().toString();
    return new SshAuth(
        "privateKey " + path,
        (client, user) -> {
          KeyProvider keys =
              secret == null ? client.loadKeys(path) : client.loadKeys(path, finder(secret));
          client.authPublickey(user, keys);
        });
  }

  /**
   * Authenticates with a private key held in memory, e.g. read from a secret store.
   *
   * @param privateKey the key text (OpenSSH, PEM or PKCS#8), kept in memory
   * @param passphrase the passphrase, copied; {@code null} for an unencrypted key
   * @return the authentication
   */
  public static SshAuth privateKeyText(String privateKey, char[] passphrase) {
    Objects.requireNonNull(privateKey, "privateKey");
    if (!privateKey.contains("PRIVATE KEY") && !privateKey.startsWith("PuTTY-User-Key-File")) {
      throw new IllegalArgumentException("privateKey does not look like a private key");
    }
    byte[] key = privateKey.getBytes(StandardCharsets.UTF_8);
    char[] secret = passphrase == null ? null : passphrase.clone();
    return new SshAuth(
        "privateKeyText",
        (client, user) -> {
          String text = new String(key, StandardCharsets.UTF_8);
          KeyProvider keys =
              client.loadKeys(text, null, secret == null ? null : finder(secret));
          client.authPublickey(user, keys);
        });
  }

  /**
   * Authenticates with a password. Prefer a key: passwords are easier to leak and to guess.
   *
   * @param password the password, copied
   * @return the authentication
   */
  public static SshAuth password(char[] password) {
    Objects.requireNonNull(password, "password");
    char[] secret = password.clone();
    return new SshAuth("password", (client, user) -> client.authPassword(user, secret.clone()));
  }

  ClientAuthenticator authenticator() {
    return authenticator;
  }

  private static PasswordFinder finder(char[] secret) {
    return new PasswordFinder() {
      @Override
      public char[] reqPassword(Resource<?> resource) {
        return Arrays.copyOf(secret, secret.length);
      }

      @Override
      public boolean shouldRetry(Resource<?> resource) {
        return false;
      }
    };
  }

  /** Names the method and the key file, never a secret. */
  @Override
  public String toString() {
    return "SshAuth[" + description + "]";
  }
}
