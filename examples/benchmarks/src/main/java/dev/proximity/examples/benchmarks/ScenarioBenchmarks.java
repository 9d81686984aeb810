package dev.proximity.examples.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proximity.App;
import dev.proximity.AppSummary;
import dev.proximity.Proximity;
import dev.proximity.command.CommandTarget;
import dev.proximity.command.SafeCommand;
import dev.proximity.command.SafeCommands;
import dev.proximity.examples.demo.DemoCluster;
import dev.proximity.pve.PveClient;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.Task;
import dev.proximity.pve.TaskDurationSnapshot;
import dev.proximity.pve.TaskEndWatch;
import dev.proximity.pve.TlsTrust;
import dev.proximity.pve.model.ClusterResource;
import dev.proximity.pve.model.ResourceType;
import dev.proximity.pve.model.Tags;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.ssh.SshHostShells;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import dev.proximity.testkit.ssh.SshHostSimulator;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The scenario benchmarks behind docs/performance.md: each figure is a ratio against a floor measured
 * in the same run, on loopback against the testkit simulators, so it holds on a noisy machine.
 *
 * <p>Run with {@code examples/benchmarks/run.sh}; it prints Markdown tables.
 */
public final class ScenarioBenchmarks {
  static final String TOKEN_ID = "root@pam!bench";
  static final String TOKEN_SECRET = "bench-secret-0000";
  /** The simulated host's root password, for the SSH task watch of the task-wait scenario. */
  private static final String HOST_PASSWORD = "bench-host-0000";
  private static final ObjectMapper PLAIN = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ScenarioBenchmarks() {}

  /**
   * Runs every scenario and prints the tables.
   *
   * @param args {@code --quick} for fewer iterations and smaller scenarios; {@code --only NAME}
   *     runs one scenario: {@code client}, {@code task-waits}, {@code ssh} or {@code deploys}
   * @throws Exception when a scenario fails
   */
  public static void main(String[] args) throws Exception {
    // The floor client talks to the simulator by IP; its self-signed certificate names localhost.
    System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
    boolean quick = List.of(args).contains("--quick");
    int at = List.of(args).indexOf("--only");
    String only = at >= 0 && at + 1 < args.length ? args[at + 1] : null;
    if ("listing".equals(only)) {
      listingOnly(); // the listing row alone; "client" measures it with the other client rows
      return;
    }
    System.out.printf("# Proximity scenario benchmarks, %s, %d cores, Java %s%n%n", LocalDate.now(),
        Runtime.getRuntime().availableProcessors(), Runtime.version());
    if (only == null || only.equals("client")) {
      clientOverhead(quick);
    }
    if (only == null || only.equals("task-waits")) {
      taskWaits(quick);
    }
    if (only == null || only.equals("ssh")) {
      ssh(quick);
    }
    if (only == null || only.equals("deploys")) {
      DeployScenario.run(quick);
    }
  }

