package dev.proximity.testkit.ssh;

import dev.proximity.testkit.GuestFs;
import dev.proximity.testkit.SimGuest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commands inside a container ({@code pct exec VMID -- ...}): the Docker install script, Docker
 * and Compose (delegated to {@link ComposeEngine}), files, and the system views the safe commands
 * read ({@code df}, {@code free}, {@code ip}, {@code ps}, {@code uname}), with realistic shapes.
 */
final class GuestCommands {
  static final String INSTALL_SCRIPT = "/opt/proximity/install-docker.sh";

  private GuestCommands() {}

  static int run(Invocation inv, SimGuest guest) throws InterruptedException {
    List<String> argv = inv.argv;
    String program = argv.get(0);
    switch (program) {
      case "docker":
        if (!DockerState.installed(guest.fs())) {
          return execFailed(inv, guest, program);
        }
        return ComposeEngine.docker(inv, guest);
      case "sh":
      case "bash":
        return shell(inv, guest);
      case "mkdir":
      case "true":
        return 0;
      case "false":
        return 1;
      case "echo":
        return echo(inv);
      case "cat":
        return cat(inv, guest.fs());
      case "rm":
        for (String word : argv.subList(1, argv.size())) {
          if (word.startsWith("/")) {
            guest.fs().delete(word);
          }
        }
        return 0;
      case "hostname":
        inv.out.println(guest.hostname());
        return 0;
      case "uname":
        inv.out.println(argv.contains("-a") ? "Linux " + guest.hostname() + " "
            + HostCommands.KERNEL + HostCommands.UNAME_TAIL : "Linux");
        return 0;
      case "df":
        return df(inv, guest);
      case "free":
        return free(inv, guest);
      case "ip":
        return ip(inv, guest);
      case "ps":
        return ps(inv, guest);
      default:
        return execFailed(inv, guest, program);
    }
  }

  static int echo(Invocation inv) {
    List<String> words = inv.argv.subList(1, inv.argv.size());
    boolean newline = true;
    if (!words.isEmpty() && words.get(0).equals("-n")) {
      newline = false;
      words = words.subList(1, words.size());
    }
    inv.out.print(String.join(" ", words) + (newline ? "\n" : ""));
    return 0;
  }

  private static int execFailed(Invocation inv, SimGuest guest, String program) {
    return inv.fail(127, "lxc-attach: " + guest.vmid() + ": ../src/lxc/attach.c:"
        + " lxc_attach_run_command: 1841 No such file or directory - Failed to exec \""
        + program + "\"");
  }

  private static int shell(Invocation inv, SimGuest guest) throws InterruptedException {
    List<String> argv = inv.argv;
    if (argv.size() >= 2 && argv.get(1).equals("-c")) {
      return inv.fail(2, argv.get(0) + ": the simulator does not run shell strings (-c)");
    }
    if (argv.size() != 2) {
      return inv.fail(2, argv.get(0) + ": the simulator runs only " + INSTALL_SCRIPT);
    }
    String script = argv.get(1);
    if (guest.fs().read(script).isEmpty()) {
      return inv.fail(2, argv.get(0) + ": 0: cannot open " + script + ": No such file");
    }
    if (!script.equals(INSTALL_SCRIPT)) {
      return inv.fail(2, argv.get(0) + ": the simulator runs only " + INSTALL_SCRIPT);
    }
    if (inv.work(inv.sim.timings().dockerInstall())) {
      return 130; // the client gave up; apt never finished
    }
    GuestFs fs = guest.fs();
    synchronized (fs) {
      inv.out.println("# Executing docker install script, commit: 4c94a56999e10efcf48c5b8e3f6afea464f9108e");
      inv.out.println("+ sh -c apt-get -qq update >/dev/null");
      inv.out.println("+ sh -c DEBIAN_FRONTEND=noninteractive apt-get -y -qq install docker-ce"
          + " docker-ce-cli containerd.io docker-compose-plugin >/dev/null");
      inv.out.println("+ sh -c docker version");
      byte[] stub = ("#!/bin/sh\n# simulated docker " + DockerState.VERSION + "\n")
          .getBytes(StandardCharsets.UTF_8);
      fs.write(DockerState.DOCKER_BINARY, stub, 0755);
      fs.write(DockerState.COMPOSE_PLUGIN, stub, 0755);
      DockerState state = DockerState.load(fs);
      if (!state.networks.contains("bridge")) {
        state.networks.add("bridge");
      }
      state.save(fs);
    }
    inv.out.println("Client: Docker Engine - Community");
    inv.out.println(" Version:           " + DockerState.VERSION);
    inv.out.println("Server: Docker Engine - Community");
    inv.out.println(" Engine:");
    inv.out.println("  Version:          " + DockerState.VERSION);
    return 0;
  }

