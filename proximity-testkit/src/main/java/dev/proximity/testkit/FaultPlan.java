package dev.proximity.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Which faults the simulator injects, and how often: HTTP 5xx answers (596 included), dropped
 * connections (before or after the request took effect), added latency, failing and hanging tasks, config-lock
 * timeouts (of a write or of a task), expiring tickets. Rates are global or per
 * endpoint; every decision is drawn from the seed, the endpoint and a per-endpoint counter, so a
 * sequential test sees the same faults on every run.
 *
 * <pre>{@code
 * sim.faults(FaultPlan.builder().seed(7)
 *     .serverErrors(0.2, 503, 596)
 *     .endpoint("POST /nodes/{node}/lxc", e -> e.taskFailures(1.0))
 *     .build());
 * }</pre>
 *
 * <p>Immutable and thread-safe. An endpoint is named {@code "METHOD /path/{template}"} as in the
 * schema, or by its template alone for every method.
 */
public final class FaultPlan {
  private static final FaultPlan NONE = builder().build();

  private final long seed;
  private final Rates global;
  private final Map<String, Rates> endpoints;
  private final Map<String, List<Integer>> scripted;
  private final Map<String, Integer> failingTasks;
  private final Map<String, Integer> lockedWrites;
  private final Map<String, Integer> lockedTasks;

  /**
   * Fault rates (each 0..1).
   *
   * @param serverErrorRate rate of 5xx answers before the handler runs
   * @param serverErrorStatuses statuses to pick from (default 500, 502, 503, 596)
   * @param dropRate rate of connections closed without an answer, before the request is handled
   * @param lostResponseRate rate of requests that are handled (their effect happens) but whose
   *     answer is lost: the connection closes instead, so the caller cannot know the outcome
   * @param latency latency added to a delayed request
   * @param latencyRate rate of delayed requests
   * @param taskFailureRate rate of tasks that end in {@code TASK ERROR}
   * @param taskHangRate rate of tasks that run until stopped
   * @param taskWarningRate rate of successful tasks that end {@code WARNINGS: 1}
   * @param ticketExpiryRate rate of ticket requests answered as if the ticket had expired (401)
   * @param lockTimeoutRate rate of writes on a guest's path answered as Proxmox answers a write whose
   *     config lock it could not take in time: HTTP 500 {@code can't lock file '...' - got timeout},
   *     before the handler runs, so the write does nothing
   * @param taskLockTimeoutRate rate of a guest's tasks that end with that lock timeout as their exit
   *     status, without any effect
   */
  public record Rates(double serverErrorRate, List<Integer> serverErrorStatuses, double dropRate,
      double lostResponseRate, Duration latency, double latencyRate, double taskFailureRate, double taskHangRate,
      double taskWarningRate, double ticketExpiryRate, double lockTimeoutRate, double taskLockTimeoutRate) {
    /**
     * Validates and copies.
     *
     * @param serverErrorRate rate of 5xx answers before the handler runs
     * @param serverErrorStatuses statuses to pick from (default 500, 502, 503, 596)
     * @param dropRate rate of connections closed without an answer, before the request is handled
     * @param lostResponseRate rate of requests that are handled (their effect happens) but whose answer is lost: the connection closes instead, so the caller cannot know the outcome
     * @param latency latency added to a delayed request
     * @param latencyRate rate of delayed requests
     * @param taskFailureRate rate of tasks that end in {@code TASK ERROR}
     * @param taskHangRate rate of tasks that run until stopped
     * @param taskWarningRate rate of successful tasks that end {@code WARNINGS: 1}
     * @param ticketExpiryRate rate of ticket requests answered as if the ticket had expired (401)
     * @param lockTimeoutRate rate of writes on a guest's path answered with a config-lock timeout
     * @param taskLockTimeoutRate rate of a guest's tasks that end with a config-lock timeout
     */
    public Rates {
      serverErrorStatuses = List.copyOf(serverErrorStatuses);
      Objects.requireNonNull(latency, "latency");
    }
  }

  private FaultPlan(Builder b) {
    this.seed = b.seed;
    this.global = b.rates();
    Map<String, Rates> map = new LinkedHashMap<>();
    b.endpoints.forEach((k, v) -> map.put(k, v.rates()));
    this.endpoints = Map.copyOf(map);
    this.scripted = Map.copyOf(b.scripted);
    this.failingTasks = Map.copyOf(b.failingTasks);
    this.lockedWrites = Map.copyOf(b.lockedWrites);
    this.lockedTasks = Map.copyOf(b.lockedTasks);
  }

  /** @return a plan without faults */
  public static FaultPlan none() {
    return NONE;
  }

