package dev.proximity.examples.benchmarks;

import dev.proximity.pve.PveClient;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.pve.model.ClusterResource;
import dev.proximity.pve.model.NodeSummary;
import dev.proximity.pve.model.ResourceType;
import dev.proximity.testkit.PveSimulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the client overhead: typed calls against an in-process {@link PveSimulator}
 * over loopback HTTPS, each next to its floors measured in the same run.
 *
 * <p>Floors: the same request through a bare {@code java.net.http} client on one kept-alive
 * connection, discarding the bytes; for {@code /cluster/resources} also the bytes decoded by
 * Jackson streaming into the same records. Reference pattern: a client that opens a new TLS
 * connection per call. Run all with {@code examples/benchmarks/run.sh --jmh}
 * ({@link JmhBenchmarks}), which adds {@code -prof gc} for the allocation per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Djdk.internal.httpclient.disableHostnameVerification=true",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ClientOverheadBenchmark {
  /** Creates the benchmark; JMH instantiates it. */
  public ClientOverheadBenchmark() {}

  /** A simulator seeded with some containers, the typed client and the bare floor client on it. */
  static final class Cluster implements AutoCloseable {
    final PveSimulator sim;
    final PveClient client;
    final HttpClient bare;
    final HttpRequest nodes;
    final HttpRequest resources;
    final SSLContext ssl;
    private final Path state;

    Cluster(int entries) throws Exception {
      state = Files.createTempFile("proximity-jmh", ".json");
      sim = ScenarioBenchmarks.seeded(entries, state);
      client = PveClient.builder().endpoint(sim.baseUri())
          .credentials(PveCredentials.apiToken(ScenarioBenchmarks.TOKEN_ID, ScenarioBenchmarks.TOKEN_SECRET))
          .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint())).build();
      ssl = ScenarioBenchmarks.trusting(sim);
      bare = ScenarioBenchmarks.bareClient(ssl);
      nodes = ScenarioBenchmarks.request(sim, "/nodes");
      resources = ScenarioBenchmarks.request(sim, "/cluster/resources?type=vm");
    }

    @Override
    public void close() throws Exception {
      client.close();
      sim.close();
      Files.deleteIfExists(state);
    }
  }

  /** The cluster of the small calls ({@code GET /nodes} does not depend on the number of containers). */
  @State(Scope.Benchmark)
  public static class Small {
    Cluster c;

    /** Creates the state; JMH instantiates it. */
    public Small() {}

    /**
     * Starts the cluster.
     *
     * @throws Exception when the simulator does not start
     */
    @Setup(Level.Trial)
    public void start() throws Exception {
      c = new Cluster(1);
    }

    /**
     * Stops the cluster.
     *
     * @throws Exception when it does not stop cleanly
     */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
      c.close();
    }
  }

  /** The cluster of the listing, with {@code entries} containers. */
  @State(Scope.Benchmark)
  public static class Listing {
    /** Containers in the cluster, so {@code /cluster/resources?type=vm} answers this many entries. */
    @Param({"100", "10000"})
    public int entries;

    Cluster c;

    /** Creates the state; JMH instantiates it. */
    public Listing() {}

    /**
     * Starts the cluster.
     *
     * @throws Exception when the simulator does not start
     */
    @Setup(Level.Trial)
    public void start() throws Exception {
      c = new Cluster(entries);
    }

    /**
     * Stops the cluster.
     *
     * @throws Exception when it does not stop cleanly
     */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
      c.close();
    }
  }

  /**
   * Floor of the small call: {@code GET /nodes} on a kept-alive bare connection, bytes discarded.
   *
   * @param c the cluster
   * @return the response
   * @throws Exception when the request fails
   */
  @Benchmark
  public HttpResponse<Void> nodesFloorBareHttp(Small s) throws Exception {
    return s.c.bare.send(s.c.nodes, HttpResponse.BodyHandlers.discarding());
  }

  /**
   * The typed small call.
   *
   * @param s the small cluster
   * @return the nodes
   */
  @Benchmark
  public List<NodeSummary> nodesTyped(Small s) {
    return s.c.client.nodes();
  }

  /**
   * Reference pattern: {@code GET /nodes} with a new client, so a new TLS connection, per call.
   *
   * @param s the small cluster
   * @return the response
   * @throws Exception when the request fails
   */
  @Benchmark
  public HttpResponse<Void> nodesNewTlsConnectionPerCall(Small s) throws Exception {
    return ScenarioBenchmarks.bareClient(s.c.ssl).send(s.c.nodes, HttpResponse.BodyHandlers.discarding());
  }

  /**
   * Floor of the listing: {@code GET /cluster/resources} on a kept-alive bare connection, bytes discarded.
   *
   * @param s the small cluster
   * @return the response
   * @throws Exception when the request fails
   */
  @Benchmark
  public HttpResponse<Void> resourcesFloorBareHttp(Listing l) throws Exception {
    return l.c.bare.send(l.c.resources, HttpResponse.BodyHandlers.discarding());
  }

  /**
   * Floor of the decode: the same bytes read whole, then Jackson streaming into the same records.
   *
   * @param l the cluster of the listing
   * @return the records
   * @throws Exception when the request fails
   */
  @Benchmark
  public List<ClusterResource> resourcesFloorJacksonStreaming(Listing l) throws Exception {
    return ScenarioBenchmarks.decodePlain(l.c.bare.send(l.c.resources, HttpResponse.BodyHandlers.ofByteArray()).body());
  }

  /**
   * The typed listing.
   *
   * @param l the cluster of the listing
   * @return the records
   */
  @Benchmark
  public List<ClusterResource> resourcesTyped(Listing l) {
    return l.c.client.cluster().resources(ResourceType.VM);
  }
}
