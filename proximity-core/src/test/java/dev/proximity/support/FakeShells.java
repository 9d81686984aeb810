package dev.proximity.support;

import dev.proximity.InvalidRequestException;
import dev.proximity.spi.CommandResult;
import dev.proximity.spi.HostShell;
import dev.proximity.spi.HostShellFactory;
import dev.proximity.testkit.GuestDirectory;
import dev.proximity.testkit.GuestFs;
import dev.proximity.testkit.SimGuest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A tiny in-test host shell over the Proxmox simulator's guest file systems, emulating the commands
 * of docs/container-contract.md with one service {@code web}. Core's tests use it because the real
 * SSH layer lives in a module that depends on core.
 */
public final class FakeShells implements HostShellFactory {
  private static final String DOCKER = "/usr/bin/docker";
  private static final String UP = "/var/lib/fake-compose/up";

  private final GuestDirectory guests;
  /** Every argv received, for assertions. */
  public final List<List<String>> received = new CopyOnWriteArrayList<>();
  /** Output that {@code compose up} prints and fails with, when set. */
  public volatile String failComposeUpWith;
  /** Health reported by {@code compose ps}. */
  public volatile String health = "healthy";
  /** When set, {@code compose ps} reports unhealthy while the compose file contains this text. */
  public volatile String unhealthyWhenComposeContains;

  public FakeShells(GuestDirectory guests) {
    this.guests = guests;
  }

  @Override
  public HostShell forNode(String node) {
    return new Shell(node);
  }

  @Override
  public void close() {}

  private final class Shell implements HostShell {
    private final String node;

    Shell(String node) {
      this.node = node;
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
      received.add(argv);
      return result(argv, 0, "", "");
    }

    private Optional<GuestFs> fs(int vmid) {
      return guests.guest(node, vmid).filter(SimGuest::running).map(SimGuest::fs);
    }

    @Override
    public CommandResult exec(int vmid, List<String> argv, Duration timeout) {
      received.add(argv);
      Optional<GuestFs> maybe = fs(vmid);
      if (maybe.isEmpty()) {
        return result(argv, 255, "", "CT " + vmid + " not running");
      }
      GuestFs fs = maybe.get();
      String joined = String.join(" ", argv);
      if (joined.startsWith("docker version")) {
        return fs.read(DOCKER).isPresent() ? result(argv, 0, "27.3.1\n", "")
            : result(argv, 127, "", "docker: not found");
      }
      if (argv.get(0).equals("sh")) {
        fs.write(DOCKER, new byte[0], 0755);
        return result(argv, 0, "proximity: docker installed\n", "");
      }
      if (argv.get(0).equals("mkdir")) {
        return result(argv, 0, "", "");
      }
      if (argv.get(0).equals("cat")) {
        return fs.read(argv.get(1))
            .map(f -> result(argv, 0, new String(f.content(), StandardCharsets.UTF_8), ""))
            .orElse(result(argv, 1, "", "cat: " + argv.get(1) + ": No such file or directory"));
      }
      if (argv.get(0).equals("docker") && argv.get(1).equals("compose")) {
        String verb = argv.get(6);
        switch (verb) {
          case "up":
            if (failComposeUpWith != null) {
              return result(argv, 1, "", failComposeUpWith);
            }
            fs.write(UP, new byte[] {1}, 0644);
            return result(argv, 0, "", " Container app-web-1  Started\n");
          case "down":
            fs.delete(UP);
            return result(argv, 0, "", "");
          case "pull":
            return result(argv, 0, "", "");
          case "ps":
            String h = health;
            String bad = unhealthyWhenComposeContains;
            if (bad != null && fs.read("/opt/proximity/app/compose.yaml")
                .map(c -> new String(c.content(), StandardCharsets.UTF_8).contains(bad))
                .orElse(false)) {
              h = "unhealthy";
            }
            return result(argv, 0, fs.read(UP).isPresent()
                ? "{\"Service\":\"web\",\"Name\":\"app-web-1\",\"State\":\"running\",\"Health\":\""
                    + h + "\"}\n" : "", "");
          case "logs":
            return result(argv, 0, "web-1  | 2026-01-01T00:00:00Z ready\n", "");
          default:
            return result(argv, 1, "", "unknown compose verb " + verb);
        }
      }
      return result(argv, 127, "", argv.get(0) + ": not found");
    }

    @Override
    public LineStream stream(int vmid, List<String> argv, Duration timeout,
        Consumer<String> lines) {
      CommandResult r = exec(vmid, argv, timeout);
      for (String l : r.stdout().split("\n")) {
        if (!l.isEmpty()) {
          lines.accept(l);
        }
      }
      return new LineStream() {
        @Override
        public OptionalInt await(Duration t) {
          return OptionalInt.of(r.exitCode());
        }

        @Override
        public void close() {}
      };
    }

    /**
     * Refuses: these fake hosts have no processes to watch, so the facade's task watch fails over
     * to polling, as with a host where the watch cannot start.
     */
    @Override
    public LineSession session(List<String> argv, Consumer<String> lines) {
      throw new InvalidRequestException(InvalidRequestException.Reason.NOT_CONFIGURED,
          "FakeShells node " + node + " runs no long-lived host commands; task waits poll");
    }

    @Override
    public void push(int vmid, byte[] content, String targetPath, int mode) {
      received.add(List.of("pct", "push", Integer.toString(vmid), targetPath,
          Integer.toOctalString(mode)));
      fs(vmid).orElseThrow(() -> new IllegalStateException("CT " + vmid + " not running"))
          .write(targetPath, content, mode);
    }

    @Override
    public void push(int vmid, Path source, String targetPath, int mode) {
      try {
        push(vmid, Files.readAllBytes(source), targetPath, mode);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static CommandResult result(List<String> argv, int code, String out, String err) {
    return new CommandResult(argv, code, out, err, false, out.length() + err.length(),
        Duration.ZERO);
  }
}
