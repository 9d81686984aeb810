package dev.proximity.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian OpenSSH server for interop tests: its own sshd_config, host key and
 * authorized_keys in a temporary directory, on a random loopback port, with a fake {@code pct} on
 * its PATH that records each argv byte for byte (NUL-separated) and emulates {@code pct push}.
 */
final class OpenSshServer implements AutoCloseable {
  static final Path SSHD = Path.of("/usr/sbin/sshd");
  static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
  static final Path SFTP_SERVER = Path.of("/usr/lib/openssh/sftp-server");

  final Path dir;
  final int port;
  private final Process process;

  private OpenSshServer(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Why the server cannot run here, or null when it can. */
  static String unavailableReason() {
    if (!Files.isExecutable(SSHD)) {
      return SSHD + " is not installed (apt-get install openssh-server; .ci/run does this)";
    }
    if (!Files.isExecutable(SSH_KEYGEN)) {
      return SSH_KEYGEN + " is not installed";
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return "sshd must run as root to log users in; running as " + System.getProperty("user.name");
    }
    return null;
  }

  static OpenSshServer start(Path dir, List<String> authorizedKeys) throws Exception {
    Files.createDirectories(Path.of("/run/sshd"));
    run(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "it-host",
        "-f", dir.resolve("host_ed25519").toString());
    Files.write(dir.resolve("authorized_keys"), authorizedKeys, StandardCharsets.UTF_8);
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createDirectories(dir.resolve("tmp"));
    Path pct = bin.resolve("pct");
    Files.writeString(pct, String.join("\n",
        "#!/bin/sh",
        "# Fake pct: records argv NUL-separated, byte for byte; emulates push.",
        "out='" + dir.resolve("pct-argv") + "'",
        ": > \"$out\"",
        "for a in \"$@\"; do printf '%s\\0' \"$a\" >> \"$out\"; done",
        "if [ \"$1\" = push ]; then",
        "  cp \"$3\" '" + dir.resolve("pushed-content") + "' || exit 255",
        "  stat -c %a \"$3\" > '" + dir.resolve("pushed-temp-mode") + "'",
        "  echo \"$4 $6\" > '" + dir.resolve("pushed-target") + "'",
        "fi",
        "echo ok",
        ""));
    Files.setPosixFilePermissions(pct, PosixFilePermissions.fromString("rwxr-xr-x"));
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Files.writeString(dir.resolve("sshd_config"), String.join("\n",
        "Port " + port,
        "ListenAddress 127.0.0.1",
        "HostKey " + dir.resolve("host_ed25519"),
        "PidFile " + dir.resolve("sshd.pid"),
        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes",
        "StrictModes no",
        "UsePAM no",
        "MaxSessions 10",
        "SetEnv PATH=" + bin + ":/usr/sbin:/usr/bin:/sbin:/bin",
        "Subsystem sftp " + SFTP_SERVER,
        "LogLevel INFO",
        ""));
    Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f",
        dir.resolve("sshd_config").toString()).redirectErrorStream(true).start();
    CompletableFuture<Boolean> listening = new CompletableFuture<>();
    StringBuilder log = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (log) {
            log.append(line).append('\n');
          }
          if (line.contains("Server listening on 127.0.0.1 port " + port)) {
            listening.complete(true);
          }
        }
      } catch (IOException e) {
        listening.completeExceptionally(e);
      }
      listening.complete(false);
    }, "sshd-log");
    reader.setDaemon(true);
    reader.start();
    if (!listening.get(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      synchronized (log) {
        throw new IllegalStateException("sshd did not start:\n" + log);
      }
    }
    return new OpenSshServer(dir, port, process);
  }

  /** The known_hosts line for this server's host key. */
  String knownHostsLine() throws IOException {
    String pub = Files.readString(dir.resolve("host_ed25519.pub")).trim();
    String[] parts = pub.split(" ");
    return "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1];
  }

  /** The host key fingerprint as ssh-keygen prints it. */
  String fingerprint() throws Exception {
    String out = run(SSH_KEYGEN.toString(), "-l", "-E", "sha256", "-f",
        dir.resolve("host_ed25519.pub").toString());
    return out.split(" ")[1];
  }

  /** The argv the fake pct received last, split at NUL. */
  List<String> lastPctArgv() throws IOException {
    byte[] bytes = Files.readAllBytes(dir.resolve("pct-argv"));
    List<String> argv = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        argv.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return argv;
  }

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