  private static int cat(Invocation inv, GuestFs fs) {
    int status = 0;
    for (String path : inv.argv.subList(1, inv.argv.size())) {
      Optional<GuestFs.GuestFile> file = fs.read(path);
      if (file.isEmpty()) {
        inv.err.println("cat: " + path + ": No such file or directory");
        status = 1;
      } else {
        inv.out.write(file.get().content(), 0, file.get().content().length);
      }
    }
    return status;
  }

  private static int df(Invocation inv, SimGuest guest) {
    long size = guest.rootfsGiB() * 1024L * 1024 * 1024;
    long used = 1_300L * 1024 * 1024;
    DockerState state = DockerState.load(guest.fs());
    for (DockerState.Image image : state.images.values()) {
      used += image.size;
    }
    for (Map.Entry<String, GuestFs.GuestFile> file : guest.fs().snapshot().entrySet()) {
      used += file.getValue().content().length;
    }
    used = Math.min(used, size);
    long avail = size - used;
    long percent = Math.round(100.0 * used / size);
    String dev = "/dev/mapper/pve-vm--" + guest.vmid() + "--disk--0";
    boolean human = inv.argv.contains("-h");
    String header = human ? "Size  Used Avail" : "1K-blocks    Used Available";
    inv.out.println(String.format("%-32s %s Use%% Mounted on", "Filesystem", header));
    inv.out.println(row(dev, size, used, avail, percent + "%", "/", human));
    inv.out.println(row("none", 492L * 1024, 4096, 488L * 1024, "1%", "/dev", human));
    long mem = guest.memoryMiB() * 1024L * 1024;
    inv.out.println(row("tmpfs", mem / 2, 0, mem / 2, "0%", "/dev/shm", human));
    inv.out.println(row("tmpfs", mem / 5, 106_496, mem / 5 - 106_496, "1%", "/run", human));
    inv.out.println(row("tmpfs", 5L * 1024 * 1024, 0, 5L * 1024 * 1024, "0%", "/run/lock",
        human));
    for (DockerState.Container c : state.containers.values()) {
      if ("running".equals(c.state)) {
        inv.out.println(row("overlay", size, used, avail, percent + "%",
            "/var/lib/docker/overlay2/" + c.id + "/merged", human));
      }
    }
    return 0;
  }

  private static String row(String fs, long size, long used, long avail, String use,
      String mount, boolean human) {
    if (human) {
      return String.format("%-32s %4s  %4s  %4s %4s %s", fs, human(size), human(used),
          human(avail), use, mount);
    }
    return String.format("%-32s %9d %7d %9d %4s %s", fs, size / 1024, used / 1024, avail / 1024,
        use, mount);
  }

