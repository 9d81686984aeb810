package dev.proximity;

import dev.proximity.command.SafeCommand;
import dev.proximity.command.SafeCommandResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Acts on one deployed app. Obtained from {@code px.app(nameOrVmid)}; thread-safe.
 *
 * <p>Every method reads the app's current node and state from Proxmox, so a handle stays valid
 * when the app moves between nodes; it fails with {@link AppNotFoundException} once the app is
 * deleted.
 *
 * <pre>{@code
 * AppHandle web = px.app("web");
 * Backup b = web.backup("before experiments");
 * web.resize(r -> r.memoryMb(2048));
 * web.logs(100).forEach(System.out::println);
 * }</pre>
 *
 * <p>The long operations (backup, restore, restoreAs, clone, update) also come in an async form,
 * such as {@link #cloneAsync(String, ProgressListener)}: it runs on the SDK's executor, reports
 * each step to the SDK's progress listeners and to the call's own, and a {@code cancel(true)} on
 * its future stops it at the next step boundary (or interrupts the current wait) and rolls back
 * exactly as a failure does. The blocking form runs the same steps on the calling thread.
 */
public interface AppHandle {

  /** @return the app name */
  String name();

  /** @return the container id */
  int vmid();

  /**
   * Reads the app again: status, address, manifest, usage.
   *
   * @return a fresh snapshot
   * @throws AppNotFoundException if the app no longer exists
   */
  App info();

  /**
   * Reads the container status.
   *
   * @return running, stopped or unknown
   */
  AppStatus status();

  /**
   * Reads the state of every Compose service inside the app.
   *
   * @return the services, sorted by name
   * @throws ProximityException if the container is stopped or unreachable
   */
  List<ServiceStatus> services();

  /**
   * Reads the image each Compose service's container runs, with the registry digests Docker
   * recorded when it was pulled; update checks compare these with the registry.
   *
   * @return one entry per container (running or not), sorted by service
   * @throws ProximityException if the container is stopped or unreachable
   */
  List<RunningImage> runningImages();

  /** Starts the container (Compose services restart by their restart policy). Idempotent. */
  void start();

  /** Stops the container at once. Idempotent. */
  void stop();

  /**
   * Shuts the container down cleanly, stopping it hard after the timeout.
   *
   * @param timeout how long to wait for a clean shutdown
   */
  void shutdown(Duration timeout);

  /** Restarts the container (reboot), or starts it when stopped. */
  void restart();

  /**
   * Reads the container's round-robin metrics.
   *
   * @param timeframe the span to read
   * @return the samples, oldest first
   */
  List<MetricSample> metrics(MetricSample.Timeframe timeframe);

  /**
   * Reads the last lines of the app's logs, every service interleaved with timestamps.
   *
   * @param tail how many lines per service, 1..10000
   * @return the lines
   */
  List<String> logs(int tail);

  /**
   * Follows the app's logs until the returned stream is closed.
   *
   * @param tail how many past lines per service to start with, 1..10000
   * @param lines receives each line on a background thread; must not block
   * @return the stream, which the caller must close
   */
  LogStream followLogs(int tail, Consumer<String> lines);

  /**
   * Runs a safe diagnostic command inside the app (the closed set of docs/safe-commands.md),
   * audited with the credentials' principal as the actor.
   *
   * <pre>{@code
   * SafeCommandResult disk = px.app("web").run(SafeCommand.parse("disk", Map.of()));
   * }</pre>
   *
   * @param command a validated safe command
   * @return the exit code and output ({@code config} output redacted)
   * @throws ProximityException if the command could not run (audited as an error)
   */
  SafeCommandResult run(SafeCommand command);

  /**
   * Runs a safe command on behalf of a named user, who is recorded in the audit event.
   *
   * @param command a validated safe command
   * @param actor the user who asked
   * @return the exit code and output
   * @throws ProximityException if the command could not run (audited as an error)
   */
  SafeCommandResult run(SafeCommand command, String actor);

  /**
   * Parses and runs a safe command by name; an unknown name or bad parameter is refused before
   * any connection, and the refusal is audited too.
   *
   * @param name the command name, such as {@code logs}
   * @param parameters its parameters, such as {@code tail=200}
   * @param actor the user who asked
   * @return the exit code and output
   * @throws dev.proximity.command.SafeCommandRefusedException if the name or a parameter is refused
   */
  SafeCommandResult run(String name, Map<String, String> parameters, String actor);

  /**
   * Deletes the app's container. A running app is refused unless {@link DeleteOption#FORCE} is
   * given; its backups stay unless {@link DeleteOption#WITH_BACKUPS} is given.
   *
   * @param options deletion options
   * @throws InvalidRequestException with {@code APP_RUNNING} when running and not forced
   */
  void delete(DeleteOption... options);

  /**
   * Backs the app up now (vzdump, snapshot mode, zstd).
   *
   * @param notes notes stored with the backup, possibly empty
   * @return the new backup
   * @throws DeployException if the backup task fails
   */
  Backup backup(String notes);

  /**
   * Backs the app up on the SDK's executor. A cancel before the archive is written stops the
   * backup task; a cancel after it deletes the new archive again.
   *
   * @param notes notes stored with the backup, possibly empty
   * @param listener receives the backup's progress, or {@code null}
   * @return a future completed with the new backup, or exceptionally as {@link #backup(String)}
   *     throws ({@link java.util.concurrent.CancellationException} when cancelled)
   */
  CompletableFuture<Backup> backupAsync(String notes, ProgressListener listener);

  /**
   * Lists the app's backups on every backup storage of its node, newest first.
   *
   * @return an immutable list
   */
  List<Backup> backups();

  /**
   * Restores a backup over this app (the container is stopped and replaced, keeping its vmid).
   *
   * <p>Undone on failure: a safety backup of the app as it is now is taken first. If the restore
   * task fails, the restored app does not become healthy, or the restore is cancelled, the safety
   * backup is put back, so the app runs as it did before, and then deleted. It is also deleted
   * after a successful restore. Only when putting it back fails too is it kept, and named by
   * {@link DeployException#safetyBackup()}.
   *
   * @param volid the backup's volume id, from {@link #backups()}
   * @return the restored app, started
   * @throws InvalidRequestException with {@code BACKUP_NOT_FOUND} if the backup does not exist
   * @throws DeployException if the restore fails; {@code rolledBack()} says whether the app was
   *     returned to its previous state
   */
  App restore(String volid);

  /**
   * Restores a backup over this app on the SDK's executor, with the same safety backup and undo
   * as {@link #restore(String)}; a cancel puts the app back as it was.
   *
   * @param volid the backup's volume id, from {@link #backups()}
   * @param listener receives the restore's progress, or {@code null}
   * @return a future completed with the restored app, or exceptionally as {@link
   *     #restore(String)} throws ({@link java.util.concurrent.CancellationException} when
   *     cancelled)
   */
  CompletableFuture<App> restoreAsync(String volid, ProgressListener listener);

  /**
   * Restores a backup as a new app, leaving this one untouched.
   *
   * @param volid the backup's volume id
   * @param newName the new app's name
   * @return the new app, started
   * @throws InvalidRequestException if the backup does not exist or the name is invalid or taken
   * @throws DeployException if the restore fails (the new container is removed)
   */
  App restoreAs(String volid, String newName);

  /**
   * Restores a backup as a new app on the SDK's executor; a cancel removes the new container.
   *
   * @param volid the backup's volume id
   * @param newName the new app's name
   * @param listener receives the restore's progress, or {@code null}
   * @return a future completed with the new app, or exceptionally as {@link
   *     #restoreAs(String, String)} throws ({@link java.util.concurrent.CancellationException}
   *     when cancelled)
   * @throws InvalidRequestException at once if the name is invalid
   */
  CompletableFuture<App> restoreAsAsync(String volid, String newName, ProgressListener listener);

  /**
   * Clones the app into a new app on the same node: a full copy of the container (through a
   * temporary snapshot when the app runs). The secrets its catalog entry marks
   * {@code regenerateOnClone} get fresh values and the Compose project is recreated with them;
   * every other secret is kept, because the copied data volumes expect it. When the catalog no
   * longer renders the source's compose file (another version), every secret is kept.
   *
   * <p>Proxmox makes linked clones only of templates, so an app clone is always a full copy.
   *
   * @param newName the new app's name
   * @return the new app, running and healthy
   * @throws InvalidRequestException if the name is invalid or taken
   * @throws DeployException if a step fails (the clone is removed)
   */
  App clone(String newName);

  /**
   * Clones the app on the SDK's executor; a cancel removes the clone and the temporary snapshot.
   *
   * @param newName the new app's name
   * @param listener receives the clone's progress, or {@code null}
   * @return a future completed with the new app, or exceptionally as {@link #clone(String)}
   *     throws ({@link java.util.concurrent.CancellationException} when cancelled)
   * @throws InvalidRequestException at once if the name is invalid
   */
  CompletableFuture<App> cloneAsync(String newName, ProgressListener listener);

  /**
   * Changes resources: cores and memory apply live, the disk can only grow.
   *
   * @param resources the values to change; values not set stay as they are
   * @return the app after the change
   * @throws InvalidRequestException with {@code DISK_SHRINK} if the disk would shrink
   */
  App resize(Resources resources);

  /**
   * Changes resources through a builder.
   *
   * @param resources configures the builder, e.g. {@code r -> r.memoryMb(2048)}
   * @return the app after the change
   * @throws InvalidRequestException with {@code DISK_SHRINK} if the disk would shrink
   */
  App resize(Consumer<Resources.Builder> resources);

  /**
   * The catalog version the app could be updated to.
   *
   * @return the newer version, or empty when the app is current
   */
  Optional<String> availableUpdate();

  /**
   * Updates the app to the catalog's current version: backs up, renders the new compose file with
   * the same parameters and secrets, pulls, recreates and waits healthy; restores the backup when
   * any of that fails.
   *
   * @param listener receives the update's progress, or {@code null}
   * @return the updated app
   * @throws InvalidRequestException with {@code NO_UPDATE} if the app is current
   * @throws DeployException if the update failed; {@code rolledBack()} says whether the backup was restored
   */
  App update(ProgressListener listener);

  /**
   * Updates the app on the SDK's executor, as {@link #update(ProgressListener)}; a cancel after
   * the backup restores it, so the app runs its previous version again.
   *
   * @param listener receives the update's progress, or {@code null}
   * @return a future completed with the updated app, or exceptionally as {@link
   *     #update(ProgressListener)} throws ({@link java.util.concurrent.CancellationException} when
   *     cancelled)
   */
  CompletableFuture<App> updateAsync(ProgressListener listener);
}
