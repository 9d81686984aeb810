package dev.proximity.testkit.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One exec request on the simulator: parse, record, inject faults, emulate, exit. */
final class SimCommand implements Command {
  private static final Logger log = LoggerFactory.getLogger(SimCommand.class);

  private final SshHostSimulator sim;
  private final String node;
  private final String line;
  private final CountDownLatch closed = new CountDownLatch(1);
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exit;

  SimCommand(SshHostSimulator sim, String node, String line) {
    this.sim = sim;
    this.node = node;
    this.line = line;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    String user = channel.getSession().getUsername();
    sim.executor().execute(() -> run(channel, user));
  }

  private void run(ChannelSession channel, String user) {
    PrintStream stdout = new PrintStream(out, false, StandardCharsets.UTF_8);
    PrintStream stderr = new PrintStream(err, false, StandardCharsets.UTF_8);
    int code;
    try {
      List<String> argv;
      try {
        argv = ShellWords.split(line);
      } catch (ShellWords.UnsupportedSyntaxException e) {
        sim.record(new RecordedCommand(node, user, line, List.of(), sim.clock().instant()));
        stderr.println("sh: 1: the simulator refuses this command line: " + e.getMessage());
        finish(stdout, stderr, 2);
        return;
      }
      sim.record(new RecordedCommand(node, user, line, argv, sim.clock().instant()));
      if (argv.isEmpty()) {
        finish(stdout, stderr, 0);
        return;
      }
      SimFault fault = sim.claimFault(argv);
      if (fault != null) {
        switch (fault.kind()) {
          case EXIT:
            stderr.print(fault.stderr().endsWith("\n") || fault.stderr().isEmpty()
                ? fault.stderr() : fault.stderr() + "\n");
            finish(stdout, stderr, fault.exitCode());
            return;
          case HANG:
            closed.await();
            return;
          case DROP_CONNECTION:
            channel.getSession().close(true);
            return;
          default:
            break;
        }
      }
      Invocation inv = new Invocation(sim, node, argv, in, stdout, stderr, closed);
      code = HostCommands.run(inv);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException e) {
      log.warn("simulated command failed: {}", e.toString(), e);
      stderr.println("simulator error: " + e);
      code = 70;
    }
    finish(stdout, stderr, code);
  }

  private void finish(PrintStream stdout, PrintStream stderr, int code) {
    stdout.flush();
    stderr.flush();
    if (closed.getCount() == 0) {
      return;
    }
    try {
      out.flush();
      err.flush();
    } catch (IOException e) {
      log.trace("flush failed: {}", e.toString());
    }
    exit.onExit(code);
  }

  @Override
  public void destroy(ChannelSession channel) {
    closed.countDown();
    // a command blocked reading stdin (the task watch) must end with its channel, not linger;
    // MINA closes the pipe on its own too, but the simulator's thread hygiene need not rely on that
    try {
      if (in != null) {
        in.close();
      }
    } catch (IOException e) {
      log.trace("closing stdin failed: {}", e.toString());
    }
  }
}
