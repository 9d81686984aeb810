package dev.proximity.ssh.internal;

import dev.proximity.spi.CommandResult;
import dev.proximity.spi.HostShell;
import dev.proximity.ssh.SshCommandException;
import dev.proximity.ssh.SshCommandException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's SSH connection: connects lazily, reuses one authenticated {@link SSHClient} for every
 * channel, reconnects after it dropped, and bounds the channels open at once with a semaphore.
 *
 * <p>This is the only class that sends an SSH {@code exec} request, and it accepts nothing but a
 * {@link QuotedCommand}, which only {@link ShellQuoting} creates. Thread-safe.
 */
public final class SshConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SshConnection.class);
  private static final int STDERR_TAIL = 2000;

  private final ConnectionSettings settings;
  private final Semaphore channels;
  private final ExecutorService io;
  private final ScheduledExecutorService timer;
  private SSHClient client;
  private boolean closed;

  /**
   * Creates the connection; nothing connects until the first command.
   *
   * @param settings the node's settings
   * @param io runs the output readers; owned by the caller
   * @param timer ends streams at their timeout; owned by the caller
   */
  public SshConnection(
      ConnectionSettings settings, ExecutorService io, ScheduledExecutorService timer) {
    this.settings = settings;
    this.channels = new Semaphore(settings.maxChannels(), true);
    this.io = io;
    this.timer = timer;
  }

  /**
   * Returns the settings.
   *
   * @return the settings
   */
  public ConnectionSettings settings() {
    return settings;
  }

  /**
   * Runs a command and captures its output.
   *
   * @param command the quoted command
   * @param timeout the longest the command may take, waiting for a free channel included
   * @return the result
   * @throws SshCommandException on connection failure, timeout or lost connection
   */
  public CommandResult run(QuotedCommand command, Duration timeout) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    List<String> argv = command.argv();
    acquire(deadline, argv, timeout);
    Session session = null;
    OutputCapture out = new OutputCapture(settings.maxOutputBytes(), false);
    OutputCapture err = new OutputCapture(settings.maxOutputBytes(), true);
    try {
      session = openSession(argv);
      log.trace("exec on {}: {}", settings.node(), command);
      Session.Command cmd = session.exec(command.line());
      Future<?> stdout = io.submit(() -> drain(out, cmd.getInputStream()));
      Future<?> stderr = io.submit(() -> drain(err, cmd.getErrorStream()));
      try {
        stdout.get(remaining(deadline), TimeUnit.NANOSECONDS);
        stderr.get(remaining(deadline), TimeUnit.NANOSECONDS);
        cmd.join(Math.max(1, remaining(deadline)), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | net.schmizz.sshj.connection.ConnectionException e) {
        if (e instanceof net.schmizz.sshj.connection.ConnectionException && remaining(deadline) > 0) {
          throw lost(argv, err, e);
        }
        signalQuietly(cmd);
        throw new SshCommandException(Reason.TIMEOUT,
            "the command did not finish within " + timeout + " and was stopped; raise the timeout"
                + " or check the host", settings.node(), settings.address(), argv, null,
            err.tail(STDERR_TAIL), null, null);
      }
      Integer exit = exitCode(cmd);
      if (exit == null) {
        throw lost(argv, err, null);
      }
      return new CommandResult(argv, exit, out.text(), err.text(),
          out.truncated() || err.truncated(), out.total() + err.total(),
          Duration.ofNanos(System.nanoTime() - start));
    } catch (ExecutionException e) {
      throw lost(argv, err, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SshCommandException(Reason.TIMEOUT, "interrupted while the command ran",
          settings.node(), settings.address(), argv, null, err.tail(STDERR_TAIL), null, e);
    } catch (TransportException | net.schmizz.sshj.connection.ConnectionException
        | IllegalStateException e) {
      throw lost(argv, err, e);
    } finally {
      closeQuietly(session);
      channels.release();
    }
  }

  /**
   * Starts a command and hands its standard output to {@code lines}, line by line, on an I/O
   * thread, until it ends, the timeout passes or the handle is closed.
   *
   * @param command the quoted command
   * @param timeout the longest the stream stays open
   * @param lines receives each line
   * @return the handle
   */
  public HostShell.LineStream stream(
      QuotedCommand command, Duration timeout, Consumer<String> lines) {
    long deadline = System.nanoTime() + timeout.toNanos();
    acquire(deadline, command.argv(), timeout);
    return start(command, timeout, lines);
  }

  /** Starts a command on a channel permit the caller holds; releases it if starting fails. */
  private RemoteLineStream start(QuotedCommand command, Duration timeout, Consumer<String> lines) {
    List<String> argv = command.argv();
    Session session = null;
    Session.Command cmd;
    try {
      session = openSession(argv);
      log.trace("exec on {}: {}", settings.node(), command);
      cmd = session.exec(command.line());
    } catch (IOException | RuntimeException e) {
      closeQuietly(session);
      channels.release();
      if (e instanceof SshCommandException sce) {
        throw sce;
      }
      throw lost(argv, null, e);
    }
    return new RemoteLineStream(this, session, cmd, argv, timeout, lines);
  }

  /**
   * Starts a long-lived command with a conversation over its standard input and output; it holds
   * a channel until it ends or the handle is closed. Never waits for a channel: a session is
   * optional to its callers (the task watch polls instead), so when every channel is in use it
   * fails at once rather than queueing ahead of commands.
   *
   * @param command the quoted command
   * @param lines receives each line of standard output
   * @return the handle
   * @throws SshCommandException with {@link Reason#TIMEOUT} when no channel is free, or when the
   *     command cannot be started
   */
  public HostShell.LineSession session(QuotedCommand command, Consumer<String> lines) {
    List<String> argv = command.argv();
    if (!channels.tryAcquire()) {
      throw failure(Reason.TIMEOUT, "no free channel for a long-lived command ("
          + settings.maxChannels() + " in use); it is not queued, try again later or raise"
          + " maxConcurrentChannels", argv, null, null);
    }
    return start(command, null, lines);
  }

  /**
   * Uploads a stream by SFTP into a new file that nobody else can read: created exclusively with
   * the given mode, failing if the name exists.
   *
   * @param remotePath absolute path on the host
   * @param mode the file mode, e.g. {@code 0600}
   * @param content the bytes to write; not closed here
   * @param timeout the longest the upload may take
   * @throws SshCommandException if the upload fails
   */
  public void upload(String remotePath, int mode, InputStream content, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> what = List.of("sftp-put", remotePath);
    acquire(deadline, what, timeout);
    try (SFTPClient sftp = openSftp(what)) {
      sftp.getSFTPEngine().setTimeoutMs(
          (int) Math.min(Integer.MAX_VALUE, Math.max(1, remaining(deadline) / 1_000_000)));
      FileAttributes attributes = new FileAttributes.Builder().withPermissions(mode).build();
      try (RemoteFile file = sftp.open(remotePath,
          EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL), attributes)) {
        try (OutputStream os = file.new RemoteFileOutputStream(0, 16)) {
          content.transferTo(os);
        }
      }
      sftp.chmod(remotePath, mode);
    } catch (IOException e) {
      throw new SshCommandException(Reason.TRANSFER,
          "could not upload to " + remotePath + " (" + e.getMessage() + ")", settings.node(),
          settings.address(), List.of(), null, "", null, e);
    } finally {
      channels.release();
    }
  }

  /**
   * Returns how many more channels may open now.
   *
   * @return free channels
   */
  public int freeChannels() {
    return channels.availablePermits();
  }

  ExecutorService io() {
    return io;
  }

  ScheduledExecutorService timer() {
    return timer;
  }

  void releaseChannel() {
    channels.release();
  }

  /** Disconnects; running commands fail with {@link Reason#CONNECTION_LOST}. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    disconnectQuietly(client);
    client = null;
  }

  /** Drops the current connection, for tests of reconnection and for callers that know better. */
  public synchronized void disconnect() {
    disconnectQuietly(client);
    client = null;
  }

  private Session openSession(List<String> argv) {
    SSHClient current = client(argv);
    try {
      return current.startSession();
    } catch (IOException | IllegalStateException first) {
      // Nothing was started yet, so reconnecting and retrying once is safe.
      log.debug("node {}: opening a channel failed ({}); reconnecting", settings.node(),
          first.toString());
      invalidate(current);
      try {
        return client(argv).startSession();
      } catch (IOException | IllegalStateException second) {
        throw lost(argv, null, second);
      }
    }
  }

  private SFTPClient openSftp(List<String> argv) {
    SSHClient current = client(argv);
    try {
      return current.newSFTPClient();
    } catch (IOException | IllegalStateException first) {
      invalidate(current);
      try {
        return client(argv).newSFTPClient();
      } catch (IOException | IllegalStateException second) {
        throw lost(argv, null, second);
      }
    }
  }

  private synchronized void invalidate(SSHClient stale) {
    if (client == stale) {
      disconnectQuietly(client);
      client = null;
    }
  }

  private synchronized SSHClient client(List<String> argv) {
    if (closed) {
      throw new SshCommandException(Reason.CONNECTION_LOST, "the host shell factory is closed",
          settings.node(), settings.address(), argv, null, "", null, null);
    }
    if (client != null && client.isConnected() && client.isAuthenticated()) {
      return client;
    }
    disconnectQuietly(client);
    client = null;
    client = connect(argv);
    return client;
  }

  private SSHClient connect(List<String> argv) {
    DefaultConfig config = new DefaultConfig();
    config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    SSHClient c = new SSHClient(config);
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
    c.setConnectTimeout(timeoutMs);
    // A read timeout while connecting, so a server that never sends its identification or
    // stalls the handshake cannot block the caller; lifted after authentication (below).
    c.setTimeout(timeoutMs);
    c.getTransport().setTimeoutMs(timeoutMs);
    c.getConnection().setTimeoutMs(timeoutMs);
    c.getConnection().getKeepAlive()
        .setKeepAliveInterval((int) Math.max(0, settings.keepAlive().toSeconds()));
    HostKeyPolicy.Verifier verifier;
    try {
      verifier = settings.hostKeys().newVerifier();
    } catch (IOException e) {
      throw failure(Reason.HOST_KEY_UNKNOWN,
          "could not read the known_hosts file (" + e.getMessage() + ")", argv, null, e);
    }
    c.addHostKeyVerifier(verifier);
    log.debug("node {}: connecting to {}@{}", settings.node(), settings.user(),
        settings.address());
    try {
      c.connect(settings.host(), settings.port());
    } catch (IOException e) {
      disconnectQuietly(c);
      switch (verifier.verdict()) {
        case UNKNOWN:
          throw failure(Reason.HOST_KEY_UNKNOWN, "the server presented host key "
              + verifier.presented() + ", which " + settings.hostKeys()
              + " does not trust; compare it with the host's own key (ssh-keygen -lf"
              + " /etc/ssh/ssh_host_ed25519_key.pub on the host) and add it to known_hosts or pin"
              + " it", argv, verifier.presented(), e);
        case CHANGED:
          throw failure(Reason.HOST_KEY_CHANGED, "the server presented host key "
              + verifier.presented() + ", but " + settings.hostKeys()
              + " records a different key for this host: someone may be intercepting the"
              + " connection, or the host was reinstalled; verify before updating known_hosts",
              argv, verifier.presented(), e);
        default:
          throw failure(Reason.CONNECT, "could not connect (" + e.getMessage()
              + "); check the node's address, port and firewall", argv, null, e);
      }
    }
    try {
      settings.auth().authenticate(c, settings.user());
    } catch (UserAuthException e) {
      disconnectQuietly(c);
      throw failure(Reason.AUTHENTICATION, "the server refused user " + settings.user()
          + " with the configured credentials; check the key in authorized_keys", argv, null, e);
    } catch (IOException e) {
      disconnectQuietly(c);
      throw failure(Reason.AUTHENTICATION,
          "authentication failed (" + e.getMessage() + ")", argv, null, e);
    }
    try {
      c.getSocket().setSoTimeout(0);
      // Commands are small request/answer exchanges: with Nagle's algorithm on, each one can
      // stall for the peer's delayed ACK (40 ms on Linux), several times per command.
      c.getSocket().setTcpNoDelay(true);
    } catch (IOException e) {
      disconnectQuietly(c);
      throw failure(Reason.CONNECT, "could not configure the socket (" + e.getMessage() + ")",
          argv, null, e);
    }
    log.debug("node {}: connected to {}", settings.node(), settings.address());
    return c;
  }

  private void acquire(long deadline, List<String> argv, Duration timeout) {
    try {
      if (!channels.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
        throw failure(Reason.TIMEOUT, "no free channel within " + timeout + " ("
            + settings.maxChannels() + " in use); raise maxConcurrentChannels or the timeout",
            argv, null, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(Reason.TIMEOUT, "interrupted while waiting for a free channel", argv, null, e);
    }
  }

  private SshCommandException failure(
      Reason reason, String detail, List<String> argv, String fingerprint, Throwable cause) {
    return new SshCommandException(reason, detail, settings.node(), settings.address(), argv,
        null, "", fingerprint == null ? null : fingerprint.split(" ")[0], cause);
  }

  SshCommandException ended(List<String> argv, OutputCapture err) {
    return new SshCommandException(Reason.CONNECTION_LOST,
        "the long-lived command has ended, so it takes no more input; start a new one",
        settings.node(), settings.address(), argv, null, err.tail(STDERR_TAIL), null, null);
  }

  SshCommandException lost(List<String> argv, OutputCapture err, Throwable cause) {
    return new SshCommandException(Reason.CONNECTION_LOST,
        "the connection dropped while the command ran"
            + (cause == null ? "" : " (" + cause.getMessage() + ")")
            + "; it may or may not have completed, the next command reconnects",
        settings.node(), settings.address(), argv, null,
        err == null ? "" : err.tail(STDERR_TAIL), null, cause);
  }

  static Void drain(OutputCapture capture, InputStream in) throws IOException {
    capture.drain(in);
    return null;
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  static Integer exitCode(Session.Command cmd) {
    Integer status = cmd.getExitStatus();
    if (status != null) {
      return status;
    }
    Signal signal = cmd.getExitSignal();
    if (signal == null) {
      return null;
    }
    switch (signal) {
      case HUP: return 129;
      case INT: return 130;
      case QUIT: return 131;
      case ILL: return 132;
      case ABRT: return 134;
      case FPE: return 136;
      case KILL: return 137;
      case USR1: return 138;
      case SEGV: return 139;
      case USR2: return 140;
      case PIPE: return 141;
      case ALRM: return 142;
      case TERM: return 143;
      default: return 255;
    }
  }

  static void signalQuietly(Session.Command cmd) {
    try {
      cmd.signal(Signal.TERM);
    } catch (IOException | RuntimeException e) {
      log.trace("could not signal the command: {}", e.toString());
    }
  }

  static void endInputQuietly(Session.Command cmd) {
    try {
      cmd.getOutputStream().close();
    } catch (IOException | RuntimeException e) {
      log.trace("could not end the command's input: {}", e.toString());
    }
  }

  static void closeQuietly(Session session) {
    if (session == null) {
      return;
    }
    try {
      session.close();
    } catch (IOException | RuntimeException e) {
      log.trace("closing a channel failed: {}", e.toString());
    }
  }

  private static void disconnectQuietly(SSHClient c) {
    if (c == null) {
      return;
    }
    try {
      c.disconnect();
    } catch (IOException | RuntimeException e) {
      log.trace("disconnect failed: {}", e.toString());
    }
  }
}
