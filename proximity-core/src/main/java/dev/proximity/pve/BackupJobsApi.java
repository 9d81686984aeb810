package dev.proximity.pve;

import dev.proximity.internal.http.ApiRequest;
import dev.proximity.internal.http.BodyDecoder;
import dev.proximity.internal.http.PathBuilder;
import dev.proximity.internal.http.Transport;
import dev.proximity.internal.json.Json;
import dev.proximity.pve.model.BackupJob;
import dev.proximity.pve.model.BackupJobRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scheduled backup jobs ({@code /cluster/backup}), run by Proxmox's own scheduler. All calls are synchronous.
 *
 * <p>All methods throw {@link PveApiException} when the server refuses and {@link PveConnectionException}
 * when no answer arrives. Immutable and thread-safe.
 */
public final class BackupJobsApi {
  private final Transport transport;

  BackupJobsApi(Transport transport) {
    this.transport = transport;
  }

  /**
   * Lists all jobs with their next run.
   *
   * @return the jobs
   */
  public List<BackupJob> list() {
    return transport.send(ApiRequest.get("/cluster/backup", Map.of()),
        BodyDecoder.dataList(BackupJob.class));
  }

  /**
   * Reads one job.
   *
   * @param id the job id
   * @return the job, or empty when there is none with this id
   */
  public Optional<BackupJob> find(String id) {
    try {
      return Optional.ofNullable(Json.convert(
          transport.send(ApiRequest.get(PathBuilder.path("cluster", "backup", id), Map.of())).data(),
          BackupJob.class));
    } catch (PveApiException e) {
      if (e.isNotFound() || (e.status() == 500 && e.reason().contains("not defined"))) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Creates a job.
   *
   * @param job the job; without an id Proxmox generates one
   */
  public void create(BackupJobRequest job) {
    transport.send(ApiRequest.post("/cluster/backup", job.parameters()));
  }

  /**
   * Replaces the settings of the job {@code job.id()}.
   *
   * @param job the job with its id
   * @throws IllegalArgumentException when the job has no id
   */
  public void update(BackupJobRequest job) {
    if (job.id() == null) {
      throw new IllegalArgumentException("update needs the job id: use job.withId(id)");
    }
    transport.send(ApiRequest.put(PathBuilder.path("cluster", "backup", job.id()), job.updateParameters()));
  }

  /**
   * Deletes a job.
   *
   * @param id the job id
   */
  public void delete(String id) {
    transport.send(ApiRequest.delete(PathBuilder.path("cluster", "backup", id), Map.of()));
  }
}
