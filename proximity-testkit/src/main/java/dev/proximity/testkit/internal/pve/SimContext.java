package dev.proximity.testkit.internal.pve;

import dev.proximity.testkit.FaultPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/** The simulator's shared services, handed to every route. */
public final class SimContext {
  private final ClusterState state;
  private final TaskManager tasks;
  private final Permissions permissions;
  private final Tickets tickets;
  private final Clock clock;
  private final ZoneId zone;
  private final Duration authFailureDelay;
  private volatile FaultEngine faults;
  private volatile String fingerprint = "";

  /**
   * @param state cluster state
   * @param clock simulated clock
   * @param zone nodes' local time zone
   * @param timeScale real seconds per simulated second
   * @param seed seed
   * @param faults initial fault plan
   * @param authFailureDelay delay before a 401
   * @param durations simulated seconds per worker type
   */
  public SimContext(ClusterState state, Clock clock, ZoneId zone, double timeScale, long seed, FaultPlan faults,
      Duration authFailureDelay, Map<String, Double> durations) {
    this.state = state;
    this.clock = clock;
    this.zone = zone;
    this.faults = new FaultEngine(faults);
    this.tasks = new TaskManager(state, clock, timeScale, seed, this.faults, durations);
    this.permissions = new Permissions();
    this.tickets = new Tickets(clock);
    this.authFailureDelay = authFailureDelay;
  }

  /** @return the cluster state */
  public ClusterState state() {
    return state;
  }

  /** @return the task runner */
  public TaskManager tasks() {
    return tasks;
  }

  /** @return the ACLs */
  public Permissions permissions() {
    return permissions;
  }

  /** @return ticket issuing and checks */
  public Tickets tickets() {
    return tickets;
  }

  /** @return the simulated clock */
  public Clock clock() {
    return clock;
  }

  /** @return the current simulated epoch second */
  public long now() {
    return clock.instant().getEpochSecond();
  }

  /** @return the nodes' time zone */
  public ZoneId zone() {
    return zone;
  }

  /** @return delay before answering a 401 */
  public Duration authFailureDelay() {
    return authFailureDelay;
  }

  /** @return the fault engine */
  public FaultEngine faults() {
    return faults;
  }

  /** @param plan the new plan; counters start again */
  public void faults(FaultPlan plan) {
    this.faults = new FaultEngine(plan);
    tasks.faults(this.faults);
  }

  /** @return the TLS certificate's SHA-256 fingerprint */
  public String fingerprint() {
    return fingerprint;
  }

  /** @param fp the TLS certificate's SHA-256 fingerprint */
  public void fingerprint(String fp) {
    this.fingerprint = fp;
  }
}
