package dev.proximity.examples.benchmarks;

import dev.proximity.App;
import dev.proximity.DeployStep;
import dev.proximity.ProgressEvent;
import dev.proximity.ProgressListener;
import dev.proximity.Proximity;
import dev.proximity.examples.benchmarks.CriticalPath.Path;
import dev.proximity.examples.demo.DemoCluster;
import dev.proximity.testkit.StorageSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The deploy scenario of docs/performance.md: 1, 10 and 50 concurrent deploys of {@code hello}
 * over a simulated 3-node cluster whose every modelled step takes its {@link
 * DeployLatencies#realistic() realistic} latency (scaled), against the {@link CriticalPath} lower
 * bound computed from the same latencies; fresh path and golden-template path.
 */
final class DeployScenario {
  /** Real seconds per simulated second: the 50-deploy fresh run takes about 14 s. */
  static final double SCALE = 0.1;
  private static final List<String> NODES = List.of("pve1", "pve2", "pve3");
  /** The steps whose time the step table shows, in pipeline order. */
  private static final List<DeployStep> STEPS = List.of(DeployStep.RESOLVE, DeployStep.PLACE,
      DeployStep.TEMPLATE, DeployStep.ALLOCATE, DeployStep.CREATE, DeployStep.START,
      DeployStep.NETWORK, DeployStep.INSTALL_DOCKER, DeployStep.PUSH, DeployStep.COMPOSE_UP,
      DeployStep.HEALTH);

  private DeployScenario() {}

  /**
   * Runs the scenario and prints its tables.
   *
   * @param quick 1 and 10 deploys only
   * @throws Exception when a deploy fails
   */
  static void run(boolean quick) throws Exception {
    DeployLatencies lat = DeployLatencies.realistic();
    Table table = new Table("path", "deploys", "wall ms", "critical-path bound ms", "ratio",
        "API requests/deploy", "SSH commands/deploy");
    List<String> header = new ArrayList<>(List.of("path", "deploys"));
    STEPS.forEach(s -> header.add(s.label()));
    Table steps = new Table(header.toArray(String[]::new));
    int[] counts = quick ? new int[] {1, 10} : new int[] {1, 10, 50};
    for (int count : counts) {
      for (Path path : Path.values()) {
        StepClock clock = new StepClock();
        try (DemoCluster demo = DemoCluster.builder().nodes(NODES).timeScale(SCALE)
            .simulator(b -> {
              // a new cluster: no OS template on any node yet
              b.storage(StorageSpec.builder("local").type("dir")
                  .content("vztmpl", "iso", "backup").build());
              b.storage(StorageSpec.builder("local-lvm").type("lvmthin")
                  .content("rootdir", "images").build());
              lat.applyTo(b);
            })
            .guestTimings(lat.guestTimings())
            .sdk(b -> b.progressListener(clock)).start()) {
          Proximity px = demo.proximity();
          if (path == Path.GOLDEN) {
            CompletableFuture.allOf(NODES.stream().map(n -> CompletableFuture.runAsync(
                () -> px.templates().prepareGolden(n))).toArray(CompletableFuture[]::new)).join();
          }
          // The first use in a process logs in, loads the catalog and warms the JIT: once per
          // process, not per deploy, so it stays out of the timed part (plan() changes nothing),
          px.deploy("hello").plan();
          for (String node : NODES) { // and so is each node's SSH connection
            demo.shells().forNode(node).run(List.of("true"), Duration.ofSeconds(30));
          }
          demo.pve().clearRequests();
          demo.ssh().clearRecords();
          clock.reset();
          long start = System.nanoTime();
          List<CompletableFuture<App>> all = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            all.add(px.deploy("hello").named("d" + i).startAsync());
          }
          all.forEach(CompletableFuture::join);
          double wall = (System.nanoTime() - start) / 1e6;
          double bound = CriticalPath.lowerBound(lat, path, count, NODES.size(), 1).toNanos()
              * SCALE / 1e6;
          String label = path == Path.GOLDEN ? "golden template (linked clone)"
              : "fresh (template download, create, Docker install)";
          table.row(label, count, f(wall), f(bound), f(wall / bound),
              f(demo.pve().requests().size() / (double) count),
              f(demo.ssh().commands().size() / (double) count));
          List<Object> row = new ArrayList<>(List.of(path.name().toLowerCase(), count));
          Map<DeployStep, Double> means = clock.meanMillis();
          STEPS.forEach(s -> row.add(means.containsKey(s) ? f(means.get(s)) : "-"));
          steps.row(row.toArray());
        }
      }
    }
    System.out.println("## Deploys over a 3-node cluster (step latencies scaled by " + SCALE
        + ")\n");
    System.out.println(table.render());
    System.out.println("Mean ms per step (from the deploys' progress events; a step ends where the"
        + " next begins):\n");
    System.out.println(steps.render());
    Table model = new Table("step", "model latency ms (scaled)");
    model.row("template (download, fresh)", f(ms(lat.download())));
    model.row("create (fresh) / clone (golden)", f(ms(lat.create())) + " / " + f(ms(lat.linkedClone())));
    model.row("start", f(ms(lat.start())));
    model.row("network (DHCP)", f(ms(lat.dhcp())));
    model.row("install-docker (fresh)", f(ms(lat.dockerInstall())));
    model.row("compose-up (pull + start)", f(ms(lat.imagePull().plus(lat.containerStart()))));
    model.row("health", f(ms(lat.healthy())));
    System.out.println(model.render());
  }

  private static double ms(Duration simulated) {
    return simulated.toNanos() * SCALE / 1e6;
  }

  private static String f(double value) {
    return String.format("%.2f", value);
  }

  /** When each deploy's steps began, by {@link System#nanoTime()}, from its progress events. */
  private static final class StepClock implements ProgressListener {
    private record Mark(DeployStep step, long nanos) {}

    private final Map<String, ConcurrentLinkedQueue<Mark>> marks = new ConcurrentHashMap<>();

    @Override
    public void onProgress(ProgressEvent event) {
      if (event.operation().equals("deploy")) {
        marks.computeIfAbsent(event.app(), a -> new ConcurrentLinkedQueue<>())
            .add(new Mark(event.step(), System.nanoTime()));
      }
    }

    void reset() {
      marks.clear();
    }

    /** The mean time from each step's first event to the next step's, over the deploys. */
    Map<DeployStep, Double> meanMillis() {
      Map<DeployStep, double[]> sums = new EnumMap<>(DeployStep.class);
      for (ConcurrentLinkedQueue<Mark> queue : marks.values()) {
        List<Mark> firsts = new ArrayList<>();
        for (Mark m : queue) {
          if (firsts.isEmpty() || firsts.get(firsts.size() - 1).step() != m.step()) {
            firsts.add(m);
          }
        }
        for (int i = 0; i + 1 < firsts.size(); i++) {
          double[] sum = sums.computeIfAbsent(firsts.get(i).step(), s -> new double[2]);
          sum[0] += (firsts.get(i + 1).nanos() - firsts.get(i).nanos()) / 1e6;
          sum[1]++;
        }
      }
      Map<DeployStep, Double> out = new EnumMap<>(DeployStep.class);
      sums.forEach((step, sum) -> out.put(step, sum[0] / sum[1]));
      return out;
    }
  }
}
