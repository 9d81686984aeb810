package dev.proximity.internal.deploy;

import dev.proximity.InvalidRequestException;
import dev.proximity.InvalidRequestException.Reason;
import dev.proximity.ProximityException;
import dev.proximity.Resources;
import dev.proximity.spi.AppTemplate;
import dev.proximity.spi.RenderedApp;
import dev.proximity.spi.ResourceHints;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The first two deploy steps: resolve the entry, name, parameters and resources; place. */
final class Resolver {
  static final String APP_TAG = "proximity";
  static final int DEFAULT_SWAP_MB = 512;
  /** Storage types that thin-provision and support linked clones of templates. */
  static final Set<String> THIN_TYPES = Set.of("lvmthin", "zfspool", "rbd");
  private static final long MIB = 1024L * 1024L;

  private final Context ctx;

  Resolver(Context ctx) {
    this.ctx = ctx;
  }

  AppTemplate entry(String catalogId) {
    return ctx.catalog().find(catalogId).orElseThrow(() -> new InvalidRequestException(
        Reason.UNKNOWN_CATALOG_ENTRY, "the catalog has no app '" + catalogId
            + "': list the catalog for valid ids"));
  }

  RenderedApp render(AppTemplate entry, Map<String, String> parameters) {
    try {
      return entry.render(parameters);
    } catch (InvalidRequestException e) {
      throw e;
    } catch (ProximityException | IllegalArgumentException e) {
      throw new InvalidRequestException(Reason.INVALID_PARAMETER,
          "parameters for '" + entry.id() + "' refused: " + e.getMessage(), e);
    }
  }

  /** Names of existing apps (and golden templates), from one cluster listing. */
  Set<String> takenNames(List<ClusterOps.GuestRow> guests) {
    return guests.stream().map(ClusterOps.GuestRow::name).collect(Collectors.toSet());
  }

  /**
   * Picks and reserves the app name: the given one (refused when taken), or the catalog id with
   * the first free numeric suffix. The caller releases the reservation when the deploy ends.
   */
  String reserveName(String requested, String catalogId, List<ClusterOps.GuestRow> guests,
      boolean reserve) {
    Set<String> taken = takenNames(guests);
    if (requested != null) {
      Names.requireValid(requested);
      if (taken.contains(requested) || ctx.reservedNames().contains(requested)
          || reserve && !ctx.reservedNames().add(requested)) {
        throw new InvalidRequestException(Reason.NAME_TAKEN, "an app named '" + requested
            + "' already exists: choose another name or delete that app first");
      }
      return requested;
    }
    String base = Names.isValid(catalogId) ? catalogId : "app";
    for (int i = 1; i < 10_000; i++) {
      String candidate = i == 1 ? base : base + "-" + i;
      if (candidate.length() <= 63 && !taken.contains(candidate)
          && !ctx.reservedNames().contains(candidate)
          && (!reserve || ctx.reservedNames().add(candidate))) {
        return candidate;
      }
    }
    throw new InvalidRequestException(Reason.NAME_TAKEN, "no free name for " + catalogId);
  }

  void releaseName(String name) {
    ctx.reservedNames().remove(name);
  }

  /** Fills resources from the entry's recommendation and checks them against its minimum. */
  static Resources resources(AppTemplate entry, Resources asked) {
    ResourceHints h = entry.resources();
    Resources r = asked.orElse(Resources.builder().cores(h.recommendedCores())
        .memoryMb(h.recommendedMemoryMb()).diskGb(h.recommendedDiskGb())
        .swapMb(DEFAULT_SWAP_MB).build());
    check(entry, "cores", r.cores().getAsInt(), h.minCores());
    check(entry, "memoryMb", r.memoryMb().getAsInt(), h.minMemoryMb());
    check(entry, "diskGb", r.diskGb().getAsInt(), h.minDiskGb());
    return r;
  }

  private static void check(AppTemplate entry, String what, int value, int min) {
    if (value < min) {
      throw new InvalidRequestException(Reason.INVALID_RESOURCES, entry.id() + " needs " + what
          + " >= " + min + " (catalog minimum), got " + value);
    }
  }

