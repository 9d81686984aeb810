package dev.proximity.testkit.ssh;

import dev.proximity.testkit.SimGuest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Proxmox host's commands: {@code pct exec/push/list/status}, {@code rm}, the task watch and a
 * few basics.
 */
final class HostCommands {
  static final String KERNEL = "6.8.12-4-pve";
  static final String UNAME_TAIL =
      " #1 SMP PREEMPT_DYNAMIC PMX 6.8.12-4 (2024-11-06T15:04Z) x86_64 GNU/Linux";

  private HostCommands() {}

  static int run(Invocation inv) throws InterruptedException {
    List<String> argv = inv.argv;
    switch (argv.get(0)) {
      case "pct":
        return pct(inv);
      case "rm":
        return rm(inv);
      case "echo":
        return GuestCommands.echo(inv);
      case "true":
        return 0;
      case "false":
        return 1;
      case "cat":
        return cat(inv);
      case "hostname":
        inv.out.println(inv.node);
        return 0;
      case "uname":
        inv.out.println(argv.contains("-a")
            ? "Linux " + inv.node + " " + KERNEL + UNAME_TAIL : "Linux");
        return 0;
      case "bash":
        if (TaskWatch.matches(argv)) {
          return TaskWatch.run(inv);
        }
        return inv.fail(2, "bash: the simulator runs no shell strings on the host but the task"
            + " watch (argv: bash -c SCRIPT " + TaskWatch.MARKER + ")");
      case "pveversion":
        inv.out.println("pve-manager/8.3.0/c1689ccb1065a83b (running kernel: " + KERNEL + ")");
        return 0;
      default:
        return inv.fail(127, "bash: line 1: " + argv.get(0) + ": command not found");
    }
  }

  private static int pct(Invocation inv) throws InterruptedException {
    List<String> argv = inv.argv;
    if (argv.size() < 2) {
      return inv.fail(255, "ERROR: no command specified");
    }
    switch (argv.get(1)) {
      case "exec":
        return pctExec(inv);
      case "push":
        return pctPush(inv);
      case "list":
        return pctList(inv);
      case "status":
        return pctStatus(inv);
      default:
        return inv.fail(255, "ERROR: unknown command 'pct " + argv.get(1) + "'");
    }
  }

  private static Optional<Integer> vmid(Invocation inv, String text) {
    if (!text.matches("[1-9][0-9]{2,8}")) {
      inv.err.println("400 Parameter verification failed.");
      inv.err.println("vmid: invalid format - value does not look like a valid VM ID");
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(text));
  }

  private static Optional<SimGuest> runningGuest(Invocation inv, int vmid) {
    Optional<SimGuest> guest = inv.sim.directory().guest(inv.node, vmid);
    if (guest.isEmpty()) {
      inv.err.println("Configuration file 'nodes/" + inv.node + "/lxc/" + vmid
          + ".conf' does not exist");
      return Optional.empty();
    }
    if (!guest.get().running()) {
      inv.err.println("CT " + vmid + " not running");
      return Optional.empty();
    }
    return guest;
  }

  private static int pctExec(Invocation inv) throws InterruptedException {
    List<String> argv = inv.argv;
    if (argv.size() < 3) {
      return inv.fail(255, "400 not enough arguments\npct exec <vmid> [<extra-args>]");
    }
    Optional<Integer> vmid = vmid(inv, argv.get(2));
    if (vmid.isEmpty()) {
      return 255;
    }
    int from = argv.size() > 3 && argv.get(3).equals("--") ? 4 : 3;
    List<String> inner = argv.subList(from, argv.size());
    Optional<SimGuest> guest = runningGuest(inv, vmid.get());
    if (guest.isEmpty()) {
      return 255;
    }
    if (inner.isEmpty()) {
      return inv.fail(255, "interactive shells are not emulated; pass a command after --");
    }
    return GuestCommands.run(inv.withArgv(List.copyOf(inner)), guest.get());
  }

