package dev.proximity.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.AppHandle;
import dev.proximity.AppSummary;
import dev.proximity.Backup;
import dev.proximity.DeleteOption;
import dev.proximity.ProximityException;
import dev.proximity.pve.ConfigLockedException;
import dev.proximity.pve.TaskFailedException;
import dev.proximity.testkit.ContainerInfo;
import dev.proximity.testkit.FaultPlan;
import dev.proximity.testkit.GuestFs;
import dev.proximity.testkit.SimGuest;
import dev.proximity.testkit.ssh.SimFault;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The fault campaign: 300 mixed lifecycle operations over a three-node simulated cluster while the
 * simulators inject HTTP 5xx and 596 answers, dropped connections, slow answers, failing and hanging
 * tasks, config-lock timeouts (of writes and of tasks), expiring tickets, and SSH drops and hangs.
 * Afterwards the cluster must be clean: every operation ended in success or a typed error, no task
 * still runs, no container is left without an app manifest, no lock or temp file remains, every app
 * that is meant to run does so with the compose file its manifest names; and once the SDK is closed,
 * its threads, its HTTPS connections to the Proxmox simulator and its SSH connections are back to
 * the counts before it was created.
 */
class FaultCampaignTest {
  private static final int STREAMS = 6;
  private static final int OPS_PER_STREAM = 50;
  private static final String COMPOSE = "/opt/proximity/app/compose.yaml";

  /** How long closed resources may take to be seen closed: a server sees a close a moment after the client. */
  private static final Duration LEAK_DEADLINE = Duration.ofSeconds(30);

  enum Op { DEPLOY, START, STOP, RESTART, BACKUP, RESTORE, CLONE, RESIZE, DELETE }

  /**
   * What the SDK holds: its threads, its connections to the Proxmox simulator, its SSH connections.
   *
   * @param threads live threads whose name starts with {@code proximity}
   * @param pveConnections HTTPS connections the Proxmox simulator holds open
   * @param sshConnections SSH connections the SSH simulator holds open
   */
  record Held(int threads, int pveConnections, int sshConnections) {
    static Held of(Cluster c) {
      return new Held(sdkThreads(), c.pve.activeConnections(), c.ssh.activeConnections());
    }

    boolean within(Held before) {
      return threads <= before.threads && pveConnections <= before.pveConnections
          && sshConnections <= before.sshConnections;
    }
  }

  /** What the test believes about one app of a stream. */
  static final class Tracked {
    final String name;
    boolean stopped;

    Tracked(String name) {
      this.name = name;
    }
  }

  /** The outcome counts, for the report and the assertions. */
  static final class Tally {
    final Map<Op, int[]> counts = new EnumMap<>(Op.class);
    final List<Throwable> untyped = new ArrayList<>();
    int lockTimeouts;

    synchronized void record(Op op, Throwable failure) {
      int[] c = counts.computeIfAbsent(op, k -> new int[2]);
      if (failure == null) {
        c[0]++;
      } else {
        c[1]++;
        if (!(failure instanceof ProximityException)) {
          untyped.add(failure);
        }
        if (causedByLockTimeout(failure)) {
          lockTimeouts++;
        }
      }
    }

