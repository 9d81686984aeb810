package dev.proximity.pve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.internal.http.ApiRequest;
import dev.proximity.internal.http.BodyDecoder;
import dev.proximity.internal.http.PathBuilder;
import dev.proximity.internal.http.Transport;
import dev.proximity.internal.json.Json;
import dev.proximity.pve.model.CloneRequest;
import dev.proximity.pve.model.LxcConfig;
import dev.proximity.pve.model.LxcConfigUpdate;
import dev.proximity.pve.model.LxcInterface;
import dev.proximity.pve.model.LxcStatus;
import dev.proximity.pve.model.RrdPoint;
import dev.proximity.pve.model.RrdTimeframe;
import dev.proximity.pve.model.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One LXC container on one node ({@code /nodes/{node}/lxc/{vmid}}).
 *
 * <p>Calls that start a Proxmox task return a {@link Task}; wait with {@link Task#await(Duration)}.
 * All methods throw {@link PveApiException} when the server refuses and {@link PveConnectionException}
 * when no answer arrives. Immutable and thread-safe.
 */
public final class LxcApi {
  private final Transport transport;
  private final String node;
  private final int vmid;

  LxcApi(Transport transport, String node, int vmid) {
    this.transport = transport;
    this.node = node;
    this.vmid = vmid;
  }

  /**
   * Returns the node name.
   *
   * @return the node
   */
  public String node() {
    return node;
  }

  /**
   * Returns the container id.
   *
   * @return the vmid
   */
  public int vmid() {
    return vmid;
  }

  private String path(Object... more) {
    Object[] segments = new Object[4 + more.length];
    segments[0] = "nodes";
    segments[1] = node;
    segments[2] = "lxc";
    segments[3] = vmid;
    System.arraycopy(more, 0, segments, 4, more.length);
    return PathBuilder.path(segments);
  }

  /**
   * Reads the configuration.
   *
   * @return the configuration with its digest
   */
  public LxcConfig config() {
    JsonNode data = transport.send(ApiRequest.get(path("config"), Map.of())).data();
    Map<String, String> values = new HashMap<>();
    data.fields().forEachRemaining(e -> values.put(e.getKey(),
        e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    return new LxcConfig(values);
  }

  /**
   * Changes the configuration (synchronous; no task).
   *
   * @param update the changes
   */
  public void updateConfig(LxcConfigUpdate update) {
    transport.send(ApiRequest.put(path("config"), update.parameters()));
  }

  /**
   * Reads the current status.
   *
   * @return the status
   */
  public LxcStatus status() {
    return Json.convert(transport.send(ApiRequest.get(path("status", "current"), Map.of())).data(), LxcStatus.class);
  }

  /**
   * Starts the container.
   *
   * @return the {@code vzstart} task
   */
  public Task start() {
    return Calls.task(transport, ApiRequest.post(path("status", "start"), Map.of()));
  }

  /**
   * Stops the container at once (like pulling the plug).
   *
   * @return the {@code vzstop} task
   */
  public Task stop() {
    return Calls.task(transport, ApiRequest.post(path("status", "stop"), Map.of()));
  }

  /**
   * Shuts the container down cleanly.
   *
   * @param timeout how long to wait for a clean shutdown
   * @param forceStop stop it hard when the timeout passes
   * @return the {@code vzshutdown} task
   */
  public Task shutdown(Duration timeout, boolean forceStop) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("timeout", Long.toString(timeout.toSeconds()));
    p.put("forceStop", forceStop ? "1" : "0");
    return Calls.task(transport, ApiRequest.post(path("status", "shutdown"), p));
  }

  /**
   * Reboots the container.
   *
   * @return the {@code vzreboot} task
   */
  public Task reboot() {
    return Calls.task(transport, ApiRequest.post(path("status", "reboot"), Map.of()));
  }

  /**
   * Grows a disk ({@code rootfs} or {@code mpN}); disks never shrink.
   *
   * @param disk {@code rootfs} or {@code mp0}..
   * @param size {@code +2G} to add, or an absolute size such as {@code 10G}
   * @return the {@code resize} task
   */
  public Task resize(String disk, String size) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("disk", disk);
    p.put("size", size);
    return Calls.task(transport, ApiRequest.put(path("resize"), p));
  }

  /**
   * Destroys the container and its disks ({@code destroy-unreferenced-disks=1}).
   *
   * @param purge also remove it from backup jobs, replication and HA
   * @param force destroy even if running
   * @return the {@code vzdestroy} task
   */
  public Task delete(boolean purge, boolean force) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("purge", purge ? "1" : "0");
    p.put("destroy-unreferenced-disks", "1");
    if (force) {
      p.put("force", "1");
    }
    return Calls.task(transport, ApiRequest.delete(path(), p));
  }

  /**
   * Clones the container (full copy, or a linked clone of a template).
   *
   * @param request the new id and options
   * @return the {@code vzclone} task
   */
  public Task cloneTo(CloneRequest request) {
    // full and linked clones are both vzclone, and take seconds against minutes: learned apart
    return Calls.task(transport, ApiRequest.post(path("clone"), request.parameters()),
        request.full() ? "full" : "linked");
  }

  /**
   * Converts the stopped container into a template.
   *
   * <p>Proxmox runs a {@code vztemplate} worker but answers {@code null}, not a UPID, so this returns
   * when the request is accepted; {@link LxcConfig#template()} turns true when the worker is done.
   */
  public void convertToTemplate() {
    transport.send(ApiRequest.post(path("template"), Map.of()));
  }

  /**
   * Lists the snapshots, plus the {@code current} entry.
   *
   * @return the snapshots
   */
  public List<Snapshot> snapshots() {
    return transport.send(ApiRequest.get(path("snapshot"), Map.of()),
        BodyDecoder.dataList(Snapshot.class));
  }

  /**
   * Takes a snapshot.
   *
   * @param name snapshot name (letters, digits, {@code -} and {@code _}, starting with a letter)
   * @param description description, or null
   * @return the {@code vzsnapshot} task
   */
  public Task createSnapshot(String name, String description) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("snapname", name);
    if (description != null) {
      p.put("description", description);
    }
    return Calls.task(transport, ApiRequest.post(path("snapshot"), p));
  }

  /**
   * Rolls the container back to a snapshot.
   *
   * @param name snapshot name
   * @param start start the container afterwards
   * @return the {@code vzrollback} task
   */
  public Task rollback(String name, boolean start) {
    return Calls.task(transport,
        ApiRequest.post(path("snapshot", name, "rollback"), Map.of("start", start ? "1" : "0")));
  }

  /**
   * Deletes a snapshot.
   *
   * @param name snapshot name
   * @return the {@code vzdelsnapshot} task
   */
  public Task deleteSnapshot(String name) {
    return Calls.task(transport, ApiRequest.delete(path("snapshot", name), Map.of()));
  }

  /**
   * Lists the network interfaces inside the running container (PVE 8.1+).
   *
   * @return the interfaces; empty when the container is not running
   */
  public List<LxcInterface> interfaces() {
    return transport.send(ApiRequest.get(path("interfaces"), Map.of()),
        BodyDecoder.dataList(LxcInterface.class));
  }

  /**
   * Reads usage statistics (averages).
   *
   * @param timeframe hour, day, week, month or year
   * @return the points, oldest first
   */
  public List<RrdPoint> rrdData(RrdTimeframe timeframe) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("timeframe", timeframe.wire());
    p.put("cf", "AVERAGE");
    JsonNode data = transport.send(ApiRequest.get(path("rrddata"), p)).data();
    List<RrdPoint> out = new ArrayList<>();
    for (JsonNode item : data) {
      Map<String, Double> values = new HashMap<>();
      item.fields().forEachRemaining(e -> {
        if (!"time".equals(e.getKey()) && (e.getValue().isNumber() || e.getValue().isTextual())) {
          try {
            values.put(e.getKey(), Double.parseDouble(e.getValue().asText()));
          } catch (NumberFormatException ignored) {
            // non-numeric fields are not metrics
          }
        }
      });
      out.add(new RrdPoint(item.path("time").asLong(), values));
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "LxcApi[" + node + "/" + vmid + "]";
  }
}