  static String human(long bytes) {
    if (bytes == 0) {
      return "0";
    }
    String[] units = {"", "K", "M", "G", "T"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    if (unit == 0) {
      return Long.toString(bytes);
    }
    return value < 10 ? String.format("%.1f%s", Math.ceil(value * 10) / 10, units[unit])
        : String.format("%d%s", (long) Math.ceil(value), units[unit]);
  }

  private static int free(Invocation inv, SimGuest guest) {
    DockerState state = DockerState.load(guest.fs());
    long running = state.containers.values().stream()
        .filter(c -> "running".equals(c.state)).count();
    long total = guest.memoryMiB();
    long used = Math.min(total, 48 + (DockerState.installed(guest.fs()) ? 60 : 0) + 45 * running);
    long cache = Math.min(total - used, 30 + 20 * running);
    long free = total - used - cache;
    inv.out.println("               total        used        free      shared  buff/cache"
        + "   available");
    inv.out.println(String.format("Mem:    %12d%12d%12d%12d%12d%12d", total, used, free, 0,
        cache, total - used));
    inv.out.println(String.format("Swap:   %12d%12d%12d", guest.swapMiB(), 0, guest.swapMiB()));
    return 0;
  }

  private static int ip(Invocation inv, SimGuest guest) {
    String ipv4 = guest.ipv4().map(a -> a + "/24 ").orElse("");
    int vmid = guest.vmid();
    String mac = String.format("be24:11ff:fe%02x:%02x%02x", vmid % 256, (vmid / 256) % 256,
        vmid % 97);
    inv.out.println(String.format("%-16s %-14s %s", "lo", "UNKNOWN", "127.0.0.1/8 ::1/128 "));
    inv.out.println(String.format("%-16s %-14s %s", "eth0@if" + (vmid % 90 + 10), "UP",
        ipv4 + "fe80::" + mac + "/64 "));
    if (DockerState.installed(guest.fs())) {
      DockerState state = DockerState.load(guest.fs());
      boolean anyRunning = state.containers.values().stream()
          .anyMatch(c -> "running".equals(c.state));
      inv.out.println(String.format("%-16s %-14s %s", "docker0", "DOWN", "172.17.0.1/16 "));
      int subnet = 18;
      for (String network : state.networks) {
        if (!network.equals("bridge")) {
          inv.out.println(String.format("%-16s %-14s %s",
              "br-" + ComposeEngine.shortId(network), anyRunning ? "UP" : "DOWN",
              "172." + subnet++ + ".0.1/16 "));
        }
      }
    }
    return 0;
  }

  private static int ps(Invocation inv, SimGuest guest) {
    inv.out.println("    PID    PPID USER     %CPU %MEM   RSS     ELAPSED COMMAND");
    inv.out.println(psRow(1, 0, "root", 0.0, 1.2, 12_288, "systemd"));
    inv.out.println(psRow(48, 1, "root", 0.0, 0.9, 9_216, "systemd-journal"));
    inv.out.println(psRow(97, 1, "root", 0.0, 0.5, 5_120, "cron"));
    inv.out.println(psRow(112, 1, "root", 0.0, 0.6, 6_144, "sshd"));
    int pid = 200;
    if (DockerState.installed(guest.fs())) {
      inv.out.println(psRow(pid++, 1, "root", 0.2, 4.1, 42_000, "containerd"));
      inv.out.println(psRow(pid++, 1, "root", 0.4, 7.5, 76_800, "dockerd"));
      DockerState state = DockerState.load(guest.fs());
      for (DockerState.Container c : state.containers.values()) {
        if ("running".equals(c.state)) {
          int shim = pid++;
          inv.out.println(psRow(shim, 1, "root", 0.0, 1.1, 11_264, "containerd-shim"));
          String comm = c.image.replaceAll("^.*/", "").replaceAll("[:@].*$", "");
          inv.out.println(psRow(pid++, shim, "root", 0.3, 2.4, 24_576,
              comm.length() > 15 ? comm.substring(0, 15) : comm));
        }
      }
    }
    inv.out.println(psRow(pid, 1, "root", 0.0, 0.3, 3_328, "ps"));
    return 0;
  }

  private static String psRow(int pid, int ppid, String user, double cpu, double mem, int rss,
      String comm) {
    return String.format("%7d %7d %-8s %4.1f %4.1f %5d %11s %s", pid, ppid, user, cpu, mem, rss,
        "01:23:45", comm);
  }
}
