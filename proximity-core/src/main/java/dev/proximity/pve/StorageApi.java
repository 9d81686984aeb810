package dev.proximity.pve;

import dev.proximity.internal.http.ApiRequest;
import dev.proximity.internal.http.BodyDecoder;
import dev.proximity.internal.http.ApiResponse;
import dev.proximity.internal.http.PathBuilder;
import dev.proximity.internal.http.Transport;
import dev.proximity.internal.json.Json;
import dev.proximity.pve.model.PruneBackups;
import dev.proximity.pve.model.PruneEntry;
import dev.proximity.pve.model.StorageContent;
import dev.proximity.pve.model.StorageStatus;
import dev.proximity.pve.model.Upid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One storage as seen by one node ({@code /nodes/{node}/storage/{storage}}).
 *
 * <p>All methods throw {@link PveApiException} when the server refuses and {@link PveConnectionException}
 * when no answer arrives. Immutable and thread-safe.
 */
public final class StorageApi {
  private final Transport transport;
  private final String node;
  private final String storage;

  StorageApi(Transport transport, String node, String storage) {
    this.transport = transport;
    this.node = node;
    this.storage = storage;
  }

  /**
   * Returns the storage id.
   *
   * @return the id
   */
  public String id() {
    return storage;
  }

  /**
   * Reads usage and state.
   *
   * @return the status
   */
  public StorageStatus status() {
    return Json.convert(transport.send(ApiRequest.get(
        PathBuilder.path("nodes", node, "storage", storage, "status"), Map.of())).data(), StorageStatus.class);
  }

  /**
   * Lists all volumes.
   *
   * @return the volumes
   */
  public List<StorageContent> content() {
    return content(null, null);
  }

  /**
   * Lists volumes of one content type, optionally of one guest.
   *
   * @param contentType e.g. {@code vztmpl} or {@code backup}, or null for all
   * @param vmid only this guest's volumes, or null
   * @return the volumes
   */
  public List<StorageContent> content(String contentType, Integer vmid) {
    Map<String, String> q = new LinkedHashMap<>();
    if (contentType != null) {
      q.put("content", contentType);
    }
    if (vmid != null) {
      q.put("vmid", vmid.toString());
    }
    return transport.send(ApiRequest.get( PathBuilder.path("nodes", node, "storage", storage, "content"), q),
        BodyDecoder.dataList(StorageContent.class));
  }

  /**
   * Deletes a volume, e.g. a backup or a template.
   *
   * @param volid e.g. {@code local:backup/vzdump-lxc-105-2026_01_01-02_00_00.tar.zst}
   * @return the {@code imgdel} task, or empty when the server deleted it at once (older versions)
   */
  public Optional<Task> deleteContent(String volid) {
    ApiRequest request = ApiRequest.delete(PathBuilder.path("nodes", node, "storage", storage, "content", volid),
        Map.of());
    ApiResponse r = transport.send(request);
    String text = r.data().asText("");
    return Upid.isUpid(text) ? Optional.of(Task.justStarted(transport, Upid.parse(text))) : Optional.empty();
  }

  /**
   * Shows what a retention would keep and remove, without removing anything.
   *
   * @param retention the retention
   * @param vmid only this guest's backups, or null
   * @return one entry per backup
   */
  public List<PruneEntry> prunePreview(PruneBackups retention, Integer vmid) {
    return transport.send(ApiRequest.get( PathBuilder.path("nodes", node, "storage", storage, "prunebackups"), pruneParams(retention, vmid)),
        BodyDecoder.dataList(PruneEntry.class));
  }

  /**
   * Removes the container backups a retention does not keep.
   *
   * @param retention the retention
   * @param vmid only this guest's backups, or null
   * @return the {@code prunebackups} task
   */
  public Task pruneBackups(PruneBackups retention, Integer vmid) {
    return Calls.task(transport, ApiRequest.delete(
        PathBuilder.path("nodes", node, "storage", storage, "prunebackups"), pruneParams(retention, vmid)));
  }

  private static Map<String, String> pruneParams(PruneBackups retention, Integer vmid) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("prune-backups", retention.render());
    q.put("type", "lxc");
    if (vmid != null) {
      q.put("vmid", vmid.toString());
    }
    return q;
  }

  @Override
  public String toString() {
    return "StorageApi[" + node + "/" + storage + "]";
  }
}