  /** @return a new builder (seed 0, no faults) */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the seed */
  public long seed() {
    return seed;
  }

  /**
   * The rates for one endpoint: the per-endpoint rates if given (method-specific first), else
   * the global ones.
   *
   * @param method HTTP method
   * @param pathTemplate schema path template
   * @return the rates
   */
  public Rates rates(String method, String pathTemplate) {
    Rates r = endpoints.get(method + " " + pathTemplate);
    if (r == null) {
      r = endpoints.get(pathTemplate);
    }
    return r == null ? global : r;
  }

  /**
   * Scripted one-shot answers: for an endpoint key, the statuses the next calls get, in order.
   *
   * @return endpoint key to statuses
   */
  public Map<String, List<Integer>> scripted() {
    return scripted;
  }

  /**
   * Scripted task failures: for an endpoint key, how many of the next tasks its calls start end in
   * {@code TASK ERROR}.
   *
   * @return endpoint key to count
   */
  public Map<String, Integer> failingTasks() {
    return failingTasks;
  }

  /**
   * Scripted config-lock timeouts of writes: for an endpoint key, how many of its next writes on a
   * guest are answered with the lock timeout.
   *
   * @return endpoint key to count
   */
  public Map<String, Integer> lockedWrites() {
    return lockedWrites;
  }

  /**
   * Scripted config-lock timeouts of tasks: for an endpoint key, how many of the next guest tasks
   * its calls start end with the lock timeout.
   *
   * @return endpoint key to count
   */
  public Map<String, Integer> lockedTasks() {
    return lockedTasks;
  }

  /** Builds a {@link FaultPlan}; not thread-safe. */
  public static final class Builder {
    private long seed;
    private double serverErrorRate;
    private List<Integer> statuses = List.of(500, 502, 503, 596);
    private double dropRate;
    private double lostResponseRate;
    private Duration latency = Duration.ZERO;
    private double latencyRate;
    private double taskFailureRate;
    private double taskHangRate;
    private double taskWarningRate;
    private double ticketExpiryRate;
    private double lockTimeoutRate;
    private double taskLockTimeoutRate;
    private final Map<String, Builder> endpoints = new LinkedHashMap<>();
    private final Map<String, List<Integer>> scripted = new LinkedHashMap<>();
    private final Map<String, Integer> failingTasks = new LinkedHashMap<>();
    private final Map<String, Integer> lockedWrites = new LinkedHashMap<>();
    private final Map<String, Integer> lockedTasks = new LinkedHashMap<>();

    private Builder() {}

    /**
     * @param seed seed of every decision
     * @return this
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @param rate rate of 5xx answers
     * @param statuses statuses to pick from; none keeps 500, 502, 503, 596
     * @return this
     */
    public Builder serverErrors(double rate, int... statuses) {
      this.serverErrorRate = rate(rate);
      if (statuses.length > 0) {
        this.statuses = Arrays.stream(statuses).boxed().toList();
      }
      return this;
    }

    /**
     * @param rate rate of dropped connections
     * @return this
     */
    public Builder drops(double rate) {
      this.dropRate = rate(rate);
      return this;
    }

    /**
     * @param rate rate of requests whose effect happens but whose answer is lost (connection
     *     closed after the handler ran): the case where a write must be checked, not repeated
     * @return this
     */
    public Builder lostResponses(double rate) {
      this.lostResponseRate = rate(rate);
      return this;
    }

    /**
     * @param delay latency to add
     * @param rate rate of delayed requests
     * @return this
     */
    public Builder latency(Duration delay, double rate) {
      this.latency = Objects.requireNonNull(delay, "delay");
      this.latencyRate = rate(rate);
      return this;
    }

    /**
     * @param rate rate of failing tasks
     * @return this
     */
    public Builder taskFailures(double rate) {
      this.taskFailureRate = rate(rate);
      return this;
    }

    /**
     * @param rate rate of tasks that hang until stopped
     * @return this
     */
    public Builder hangingTasks(double rate) {
      this.taskHangRate = rate(rate);
      return this;
    }

    /**
     * @param rate rate of successful tasks that end with {@code WARNINGS: 1} (still a success)
     * @return this
     */
    public Builder taskWarnings(double rate) {
      this.taskWarningRate = rate(rate);
      return this;
    }

    /**
     * @param rate rate of ticket requests treated as expired
     * @return this
     */
    public Builder ticketExpiry(double rate) {
      this.ticketExpiryRate = rate(rate);
      return this;
    }