  /**
   * Chooses the node: the requested one after capacity checks, or, among the online nodes that
   * fit, the one with the fewest deploys of this instance in flight, then the most free memory
   * (minus in-flight reservations). Spreading concurrent deploys matters: they share a node's one
   * golden template, whose clones Proxmox runs one at a time, and its disks. Reserves the memory
   * on the node and counts the deploy until {@link #releaseMemory}.
   */
  String place(String requested, Resources r, boolean reserve) {
    List<ClusterOps.NodeRow> nodes = ctx.ops().nodes();
    long need = r.memoryMb().getAsInt() * MIB;
    int cores = r.cores().getAsInt();
    if (requested != null) {
      ClusterOps.NodeRow n = nodes.stream().filter(x -> x.node().equals(requested)).findFirst()
          .orElseThrow(() -> new InvalidRequestException(Reason.UNKNOWN_NODE, "no node '"
              + requested + "' in the cluster; nodes: " + nodes.stream()
                  .map(ClusterOps.NodeRow::node).sorted().collect(Collectors.joining(", "))));
      if (!n.online()) {
        throw new InvalidRequestException(Reason.UNKNOWN_NODE,
            "node '" + requested + "' is offline: choose another node or omit onNode(..)");
      }
      if (n.maxCpu() < cores || n.maxMemory() < need) {
        throw new InvalidRequestException(Reason.NO_CAPACITY, "node '" + requested + "' has "
            + n.maxCpu() + " cores and " + n.maxMemory() / MIB + " MiB; the app asks for "
            + cores + " cores and " + need / MIB + " MiB");
      }
      if (reserve) {
        ctx.reservedMemory().merge(requested, need, Long::sum);
        ctx.deploysInFlight().merge(requested, 1, Integer::sum);
      }
      return requested;
    }
    synchronized (ctx.reservedMemory()) {
      Optional<ClusterOps.NodeRow> best = nodes.stream()
          .filter(ClusterOps.NodeRow::online)
          .filter(n -> n.maxCpu() >= cores && free(n) >= need)
          .max(Comparator.comparingInt((ClusterOps.NodeRow n) -> -inFlight(n))
              .thenComparingLong(this::free)
              .thenComparing(ClusterOps.NodeRow::node, Comparator.reverseOrder()));
      if (best.isEmpty()) {
        throw new InvalidRequestException(Reason.NO_CAPACITY, "no online node has " + cores
            + " cores and " + need / MIB + " MiB free: " + nodes.stream()
                .map(n -> n.node() + (n.online() ? " " + free(n) / MIB + " MiB free" : " offline"))
                .collect(Collectors.joining(", ")) + "; ask for less memory or free some");
      }
      String node = best.get().node();
      if (reserve) {
        ctx.reservedMemory().merge(node, need, Long::sum);
        ctx.deploysInFlight().merge(node, 1, Integer::sum);
      }
      return node;
    }
  }

  void releaseMemory(String node, Resources r) {
    long need = r.memoryMb().getAsInt() * MIB;
    ctx.reservedMemory().computeIfPresent(node, (k, v) -> v - need <= 0 ? null : v - need);
    ctx.deploysInFlight().computeIfPresent(node, (k, v) -> v <= 1 ? null : v - 1);
  }

  private int inFlight(ClusterOps.NodeRow n) {
    return ctx.deploysInFlight().getOrDefault(n.node(), 0);
  }

  private long free(ClusterOps.NodeRow n) {
    return n.freeMemory() - ctx.reservedMemory().getOrDefault(n.node(), 0L);
  }

  /** The storage for root disks on a node: the configured one, else the first rootdir storage. */
  String rootStorage(String node, int diskGb) {
    List<ClusterOps.StorageRow> storages = ctx.ops().storages(node);
    String wanted = ctx.settings().rootStorage();
    ClusterOps.StorageRow s = storages.stream()
        .filter(x -> x.active() && x.content().contains("rootdir"))
        .filter(x -> wanted == null || x.storage().equals(wanted))
        .findFirst()
        .orElseThrow(() -> new InvalidRequestException(Reason.NOT_CONFIGURED, "node '" + node
            + "' has no active storage for container disks" + (wanted == null ? "" : " named '"
                + wanted + "'") + ": enable content 'rootdir' on a storage"));
    // Thin pools over-provision by design, as Proxmox allows; only thick storages are checked.
    boolean thin = THIN_TYPES.contains(s.type()) || "btrfs".equals(s.type());
    if (!thin && s.avail() > 0 && s.avail() < diskGb * 1024L * MIB) {
      throw new InvalidRequestException(Reason.NO_CAPACITY, "storage '" + s.storage() + "' on "
          + node + " has " + s.avail() / (1024L * MIB) + " GiB free; the app asks for " + diskGb
          + " GiB");
    }
    return s.storage();
  }
}
