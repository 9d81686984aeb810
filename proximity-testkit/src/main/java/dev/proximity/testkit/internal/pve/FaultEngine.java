package dev.proximity.testkit.internal.pve;

import dev.proximity.testkit.FaultPlan;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Draws fault decisions from a {@link FaultPlan}: each draw depends only on the seed, the kind of
 * fault, the endpoint and how many draws that endpoint had, so it is reproducible.
 */
public final class FaultEngine {
  private final FaultPlan plan;
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();
  private final Map<String, Deque<Integer>> scripted = new HashMap<>();
  private final Map<String, Integer> failingTasks = new HashMap<>();
  private final Map<String, Integer> lockedWrites = new HashMap<>();
  private final Map<String, Integer> lockedTasks = new HashMap<>();

  /**
   * @param plan the plan to apply
   */
  public FaultEngine(FaultPlan plan) {
    this.plan = plan;
    plan.scripted().forEach((k, v) -> scripted.put(k, new ArrayDeque<>(v)));
    failingTasks.putAll(plan.failingTasks());
    lockedWrites.putAll(plan.lockedWrites());
    lockedTasks.putAll(plan.lockedTasks());
  }

  /** @return the plan */
  public FaultPlan plan() {
    return plan;
  }

  /**
   * @param method HTTP method
   * @param template path template
   * @return the rates for that endpoint
   */
  public FaultPlan.Rates rates(String method, String template) {
    return plan.rates(method, template);
  }

  /**
   * Takes the next scripted status of an endpoint.
   *
   * @param method HTTP method
   * @param template path template
   * @return the status (0 = drop), or null when nothing is scripted
   */
  public synchronized Integer nextScripted(String method, String template) {
    for (String key : List.of(method + " " + template, template)) {
      Deque<Integer> q = scripted.get(key);
      if (q != null && !q.isEmpty()) {
        return q.poll();
      }
    }
    return null;
  }

  /**
   * Takes one scripted task failure of an endpoint.
   *
   * @param method HTTP method
   * @param template path template
   * @return whether the task now starting must fail
   */
  public synchronized boolean nextTaskFails(String method, String template) {
    return take(failingTasks, method, template);
  }

  /**
   * Takes one scripted config-lock timeout of a write.
   *
   * @param method HTTP method
   * @param template path template
   * @return whether the write now arriving meets a held lock
   */
  public synchronized boolean nextWriteLocked(String method, String template) {
    return take(lockedWrites, method, template);
  }

  /**
   * Takes one scripted config-lock timeout of a task.
   *
   * @param method HTTP method
   * @param template path template
   * @return whether the task now starting meets a held lock
   */
  public synchronized boolean nextTaskLocked(String method, String template) {
    return take(lockedTasks, method, template);
  }

  private static boolean take(Map<String, Integer> counts, String method, String template) {
    for (String key : List.of(method + " " + template, template)) {
      Integer left = counts.get(key);
      if (left != null && left > 0) {
        counts.put(key, left - 1);
        return true;
      }
    }
    return false;
  }

  /**
   * The config-lock timeout text for a request or task on a guest, or null when the endpoint is
   * not about one guest: paths under {@code /lxc/{vmid}} or {@code /qemu/{vmid}}, and the create
   * or restore of {@code POST /nodes/{node}/lxc} (which locks the new guest's config).
   *
   * @param method HTTP method
   * @param template path template
   * @param vmid the guest's id, or null when unknown
   * @return the text, or null
   */
  public static String lockTimeoutFor(String method, String template, String vmid) {
    if (vmid == null || !vmid.chars().allMatch(Character::isDigit) || vmid.isEmpty() || vmid.length() > 9) {
      return null;
    }
    boolean guestPath = template.startsWith("/nodes/{node}/lxc/{vmid}") || template.startsWith("/nodes/{node}/qemu/{vmid}");
    boolean create = "POST".equals(method)
        && ("/nodes/{node}/lxc".equals(template) || "/nodes/{node}/qemu".equals(template));
    if (!guestPath && !create) {
      return null;
    }
    return PveError.lockTimeoutMessage(template.startsWith("/nodes/{node}/qemu"), Integer.parseInt(vmid));
  }

  /**
   * Decides one fault.
   *
   * @param kind fault kind, e.g. {@code "drop"}
   * @param method HTTP method
   * @param template path template
   * @param rate the probability
   * @return whether the fault happens
   */
  public boolean roll(String kind, String method, String template, double rate) {
    if (rate <= 0) {
      return false;
    }
    boolean hit = draw(kind, method, template) < rate;
    if (hit) {
      injected.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }
    return hit;
  }

  /**
   * Counts the faults drawn so far from the plan's rates, by kind ({@code error}, {@code drop},
   * {@code lost}, {@code latency}, {@code ticket-expiry}, {@code lock-timeout}, {@code task-fail},
   * {@code task-hang}, {@code task-warn}, {@code task-lock-timeout}); scripted faults are not counted.
   *
   * @return kind to count, sorted by kind
   */
  public Map<String, Long> injected() {
    Map<String, Long> out = new TreeMap<>();
    injected.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /**
   * Draws a number in [0, 1) for one decision.
   *
   * @param kind fault kind
   * @param method HTTP method
   * @param template path template
   * @return the draw
   */
  public double draw(String kind, String method, String template) {
    String key = kind + " " + method + " " + template;
    long n = counters.computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement();
    long mix = plan.seed() * 0x9E3779B97F4A7C15L ^ key.hashCode() * 0xC2B2AE3D27D4EB4FL ^ n * 0x165667B19E3779F9L;
    return new SplittableRandom(mix).nextDouble();
  }
}