    /**
     * Makes writes ({@code POST}, {@code PUT}, {@code DELETE}) on a guest's path
     * ({@code /nodes/{node}/lxc/{vmid}/...}, {@code /nodes/{node}/qemu/{vmid}/...}) fail as Proxmox
     * fails a write whose guest config lock another worker held for longer than the lock timeout:
     * HTTP 500 with {@code can't lock file '/run/lock/lxc/pve-config-VMID.lock' - got timeout}
     * (for a VM {@code '/var/lock/qemu-server/lock-VMID.conf'}). The answer comes before the handler
     * runs, so the write has no effect and repeating it later is safe.
     *
     * @param rate rate of such writes
     * @return this
     */
    public Builder configLockTimeouts(double rate) {
      this.lockTimeoutRate = rate(rate);
      return this;
    }

    /**
     * Makes tasks on a guest (those started on a guest's path, and creates and restores of
     * {@code POST /nodes/{node}/lxc}) fail as a worker does that cannot take the guest's config lock:
     * the task ends with the exit status {@code can't lock file '...' - got timeout}, its work is not
     * done and its cleanup runs (a create leaves no container).
     *
     * @param rate rate of such tasks
     * @return this
     */
    public Builder taskLockTimeouts(double rate) {
      this.taskLockTimeoutRate = rate(rate);
      return this;
    }

    /**
     * Sets rates for one endpoint, replacing the global ones there.
     *
     * @param endpoint {@code "POST /nodes/{node}/lxc"} or {@code "/nodes/{node}/lxc"}
     * @param rates sets the endpoint's rates on a fresh builder
     * @return this
     */
    public Builder endpoint(String endpoint, Consumer<Builder> rates) {
      Builder b = new Builder();
      rates.accept(b);
      endpoints.put(endpoint, b);
      return this;
    }

    /**
     * Answers the next calls of an endpoint with these statuses, once each, in order.
     *
     * @param endpoint endpoint key as in {@link #endpoint}
     * @param statuses HTTP statuses (5xx), or 0 for a dropped connection
     * @return this
     */
    public Builder next(String endpoint, int... statuses) {
      scripted.put(endpoint, Arrays.stream(statuses).boxed().toList());
      return this;
    }

    /**
     * Makes the next tasks started by calls of an endpoint fail, once each, as a task does whose
     * work fails (for example a {@code vzrestore} that cannot read its archive): the task ends in
     * {@code TASK ERROR} and its cleanup runs. Later tasks of the endpoint follow the rates again.
     *
     * <pre>{@code
     * // the first restore fails, the next one (an undo, say) succeeds
     * FaultPlan.builder().failNextTasks("POST /nodes/{node}/lxc", 1).build();
     * }</pre>
     *
     * @param endpoint endpoint key as in {@link #endpoint}
     * @param count how many tasks fail, at least 1
     * @return this
     */
    public Builder failNextTasks(String endpoint, int count) {
      failingTasks.put(endpoint, count(endpoint, count));
      return this;
    }

    /**
     * Answers the next writes of an endpoint on a guest with the config-lock timeout of
     * {@link #configLockTimeouts}, once each; later writes follow the rates again.
     *
     * <pre>{@code
     * // the first two config changes meet a held lock, the third goes through
     * FaultPlan.builder().lockNextWrites("PUT /nodes/{node}/lxc/{vmid}/config", 2).build();
     * }</pre>
     *
     * @param endpoint endpoint key as in {@link #endpoint}, a guest's path
     * @param count how many writes, at least 1
     * @return this
     */
    public Builder lockNextWrites(String endpoint, int count) {
      lockedWrites.put(endpoint, count(endpoint, count));
      return this;
    }

    /**
     * Ends the next guest tasks started by calls of an endpoint with the config-lock timeout of
     * {@link #taskLockTimeouts}, once each; later tasks follow the rates again.
     *
     * @param endpoint endpoint key as in {@link #endpoint}
     * @param count how many tasks, at least 1
     * @return this
     */
    public Builder lockNextTasks(String endpoint, int count) {
      lockedTasks.put(endpoint, count(endpoint, count));
      return this;
    }

    private static int count(String endpoint, int count) {
      Objects.requireNonNull(endpoint, "endpoint");
      if (count < 1) {
        throw new IllegalArgumentException("count must be at least 1: " + count);
      }
      return count;
    }

    private Rates rates() {
      return new Rates(serverErrorRate, statuses, dropRate, lostResponseRate, latency, latencyRate, taskFailureRate,
          taskHangRate, taskWarningRate, ticketExpiryRate, lockTimeoutRate, taskLockTimeoutRate);
    }

    private static double rate(double r) {
      if (r < 0 || r > 1) {
        throw new IllegalArgumentException("rate must be within 0..1: " + r);
      }
      return r;
    }

    /** @return the plan */
    public FaultPlan build() {
      return new FaultPlan(this);
    }
  }
}
