package dev.proximity.internal.deploy;

import dev.proximity.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Proxmox operations the facade needs, in the facade's terms. Implemented over the typed
 * client by {@code PveClusterOps}; every method that starts a task waits for it within the given
 * timeout and throws the client's typed exceptions ({@code TaskFailedException} and so on).
 *
 * <p>This seam keeps the pipeline readable (one line per Proxmox action) and lets it be tested
 * step by step against the simulator.
 */
public interface ClusterOps {

  /** A cluster node. */
  record NodeRow(String node, boolean online, long maxMemory, long memory, int maxCpu) {
    /** @return memory not in use */
    public long freeMemory() {
      return Math.max(0, maxMemory - memory);
    }
  }

  /** An LXC row of {@code /cluster/resources?type=vm}. */
  record GuestRow(
      int vmid, String node, String name, String status, Set<String> tags, boolean template,
      double cpu, int maxCpu, long mem, long maxMem, long disk, long maxDisk, long uptime,
      String lock) {}

  /** A storage of a node. */
  record StorageRow(
      String storage, String type, Set<String> content, boolean active, boolean shared,
      long avail) {}

  /** A volume on a storage. */
  record VolumeRow(
      String volid, String format, long size, Instant ctime, int vmid, String notes) {}

  /** What {@code GET .../config} says, in the facade's terms. */
  record CtConfig(
      String hostname, String description, int cores, int memoryMb, int swapMb, int rootfsGb,
      String rootfsStorage, Set<String> tags, boolean template, String lock) {}

  /**
   * A container create or restore.
   *
   * @param vmid the new id
   * @param ostemplate the OS template volid, or the backup volid for a restore
   * @param hostname the hostname, or null for a restore that keeps the backup's
   * @param cores cores, 0 to leave out
   * @param memoryMb memory, 0 to leave out
   * @param swapMb swap, negative to leave out
   * @param rootStorage root disk storage
   * @param diskGb root disk size, 0 to leave out
   * @param nesting features nesting=1
   * @param keyctl features keyctl=1
   * @param tags tags to set, empty to leave out
   * @param description the description, or null
   * @param pool the pool, or null
   * @param restore whether this restores a backup
   * @param force for a restore over an existing container
   * @param bridge the bridge of net0 (name=eth0, ip=dhcp, firewall=1), or null to leave out
   */
  record CreateRequest(
      int vmid, String ostemplate, String hostname, int cores, int memoryMb, int swapMb,
      String rootStorage, int diskGb, boolean nesting, boolean keyctl, List<String> tags,
      String description, String pool, boolean restore, boolean force, String bridge) {}

  /** @return every cluster node with its memory and cores */
  List<NodeRow> nodes();

  /** @return every LXC container of the cluster, from one {@code /cluster/resources} call */
  List<GuestRow> guests();

  /** @return the id {@code /cluster/nextid} proposes (not reserved) */
  int nextId();

  /**
   * @param vmid a candidate id
   * @return whether no guest has it
   */
  boolean isVmidFree(int vmid);

  /** @return whether the credentials are a root@pam ticket, which may set keyctl */
  boolean rootPam();

  /**
   * @param node the node
   * @return its enabled storages
   */
  List<StorageRow> storages(String node);

  /**
   * @param node the node
   * @param storage the storage
   * @param contentType e.g. {@code vztmpl}, {@code backup}
   * @param vmid only this guest's volumes, or 0 for all
   * @return the volumes
   */
  List<VolumeRow> content(String node, String storage, String contentType, int vmid);

  /**
   * @param node the node
   * @return the template file names of the node's appliance index
   */
  Set<String> availableTemplates(String node);

  /**
   * Downloads an appliance template to a storage and waits for the task, promptly: every deploy
   * on the node waits for this one download.
   */
  void downloadTemplate(String node, String storage, String template, Duration timeout);

  /** Deletes a volume (a backup) and waits for the task if there is one. */
  void deleteVolume(String node, String storage, String volid, Duration timeout);

  /** Creates or restores a container and waits for the task. */
  void create(String node, CreateRequest request, Duration timeout);

  /** @return a container's configuration; fails when it does not exist */
  CtConfig config(String node, int vmid);

  /** @return a container's configuration, or empty when it does not exist */
  Optional<CtConfig> findConfig(String node, int vmid);

  /**
   * Sets cores, memory, swap, hostname, description or tags (synchronous); repeated while the
   * guest's config lock is held, until the timeout.
   */
  void updateConfig(String node, int vmid, Map<String, String> values, Duration timeout);

  /** @return {@code running} or {@code stopped} */
  String status(String node, int vmid);

  /** Starts a container and waits. */
  void start(String node, int vmid, Duration timeout);

  /** Stops a container at once and waits. */
  void stop(String node, int vmid, Duration timeout);

  /** Shuts a container down cleanly, stopping it after {@code shutdownTimeout}, and waits. */
  void shutdown(String node, int vmid, Duration shutdownTimeout, Duration timeout);

  /** Reboots a running container and waits. */
  void reboot(String node, int vmid, Duration timeout);

  /** Stops (if running) and destroys a container with purge, and waits. */
  void destroy(String node, int vmid, Duration timeout);

  /** @return the IPv4 address of eth0, when the container runs and has one */
  Optional<String> ipv4(String node, int vmid);

  /** @return the container's round-robin metrics over the time frame */
  List<MetricSample> rrd(String node, int vmid, MetricSample.Timeframe timeframe);

  /** Grows the root disk to the absolute size and waits. */
  void resizeDisk(String node, int vmid, int sizeGb, Duration timeout);

  /** Takes a snapshot and waits. */
  void snapshot(String node, int vmid, String name, Duration timeout);

  /** Deletes a snapshot and waits. */
  void deleteSnapshot(String node, int vmid, String name, Duration timeout);

  /**
   * Clones a container (from a snapshot when given) into a pool (when not null) and waits,
   * promptly: the source stays locked until the clone's end is noticed, and further clones of it
   * queue behind that.
   */
  void cloneContainer(
      String node, int vmid, int newId, String hostname, boolean full, String snapname,
      String description, String pool, Duration timeout);

  /** @return whether a resource pool with this id exists and the caller may see it */
  boolean poolExists(String poolid);

  /** Converts a stopped container into a template and waits until the config says so. */
  void convertToTemplate(String node, int vmid, Duration timeout);

  /**
   * Backs a container up (snapshot mode, zstd) and waits.
   *
   * @return the backup's volid
   */
  String backup(String node, int vmid, String storage, String notes, Duration timeout);
}
