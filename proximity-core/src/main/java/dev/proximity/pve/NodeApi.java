package dev.proximity.pve;

import dev.proximity.internal.http.ApiRequest;
import dev.proximity.internal.http.BodyDecoder;
import dev.proximity.internal.http.PathBuilder;
import dev.proximity.internal.http.Transport;
import dev.proximity.internal.json.Json;
import dev.proximity.pve.model.ApplianceTemplate;
import dev.proximity.pve.model.LxcCreateRequest;
import dev.proximity.pve.model.LxcSummary;
import dev.proximity.pve.model.NetworkInterface;
import dev.proximity.pve.model.NodeStatus;
import dev.proximity.pve.model.StorageStatus;
import dev.proximity.pve.model.VzdumpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One cluster node ({@code /nodes/{node}}): status, network, storages, templates, containers, backups, tasks.
 *
 * <p>All methods throw {@link PveApiException} when the server refuses and {@link PveConnectionException}
 * when no answer arrives. Immutable and thread-safe.
 */
public final class NodeApi {
  private final Transport transport;
  private final String node;

  NodeApi(Transport transport, String node) {
    this.transport = transport;
    this.node = node;
  }

  /**
   * Returns the node name.
   *
   * @return the node
   */
  public String name() {
    return node;
  }

  /**
   * Reads the node status.
   *
   * @return CPU, memory, root disk, version
   */
  public NodeStatus status() {
    return Json.convert(transport.send(ApiRequest.get(PathBuilder.path("nodes", node, "status"), Map.of())).data(),
        NodeStatus.class);
  }

  /**
   * Lists the node's network interfaces.
   *
   * @return the interfaces
   */
  public List<NetworkInterface> network() {
    return transport.send(ApiRequest.get(PathBuilder.path("nodes", node, "network"), Map.of()),
        BodyDecoder.dataList(NetworkInterface.class));
  }

  /**
   * Lists the storages this node can use, with usage.
   *
   * @return the storages
   */
  public List<StorageStatus> storages() {
    return transport.send(ApiRequest.get(PathBuilder.path("nodes", node, "storage"), Map.of()),
        BodyDecoder.dataList(StorageStatus.class));
  }

  /**
   * Narrows to one storage.
   *
   * @param storage storage id, e.g. {@code local}
   * @return the storage API
   */
  public StorageApi storage(String storage) {
    return new StorageApi(transport, node, storage);
  }

  /**
   * Lists the appliance templates this node knows (its cached {@code pveam} index).
   *
   * @return the templates
   */
  public List<ApplianceTemplate> aplinfo() {
    return transport.send(ApiRequest.get(PathBuilder.path("nodes", node, "aplinfo"), Map.of()),
        BodyDecoder.dataList(ApplianceTemplate.class));
  }

  /**
   * Downloads an appliance template to a storage; the result is {@code <storage>:vztmpl/<template>}.
   *
   * @param storage a storage that allows {@code vztmpl}
   * @param template the file name from {@link #aplinfo()}, e.g. {@code debian-12-standard_12.7-1_amd64.tar.zst}
   * @return the {@code download} task
   */
  public Task downloadTemplate(String storage, String template) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("storage", storage);
    p.put("template", template);
    return Calls.task(transport, ApiRequest.post(PathBuilder.path("nodes", node, "aplinfo"), p));
  }

  /**
   * Lists the containers on this node the caller may see.
   *
   * @return the containers
   */
  public List<LxcSummary> lxcs() {
    return transport.send(ApiRequest.get(PathBuilder.path("nodes", node, "lxc"), Map.of()),
        BodyDecoder.dataList(LxcSummary.class));
  }

  /**
   * Narrows to one container.
   *
   * @param vmid the container id
   * @return the container API
   */
  public LxcApi lxc(int vmid) {
    return new LxcApi(transport, node, vmid);
  }

  /**
   * Creates (or restores) a container.
   *
   * @param request the parameters
   * @return the {@code vzcreate} or {@code vzrestore} task
   */
  public Task createLxc(LxcCreateRequest request) {
    return Calls.task(transport, ApiRequest.post(PathBuilder.path("nodes", node, "lxc"), request.parameters()));
  }

  /**
   * Creates a container from a builder callback (handy in JShell).
   *
   * @param spec fills the builder
   * @return the {@code vzcreate} task
   */
  public Task createLxc(Consumer<LxcCreateRequest.Builder> spec) {
    LxcCreateRequest.Builder b = LxcCreateRequest.builder();
    spec.accept(b);
    return createLxc(b.build());
  }

  /**
   * Backs up a container now. The archive volid is not in the answer: list the storage's backups afterwards.
   *
   * @param request what and where
   * @return the {@code vzdump} task
   */
  public Task vzdump(VzdumpRequest request) {
    return Calls.task(transport, ApiRequest.post(PathBuilder.path("nodes", node, "vzdump"), request.parameters()));
  }

  /**
   * Narrows to this node's tasks.
   *
   * @return the tasks API
   */
  public TasksApi tasks() {
    return new TasksApi(transport, node);
  }

  @Override
  public String toString() {
    return "NodeApi[" + node + "]";
  }
}
