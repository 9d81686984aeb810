package dev.proximity.pve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.internal.http.ApiRequest;
import dev.proximity.internal.http.BodyDecoder;
import dev.proximity.internal.http.Transport;
import dev.proximity.pve.model.ClusterResource;
import dev.proximity.pve.model.ClusterStatusItem;
import dev.proximity.pve.model.ResourceType;
import dev.proximity.pve.model.TaskSummary;
import java.util.List;
import java.util.Map;

/**
 * Cluster-wide calls ({@code /cluster}): status, resources, the next free vmid, tasks, backup jobs.
 *
 * <p>All methods throw {@link PveApiException} when the server refuses and {@link PveConnectionException}
 * when no answer arrives. Immutable and thread-safe.
 */
public final class ClusterApi {
  private final Transport transport;

  ClusterApi(Transport transport) {
    this.transport = transport;
  }

  /**
   * Reads the cluster and node membership status.
   *
   * @return the cluster entry (if clustered) and one entry per node
   */
  public List<ClusterStatusItem> status() {
    return transport.send(ApiRequest.get("/cluster/status", Map.of()),
        BodyDecoder.dataList(ClusterStatusItem.class));
  }

  /**
   * Lists every resource of the cluster in one call.
   *
   * @return guests, storages, nodes, pools, SDN zones
   */
  public List<ClusterResource> resources() {
    return transport.send(ApiRequest.get("/cluster/resources", Map.of()),
        BodyDecoder.dataList(ClusterResource.class));
  }

  /**
   * Lists the resources of one type in one call.
   *
   * @param type e.g. {@link ResourceType#VM} (rows then have type {@code lxc} or {@code qemu})
   * @return the resources
   */
  public List<ClusterResource> resources(ResourceType type) {
    return transport.send(ApiRequest.get("/cluster/resources", Map.of("type", type.wire())),
        BodyDecoder.dataList(ClusterResource.class));
  }

  /**
   * Returns the next free vmid. Nothing is reserved: a concurrent create may take it first.
   *
   * @return the id (Proxmox sends it as a JSON string; both forms are read)
   */
  public int nextId() {
    return vmidOf(transport.send(ApiRequest.get("/cluster/nextid", Map.of())).data());
  }

  /**
   * Tells whether a vmid is free ({@code GET /cluster/nextid?vmid=X}).
   *
   * @param vmid the candidate
   * @return true when free, false when a guest already has it
   */
  public boolean isVmidFree(int vmid) {
    try {
      transport.send(ApiRequest.get("/cluster/nextid", Map.of("vmid", Integer.toString(vmid))));
      return true;
    } catch (PveApiException e) {
      if (e.status() == 400 && e.errors().containsKey("vmid")) {
        return false;
      }
      throw e;
    }
  }

  private static int vmidOf(JsonNode data) {
    if (data.isInt() || data.isLong()) {
      return data.asInt();
    }
    try {
      return Integer.parseInt(data.asText().trim());
    } catch (NumberFormatException e) {
      throw new PveApiException(200, "nextid answer is not a number: '" + data + "'", Map.of(), "GET",
          "/cluster/nextid");
    }
  }

  /**
   * Lists recent tasks of all nodes.
   *
   * @return the tasks
   */
  public List<TaskSummary> tasks() {
    return transport.send(ApiRequest.get("/cluster/tasks", Map.of()),
        BodyDecoder.dataList(TaskSummary.class));
  }

  /**
   * Narrows to the scheduled backup jobs.
   *
   * @return the backup jobs API
   */
  public BackupJobsApi backupJobs() {
    return new BackupJobsApi(transport);
  }
}