  private static int pctPush(Invocation inv) {
    List<String> argv = inv.argv;
    List<String> positional = new ArrayList<>();
    int perms = 0644;
    for (int i = 2; i < argv.size(); i++) {
      String word = argv.get(i);
      if (word.equals("--perms") && i + 1 < argv.size()) {
        String value = argv.get(++i);
        try {
          perms = value.startsWith("0x") ? Integer.parseInt(value.substring(2), 16)
              : Integer.parseInt(value, 8);
        } catch (NumberFormatException e) {
          return inv.fail(255, "400 Parameter verification failed.\nperms: invalid format");
        }
      } else if ((word.equals("--user") || word.equals("--group")) && i + 1 < argv.size()) {
        i++;
      } else if (word.startsWith("--")) {
        return inv.fail(255, "Unknown option: " + word.substring(2));
      } else {
        positional.add(word);
      }
    }
    if (positional.size() != 3) {
      return inv.fail(255, "400 wrong number of arguments\n"
          + "pct push <vmid> <file> <destination> [OPTIONS]");
    }
    Optional<Integer> vmid = vmid(inv, positional.get(0));
    if (vmid.isEmpty()) {
      return 255;
    }
    Optional<SimGuest> guest = runningGuest(inv, vmid.get());
    if (guest.isEmpty()) {
      return 255;
    }
    Path source = inv.sim.hostPath(inv.node, positional.get(1));
    String target = positional.get(2);
    if (source == null || !Files.isRegularFile(source)) {
      return inv.fail(255, "can't open '" + positional.get(1) + "' - No such file or directory");
    }
    if (!target.startsWith("/")) {
      return inv.fail(255, "destination must be an absolute path");
    }
    try {
      byte[] content = Files.readAllBytes(source);
      guest.get().fs().write(target, content, perms);
      inv.sim.recordPush(new RecordedPush(inv.node, vmid.get(), positional.get(1), target,
          perms, posixMode(source), content.length));
      return 0;
    } catch (IOException e) {
      return inv.fail(255, "can't open '" + positional.get(1) + "' - " + e.getMessage());
    }
  }

  private static int pctList(Invocation inv) {
    inv.out.println("VMID       Status     Lock         Name                ");
    if (inv.sim.directory() instanceof GuestListing listing) {
      listing.guests(inv.node).stream()
          .sorted(Comparator.comparingInt(SimGuest::vmid))
          .forEach(g -> inv.out.println(String.format("%-10d %-10s %-12s %-20s", g.vmid(),
              g.running() ? "running" : "stopped", "", g.hostname())));
    }
    return 0;
  }

  private static int pctStatus(Invocation inv) {
    if (inv.argv.size() < 3) {
      return inv.fail(255, "400 not enough arguments\npct status <vmid>");
    }
    Optional<Integer> vmid = vmid(inv, inv.argv.get(2));
    if (vmid.isEmpty()) {
      return 255;
    }
    Optional<SimGuest> guest = inv.sim.directory().guest(inv.node, vmid.get());
    if (guest.isEmpty()) {
      return inv.fail(255, "Configuration file 'nodes/" + inv.node + "/lxc/" + vmid.get()
          + ".conf' does not exist");
    }
    inv.out.println("status: " + (guest.get().running() ? "running" : "stopped"));
    return 0;
  }

  private static int rm(Invocation inv) {
    boolean force = false;
    boolean options = true;
    int status = 0;
    for (String word : inv.argv.subList(1, inv.argv.size())) {
      if (options && word.equals("--")) {
        options = false;
      } else if (options && word.startsWith("-") && word.length() > 1) {
        force |= word.contains("f");
      } else {
        Path path = inv.sim.hostPath(inv.node, word);
        try {
          if (path == null || !Files.deleteIfExists(path)) {
            if (!force) {
              inv.err.println("rm: cannot remove '" + word + "': No such file or directory");
              status = 1;
            }
          }
        } catch (IOException e) {
          inv.err.println("rm: cannot remove '" + word + "': " + e.getMessage());
          status = 1;
        }
      }
    }
    return status;
  }

  private static int cat(Invocation inv) {
    int status = 0;
    for (String word : inv.argv.subList(1, inv.argv.size())) {
      Path path = inv.sim.hostPath(inv.node, word);
      try {
        if (path == null || !Files.isRegularFile(path)) {
          inv.err.println("cat: " + word + ": No such file or directory");
          status = 1;
        } else {
          inv.out.write(Files.readAllBytes(path));
        }
      } catch (IOException e) {
        inv.err.println("cat: " + word + ": " + e.getMessage());
        status = 1;
      }
    }
    return status;
  }

  private static int posixMode(Path path) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
      int mode = 0;
      for (PosixFilePermission p : perms) {
        mode |= 1 << (8 - p.ordinal());
      }
      return mode;
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }
}