    /** Whether a config-lock timeout outlasted the operation's retries and caused the failure. */
    private static boolean causedByLockTimeout(Throwable failure) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof ConfigLockedException || t instanceof TaskFailedException tf && tf.isConfigLocked()) {
          return true;
        }
      }
      return false;
    }

    synchronized int total() {
      return counts.values().stream().mapToInt(c -> c[0] + c[1]).sum();
    }
  }

  @Test
  void campaign_threeHundredOperationsUnderFaults_leaveTheClusterClean() throws Exception {
    AtomicReference<Held> before = new AtomicReference<>();
    Held after;
    ExecutorService streams = Executors.newFixedThreadPool(STREAMS);
    Tally tally = new Tally();
    List<String> nodes = List.of("pve1", "pve2", "pve3");
    Map<String, Tracked> alive = new ConcurrentHashMap<>();
    try (Cluster c = new Cluster(nodes, b -> b.seed(23),
        p -> p.operationTimeout(Duration.ofSeconds(8)), cluster -> before.set(Held.of(cluster)))) {
      c.pve.faults(FaultPlan.builder().seed(23)
          .serverErrors(0.02, 500, 502, 503, 596)
          .drops(0.01)
          .latency(Duration.ofMillis(20), 0.02)
          .taskFailures(0.03)
          .hangingTasks(0.005)
          .ticketExpiry(0.01)
          .configLockTimeouts(0.02)
          .taskLockTimeouts(0.02)
          .build());
      c.ssh.addFault(SimFault.dropConnection(SimFault.argvContains("compose", "up")).times(3));
      c.ssh.addFault(SimFault.hang(SimFault.argvContains("compose", "pull")).times(1));

      List<Future<?>> running = new ArrayList<>();
      for (int s = 0; s < STREAMS; s++) {
        int stream = s;
        running.add(streams.submit(() -> runStream(c, stream, tally, alive)));
      }
      for (Future<?> f : running) {
        f.get(10, TimeUnit.MINUTES);
      }
      Map<String, Long> injected = c.pve.injectedFaults();
      c.pve.faults(FaultPlan.none());
      c.ssh.clearFaults();
      // hanging tasks end only when stopped; the SDK stops what it abandons, so wait for that
      long stillRunning = eventually(c.pve::activeTaskCount, n -> n == 0, Duration.ofSeconds(30));

      System.out.printf("fault campaign: %d operations%n", tally.total());
      tally.counts.forEach((op, n) -> System.out.printf("  %-8s ok %3d  typed failure %3d%n", op, n[0], n[1]));
      System.out.printf("Proxmox faults injected: %s; typed failures caused by a config-lock timeout: %d%n",
          injected, tally.lockTimeouts);

      assertThat(tally.total()).isEqualTo(STREAMS * OPS_PER_STREAM);
      assertThat(tally.untyped).as("every failure is a ProximityException").isEmpty();
      assertThat(stillRunning).as("Proxmox tasks still running").isZero();
      assertThat(c.pve.locks()).as("locks left behind").isEmpty();
      for (String node : nodes) {
        assertThat(c.ssh.hostFiles(node)).as("temp files on " + node).isEmpty();
      }
      List<AppSummary> apps = c.px.apps();
      assertThat(c.pve.containers()).as("every container is an app with a manifest")
          .filteredOn(ci -> !ci.template())
          .extracting(ContainerInfo::vmid)
          .containsExactlyInAnyOrderElementsOf(apps.stream().map(AppSummary::vmid).toList());
      for (Tracked t : alive.values()) {
        Optional<AppSummary> app = apps.stream().filter(a -> a.name().equals(t.name)).findFirst();
        assertThat(app).as("app %s that reported success still exists", t.name).isPresent();
        assertThat(app.get().version()).as("%s lists its version", t.name).isNotEqualTo("unknown");
        if (!t.stopped) {
          assertRunsItsCompose(c, c.px.app(t.name).info());
        }
      }

      Held during = Held.of(c);
      long closing = System.nanoTime();
      c.closeSdk();
      after = eventually(() -> Held.of(c), held -> held.within(before.get()), LEAK_DEADLINE);
      System.out.printf("held by the SDK (threads, HTTPS connections, SSH connections): before %d/%d/%d,"
          + " at the end %d/%d/%d, after close %d/%d/%d (seen %d ms after close)%n",
          before.get().threads(), before.get().pveConnections(), before.get().sshConnections(),
          during.threads(), during.pveConnections(), during.sshConnections(),
          after.threads(), after.pveConnections(), after.sshConnections(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing));
    } finally {
      streams.shutdownNow();
    }
    assertThat(after.threads()).as("SDK threads after close").isLessThanOrEqualTo(before.get().threads());
    assertThat(after.pveConnections()).as("HTTPS connections to the Proxmox simulator after close")
        .isLessThanOrEqualTo(before.get().pveConnections());
    assertThat(after.sshConnections()).as("SSH connections after close")
        .isLessThanOrEqualTo(before.get().sshConnections());
  }

  private static void runStream(Cluster c, int stream, Tally tally, Map<String, Tracked> alive) {
    Random random = new Random(1000L + stream);
    List<Tracked> mine = new ArrayList<>();
    int seq = 0;
    for (int i = 0; i < OPS_PER_STREAM; i++) {
      Op op = mine.isEmpty() ? Op.DEPLOY : pick(random);
      Tracked target = mine.isEmpty() ? null : mine.get(random.nextInt(mine.size()));
      String fresh = "s" + stream + "-" + (seq++);
      Throwable failure = null;
      try {
        switch (op) {
          case DEPLOY -> {
            c.px.deploy("hello").named(fresh).start();
            track(mine, alive, new Tracked(fresh));
          }
          case START -> {
            c.px.app(target.name).start();
            target.stopped = false;
          }
          case STOP -> {
            target.stopped = true;
            c.px.app(target.name).stop();
          }
          case RESTART -> {
            target.stopped = true;
            c.px.app(target.name).restart();
            target.stopped = false;
          }
          case BACKUP -> c.px.app(target.name).backup("campaign");
          case RESTORE -> {
            AppHandle app = c.px.app(target.name);
            List<Backup> backups = app.backups();
            if (backups.isEmpty()) {
              app.backup("before restore");
              backups = app.backups();
            }
            app.restoreAs(backups.get(0).volid(), fresh);
            track(mine, alive, new Tracked(fresh));
          }
          case CLONE -> {
            c.px.app(target.name).clone(fresh);
            track(mine, alive, new Tracked(fresh));
          }
          case RESIZE -> c.px.app(target.name).resize(r -> r.memoryMb(768 + random.nextInt(4) * 256));
          case DELETE -> {
            mine.remove(target);
            alive.remove(target.name);
            c.px.app(target.name).delete(DeleteOption.FORCE);
          }
          default -> throw new IllegalStateException(op.name());
        }
      } catch (Throwable t) {
        failure = t;
        if (op == Op.START || op == Op.STOP || op == Op.RESTART) {
          // the outcome is unknown: leave the app out of the running check
          target.stopped = true;
        }
      }
      tally.record(op, failure);
    }
  }

  private static Op pick(Random random) {
    int r = random.nextInt(100);
    if (r < 25) {
      return Op.DEPLOY;
    } else if (r < 35) {
      return Op.START;
    } else if (r < 45) {
      return Op.STOP;
    } else if (r < 52) {
      return Op.RESTART;
    } else if (r < 64) {
      return Op.BACKUP;
    } else if (r < 72) {
      return Op.RESTORE;
    } else if (r < 80) {
      return Op.CLONE;
    } else if (r < 90) {
      return Op.RESIZE;
    }
    return Op.DELETE;
  }

  private static void track(List<Tracked> mine, Map<String, Tracked> alive, Tracked t) {
    mine.add(t);
    alive.put(t.name, t);
  }

  private static void assertRunsItsCompose(Cluster c, App app) {
    SimGuest guest = c.pve.guest(app.vmid()).orElseThrow();
    assertThat(guest.running()).as("%s is running", app.name()).isTrue();
    GuestFs.GuestFile compose = guest.fs().read(COMPOSE).orElseThrow(
        () -> new AssertionError(app.name() + " has no compose file"));
    assertThat(sha256(compose.content())).as("%s runs the compose file its manifest names", app.name())
        .isEqualTo(app.manifest().composeSha256());
  }

  /** Reads a value until it satisfies the condition or the deadline passes; returns the last read. */
  private static <T> T eventually(Supplier<T> value, Predicate<T> done, Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    T v = value.get();
    while (!done.test(v) && System.nanoTime() < end) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // a poll interval, not a wait for a guess
      v = value.get();
    }
    return v;
  }

  private static int sdkThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("proximity")).count();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