  private static void clientOverhead(boolean quick) throws Exception {
    int runs = quick ? 100 : 1000;
    Table table = new Table("call", "entries", "median ms", "p90 ms", "ratio to floor", "alloc/call");
    for (int entries : new int[] {100, 10_000}) {
      Path state = Files.createTempFile("proximity-bench", ".json");
      try (PveSimulator sim = seeded(entries, state);
          PveClient client = PveClient.builder().endpoint(sim.baseUri())
              .credentials(PveCredentials.apiToken(TOKEN_ID, TOKEN_SECRET))
              .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint())).build()) {
        HttpClient bare = bareClient(sim);
        HttpRequest nodes = request(sim, "/nodes");
        HttpRequest resources = request(sim, "/cluster/resources?type=vm");
        int n = entries == 100 ? runs : Math.max(20, runs / 50);
        if (entries == 100) {
          Measure.Figures floor = Measure.time(n / 5, n,
              () -> bare.send(nodes, HttpResponse.BodyHandlers.discarding()));
          Measure.Figures typed = Measure.time(n / 5, n, client::nodes);
          Measure.Figures fresh = Measure.time(n / 20, n / 5,
              () -> bareClient(sim).send(nodes, HttpResponse.BodyHandlers.discarding()));
          table.row("GET /nodes, bare java.net.http (floor)", "-", f(floor.medianMs()), f(floor.p90Ms()), "1.00",
              floor.allocatedBytesPerCall());
          table.row("GET /nodes, PveClient.nodes()", "-", f(typed.medianMs()), f(typed.p90Ms()),
              f(typed.medianMs() / floor.medianMs()), typed.allocatedBytesPerCall());
          table.row("GET /nodes, new TLS connection per call (pattern)", "-", f(fresh.medianMs()),
              f(fresh.p90Ms()), f(fresh.medianMs() / floor.medianMs()), fresh.allocatedBytesPerCall());
        }
        Measure.Figures floor = Measure.time(n / 5, n, () -> decodePlain(
            bare.send(resources, HttpResponse.BodyHandlers.ofByteArray()).body()));
        Measure.Figures typed = Measure.time(n / 5, n, () -> client.cluster().resources(ResourceType.VM));
        table.row("GET /cluster/resources, bytes + Jackson streaming into records (floor)", entries,
            f(floor.medianMs()), f(floor.p90Ms()), "1.00", floor.allocatedBytesPerCall());
        table.row("GET /cluster/resources, PveClient typed", entries, f(typed.medianMs()), f(typed.p90Ms()),
            f(typed.medianMs() / floor.medianMs()), typed.allocatedBytesPerCall());
        if (entries == 10_000) {
          listing(table);
        }
      } finally {
        Files.deleteIfExists(state);
      }
    }
    System.out.println("## Client overhead and listing\n");
    System.out.println(table.render());
  }

  /**
   * {@code px.apps()} over the 10,000 containers, each tagged as a deploy tags an app (catalog id,
   * version, owner): the requests it sends, its wall time and the heap the result retains.
   */
  private static void listing(Table table) throws Exception {
    Path state = Files.createTempFile("proximity-bench-listing", ".json");
    try (PveSimulator sim = seeded(10_000, state, Tags.of("proximity", "hello", "px-catalog-hello",
            "px-version-1.28.0-1", "px-owner-alice"));
        Proximity px = Proximity.builder().endpoint(sim.baseUri())
            .credentials(PveCredentials.apiToken(TOKEN_ID, TOKEN_SECRET))
            .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint())).build()) {
      px.pve().version(); // connect first: the TLS handshake is not the listing's
      System.gc();
      long heapBefore = usedHeap();
      sim.clearRequests();
      List<AppSummary> apps = px.apps();
      int requests = sim.requests().size();
      System.gc();
      long retained = usedHeap() - heapBefore;
      if (requests != 1 || apps.size() != 10_000 || !apps.get(0).version().equals("1.28.0-1")) {
        throw new IllegalStateException("px.apps() sent " + requests + " requests for "
            + apps.size() + " apps");
      }
      // timed like the /cluster/resources rows above (warm, median of repeated calls), against the
      // typed call it is built on; interleaved rounds, best median of each, so that both see the
      // same machine load
      Measure.Figures typed = null;
      Measure.Figures listed = null;
      for (int round = 0; round < 3; round++) {
        typed = faster(typed, Measure.time(3, 10,
            () -> px.pve().cluster().resources(ResourceType.VM)));
        listed = faster(listed, Measure.time(3, 10, px::apps));
      }
      table.row("px.apps() (" + requests + " request, retains " + (retained >> 20)
          + " MiB; ratio to typed)", apps.size(), f(listed.medianMs()),
          f(listed.p90Ms()), f(listed.medianMs() / typed.medianMs()), listed.allocatedBytesPerCall());
    } finally {
      Files.deleteIfExists(state);
    }
  }

  private static Measure.Figures faster(Measure.Figures a, Measure.Figures b) {
    return a == null || b.medianMs() < a.medianMs() ? b : a;
  }

  /**
   * Runs the listing measurement alone ({@code run.sh --only listing}).
   */
  private static void listingOnly() throws Exception {
    Table table = new Table("call", "entries", "median ms", "p90 ms", "ratio to floor", "alloc/call");
    listing(table);
    System.out.println("## Listing\n");
    System.out.println(table.render());
  }

  /**
   * Task waits: for tasks of 0.3 s, 3 s and 60 s, how long after the task's end (as the simulator
   * recorded it) the SDK's {@code Task.await} returns and how many status requests it sent, against a
   * fixed 1 s poll (sleep 1 s, read the status, repeat) on another task started at the same moment.
   * Repetitions run one after the other on one client, so the first shows an unknown kind of task
   * and the later ones what the client learned; then new clients, each given what that client saved
   * ({@code TaskDurationSnapshot}), wait for their first task of the kind. In every repetition a
   * third task, on a new client with the SSH task watch ({@code TaskEndWatch.overHostShells}) over
   * the simulated host, is waited for as the first of its kind.
   */
  private static void taskWaits(boolean quick) throws Exception {
    Table table = new Table("task", "waiter", "waits", "notice delay median ms", "max ms",
        "status requests median", "max", "target: delay <= ms, requests <=");
    for (double seconds : new double[] {0.3, 3, 60}) {
      int reps = seconds < 1 ? (quick ? 4 : 10) : seconds < 10 ? (quick ? 3 : 5) : (quick ? 1 : 3);
      Duration length = Duration.ofMillis((long) (seconds * 1000));
      try (PveSimulator sim = base().timeScale(1.0).taskDuration("vzstart", length)
              .taskDuration("vzcreate", Duration.ZERO).taskDuration("vzstop", Duration.ZERO).start();
          SshHostSimulator host = SshHostSimulator.builder().directory(sim).user("root")
              .password(HOST_PASSWORD).node("pve1").start();
          SshHostShells shells = SshHostShells.builder().user("root")
              .auth(SshAuth.password(HOST_PASSWORD.toCharArray()))
              .hostKeys(HostKeyVerification.pinnedSha256(host.hostKeyFingerprint()))
              .node("pve1", host.host(), host.portFor("pve1")).build();
          PveClient sdk = client(sim);
          PveClient fixed = client(sim)) {
        // A Proximity instance has its node's SSH connection open from its first deploy on; so
        // has this one before the first watched wait, so that wait does not pay the handshake.
        shells.forNode("pve1").run(List.of("hostname"), Duration.ofSeconds(30));
        for (int vmid : new int[] {100, 101, 102}) {
          sdk.node("pve1").createLxc(b -> b.vmid(vmid).ostemplate("local:vztmpl/" + PveSimulatorBuilder.DEFAULT_TEMPLATE)
              .hostname("wait" + vmid).storage("local-lvm").unprivileged(true)).await(Duration.ofMinutes(1));
        }
        List<Wait> sdkWaits = new ArrayList<>();
        List<Wait> fixedWaits = new ArrayList<>();
        List<Wait> watchedWaits = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
          CompletableFuture<Wait> polled = CompletableFuture.supplyAsync(() -> {
            Task task = fixed.node("pve1").lxc(101).start();
            try {
              do {
                Thread.sleep(1000);
              } while (task.status().running());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException("the fixed-poll wait was interrupted", e);
            }
            return measured(sim, task, Instant.now());
          });
          // Each watched wait is the first of its kind: a new client that knows no durations.
          CompletableFuture<Wait> watchedWait = CompletableFuture.supplyAsync(() -> {
            try (PveClient fresh = PveClient.builder().endpoint(sim.baseUri())
                .credentials(PveCredentials.apiToken(TOKEN_ID, TOKEN_SECRET))
                .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint()))
                .taskEndWatch(TaskEndWatch.overHostShells(shells)).build()) {
              Task task = fresh.node("pve1").lxc(102).start();
              task.await(Duration.ofMinutes(5));
              Wait wait = measured(sim, task, Instant.now());
              fresh.node("pve1").lxc(102).stop().await(Duration.ofMinutes(1));
              return wait;
            }
          });
          Task task = sdk.node("pve1").lxc(100).start();
          task.await(Duration.ofMinutes(5));
          sdkWaits.add(measured(sim, task, Instant.now()));
          fixedWaits.add(polled.join());
          watchedWaits.add(watchedWait.join());
          sdk.node("pve1").lxc(100).stop().await(Duration.ofMinutes(1));
          fixed.node("pve1").lxc(101).stop().await(Duration.ofMinutes(1));
        }
        // Each carried-over wait is a new client that starts from the file the long-lived client
        // saved, as the next CLI run or a restarted server does: its first task of the kind.
        int carried = quick ? 1 : seconds < 1 ? 3 : seconds < 10 ? 2 : 1;
        Path saved = Files.createTempFile("proximity-bench-durations", ".json");
        sdk.taskDurations().writeTo(saved);
        List<Wait> carriedWaits = new ArrayList<>();
        for (int rep = 0; rep < carried; rep++) {
          try (PveClient next = PveClient.builder().endpoint(sim.baseUri())
              .credentials(PveCredentials.apiToken(TOKEN_ID, TOKEN_SECRET))
              .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint()))
              .taskDurations(TaskDurationSnapshot.readFrom(saved)).build()) {
            Task task = next.node("pve1").lxc(100).start();
            task.await(Duration.ofMinutes(5));
            carriedWaits.add(measured(sim, task, Instant.now()));
            next.node("pve1").lxc(100).stop().await(Duration.ofMinutes(1));
          }
        }
        Files.delete(saved);
        String label = seconds + " s";
        String target = f(seconds * 100 + 150).replace(".00", "") + ", " + (long) Math.ceil(seconds);
        BiConsumer<String, List<Wait>> row = (waiter, waits) -> {
          long[] late = waits.stream().mapToLong(Wait::lateMs).sorted().toArray();
          int[] requests = waits.stream().mapToInt(Wait::requests).sorted().toArray();
          table.row(label, waiter, waits.size(), late[late.length / 2], late[late.length - 1],
              requests[requests.length / 2], requests[requests.length - 1], target);
        };
        row.accept("SDK await, first task of its kind", sdkWaits.subList(0, 1));
        if (reps > 1) {
          row.accept("SDK await, later tasks", sdkWaits.subList(1, reps));
        }
        row.accept("SDK await, new client with the durations a previous client saved", carriedWaits);
        row.accept("SDK await with the SSH task watch, first task of its kind (a new client each time)",
            watchedWaits);
        row.accept("fixed 1 s poll", fixedWaits);
      }
    }
    System.out.println("## Task waits (simulated tasks in real time)\n");
    System.out.println(table.render());
  }

  /** One wait for a task: how late after the task's end it returned, and the status requests it sent. */
  private record Wait(long lateMs, int requests) {}

  /** Measures a wait that returned at {@code returned}, against the end the simulator recorded. */
  private static Wait measured(PveSimulator sim, Task task, Instant returned) {
    Instant ended = sim.taskEndedAt(task.upid().text()).orElseThrow(() -> new IllegalStateException(
        "the simulator has no end time for task " + task.upid().text() + " although the wait returned"));
    String statusPath = "/tasks/" + task.upid().text() + "/status";
    int requests = (int) sim.requests().stream()
        .filter(r -> URLDecoder.decode(r.path(), StandardCharsets.UTF_8).endsWith(statusPath)).count();
    return new Wait(Duration.between(ended, returned).toMillis(), requests);
  }

  private static PveClient client(PveSimulator sim) {
    return PveClient.builder().endpoint(sim.baseUri())
        .credentials(PveCredentials.apiToken(TOKEN_ID, TOKEN_SECRET))
        .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint())).build();
  }

  private static void ssh(boolean quick) throws Exception {
    int commands = quick ? 40 : 200;
    try (DemoCluster demo = DemoCluster.builder().timeScale(0.0005).start()) {
      App app = demo.proximity().deploy("hello").named("bench").start();
      SafeCommand disk = SafeCommand.parse("disk", Map.of());
      long start = System.nanoTime();
      for (int i = 0; i < commands; i++) {
        demo.proximity().app("bench").run(disk, "bench");
      }
      double reused = (System.nanoTime() - start) / 1e6;
      start = System.nanoTime();
      for (int i = 0; i < commands; i++) {
        try (SshHostShells own = demo.newShells()) {
          SafeCommands.run(own.forNode(app.node()), CommandTarget.of(app.vmid()), disk, "bench", e -> {},
              SafeCommands.DEFAULT_TIMEOUT, java.time.Clock.systemUTC());
        }
      }
      double perConnection = (System.nanoTime() - start) / 1e6;
      Table table = new Table("safe commands", "count", "total ms", "per command ms", "ratio");
      table.row("one reused SSH connection (SDK)", commands, f(reused), f(reused / commands), "1.00");
      table.row("a new SSH connection per command", commands, f(perConnection), f(perConnection / commands),
          f(perConnection / reused));
      System.out.println("## SSH\n");
      System.out.println(table.render());
    }
  }

  /** Starts a simulator whose cluster holds {@code entries} containers, seeded through a state file. */
  static PveSimulator seeded(int entries, Path state) throws Exception {
    return seeded(entries, state, Tags.of("proximity", "hello"));
  }

  /** Like {@link #seeded(int, Path)}, each container carrying the given tags. */
  private static PveSimulator seeded(int entries, Path state, Tags tags) throws Exception {
    try (PveSimulator seed = base().start();
        PveClient client = PveClient.builder().endpoint(seed.baseUri())
            .credentials(PveCredentials.apiToken(TOKEN_ID, TOKEN_SECRET))
            .trust(TlsTrust.pinnedSha256(seed.certificateSha256Fingerprint())).build()) {
      client.node("pve1").createLxc(b -> b.vmid(100).ostemplate("local:vztmpl/" + PveSimulatorBuilder.DEFAULT_TEMPLATE)
          .hostname("seed").storage("local-lvm").unprivileged(true).tags(tags))
          .await(Duration.ofMinutes(1));
      seed.saveState(state);
    }
    ObjectNode root = (ObjectNode) PLAIN.readTree(state.toFile());
    ArrayNode containers = (ArrayNode) root.get("containers");
    ObjectNode template = (ObjectNode) containers.get(0);
    containers.removeAll();
    for (int i = 0; i < entries; i++) {
      ObjectNode copy = template.deepCopy();
      copy.put("vmid", 1000 + i);
      copy.put("node", i % 2 == 0 ? "pve1" : "pve2");
      ((ObjectNode) copy.get("config")).put("hostname", "app-" + i);
      containers.add(copy);
    }
    PLAIN.writeValue(state.toFile(), root);
    return base().loadState(state).start();
  }

  private static PveSimulatorBuilder base() {
    return PveSimulator.builder().node("pve1", 64, 512L << 30).node("pve2", 64, 512L << 30)
        .token(TOKEN_ID, TOKEN_SECRET, false).timeScale(0.0005);
  }

  static List<ClusterResource> decodePlain(byte[] body) throws Exception {
    List<ClusterResource> out = new ArrayList<>();
    try (JsonParser p = PLAIN.getFactory().createParser(body)) {
      while (p.nextToken() != null) {
        if (p.currentToken() == JsonToken.FIELD_NAME && "data".equals(p.currentName())) {
          p.nextToken();
          while (p.nextToken() == JsonToken.START_OBJECT) {
            out.add(PLAIN.readValue(p, ClusterResource.class));
          }
        }
      }
    }
    return out;
  }

  /** A bare {@code java.net.http} client trusting the simulator's certificate, as the floor of the client figures. */
  static HttpClient bareClient(PveSimulator sim) throws Exception {
    return bareClient(trusting(sim));
  }

  /** A bare client on a given TLS context: every new one opens its own connection (and TLS handshake). */
  static HttpClient bareClient(SSLContext ssl) {
    return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** A TLS context that trusts the simulator's self-signed certificate. */
  static SSLContext trusting(PveSimulator sim) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setCertificateEntry("sim", sim.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }

  static HttpRequest request(PveSimulator sim, String path) {
    return HttpRequest.newBuilder(URI.create(sim.baseUri() + "/api2/json" + path))
        .header("Authorization", "PVEAPIToken=" + TOKEN_ID + "=" + TOKEN_SECRET).GET().build();
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static String f(double value) {
    return String.format("%.2f", value);
  }
}
