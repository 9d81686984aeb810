package dev.proximity.internal.deploy;

import dev.proximity.App;
import dev.proximity.AppManifest;
import dev.proximity.Backup;
import dev.proximity.DeployException;
import dev.proximity.DeployStep;
import dev.proximity.InvalidRequestException;
import dev.proximity.InvalidRequestException.Reason;
import dev.proximity.ProgressListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Backups of an app: take, list, delete, restore in place or as a new app. */
final class BackupOps {
  private static final Logger log = LoggerFactory.getLogger(BackupOps.class);

  private final Context ctx;
  private final AppReader reader;
  private final Containers containers;
  private final AppSteps steps;
  private final Resolver resolver;

  BackupOps(Context ctx, AppReader reader) {
    this.ctx = ctx;
    this.reader = reader;
    this.containers = new Containers(ctx);
    this.steps = new AppSteps(ctx);
    this.resolver = new Resolver(ctx);
  }

  String backupStorage(String node) {
    String wanted = ctx.settings().backupStorage();
    return ctx.ops().storages(node).stream()
        .filter(s -> s.active() && s.content().contains("backup"))
        .filter(s -> wanted == null || s.storage().equals(wanted))
        .map(ClusterOps.StorageRow::storage)
        .findFirst()
        .orElseThrow(() -> new InvalidRequestException(Reason.NOT_CONFIGURED, "node '" + node
            + "' has no active storage for backups" + (wanted == null ? "" : " named '" + wanted
                + "'") + ": enable content 'backup' on a storage"));
  }

  /** Takes a backup (vzdump, snapshot mode, zstd) and reads it back from the storage. */
  Backup take(ClusterOps.GuestRow g, String notes, Duration timeout) {
    String storage = backupStorage(g.node());
    String volid = ctx.ops().backup(g.node(), g.vmid(), storage, notes == null ? "" : notes,
        timeout);
    return list(g.node(), g.vmid()).stream().filter(b -> b.volid().equals(volid)).findFirst()
        .orElseGet(() -> new Backup(volid, g.node(), storage, g.vmid(), ctx.clock().instant(), 0,
            notes));
  }

  /**
   * A backup as an operation: one vzdump; a cancel that comes after the archive was written
   * deletes it again, so a cancelled backup leaves nothing behind.
   */
  OperationRunner.Job<Backup> backup(Supplier<ClusterOps.GuestRow> app, String appName,
      String notes, ProgressListener listener) {
    Operation op = operation("backup", appName, listener);
    return new OperationRunner.Job<>(op, () -> {
      ClusterOps.GuestRow g = app.get();
      op.target(g.node(), g.vmid());
      op.begin(DeployStep.BACKUP, "backing up CT " + g.vmid());
      Backup b = take(g, notes, op.remaining());
      op.onRollback("delete the new backup " + b.volid(), () -> delete(b));
      op.begin(DeployStep.DONE, "backup " + b.volid() + " written");
      return b;
    });
  }

  /** Deletes one backup archive. */
  void delete(Backup b) {
    ctx.ops().deleteVolume(b.node(), b.storage(), b.volid(), ctx.settings().commandTimeout());
  }

  List<Backup> list(String node, int vmid) {
    List<Backup> out = new ArrayList<>();
    for (ClusterOps.StorageRow s : ctx.ops().storages(node)) {
      if (!s.active() || !s.content().contains("backup")) {
        continue;
      }
      for (ClusterOps.VolumeRow v : ctx.ops().content(node, s.storage(), "backup", vmid)) {
        if (v.vmid() == vmid) {
          out.add(new Backup(v.volid(), node, s.storage(), vmid, v.ctime(), v.size(),
              v.notes()));
        }
      }
    }
    out.sort(Comparator.comparing(Backup::createdAt).reversed()
        .thenComparing(Backup::volid, Comparator.reverseOrder()));
    return List.copyOf(out);
  }

  Backup require(String node, int vmid, String volid) {
    return list(node, vmid).stream().filter(b -> b.volid().equals(volid)).findFirst()
        .orElseThrow(() -> new InvalidRequestException(Reason.BACKUP_NOT_FOUND, "no backup '"
            + volid + "' of CT " + vmid + " on " + node + ": list them with backups()"));
  }

  void deleteAll(String node, int vmid) {
    for (Backup b : list(node, vmid)) {
      ctx.ops().deleteVolume(node, b.storage(), b.volid(), ctx.settings().commandTimeout());
    }
  }

  /**
   * Restores a backup over the app itself, so that a failure cannot lose the app: a safety backup
   * of the app as it is comes first; then stop, restore with force, start, compose up and wait
   * healthy. If any of that fails (or the restore is cancelled), the undo puts the safety backup
   * back the same way, so the app is as it was; the safety backup is deleted after a success and
   * after a successful undo, and kept, and named in the error, only when the undo failed too.
   */
  OperationRunner.Job<App> restoreInPlace(Supplier<ClusterOps.GuestRow> app, String appName,
      String volid, ProgressListener listener) {
    Operation op = operation("restore", appName, listener);
    AtomicReference<Backup> safety = new AtomicReference<>();
    op.onFailure((o, failed, rolledBack, cause) -> restoreFailure(o, failed, rolledBack, cause,
        safety.get()));
    return new OperationRunner.Job<>(op, () -> {
      ClusterOps.GuestRow g = app.get();
      op.target(g.node(), g.vmid());
      op.begin(DeployStep.RESOLVE, "checking " + volid);
      require(g.node(), g.vmid(), volid);
      boolean wasRunning = "running".equals(ctx.ops().status(g.node(), g.vmid()));
      op.begin(DeployStep.BACKUP, "taking a safety backup of CT " + g.vmid()
          + " before restoring over it");
      Backup saved = take(g, SAFETY_NOTES_PREFIX + g.name() + ", taken before restoring " + volid
          + "; Proximity deletes it once the restore has succeeded", op.remaining());
      safety.set(saved);
      op.onRollback("put the safety backup " + saved.volid() + " back",
          () -> putBack(g, saved, wasRunning, listener));
      replace(op, g.node(), g.vmid(), volid);
      op.begin(DeployStep.DONE, g.name() + " runs the restored backup");
      deleteSafety(saved);
      return reader.toApp(reader.find(g.vmid(), g.name()));
    });
  }

  /** Notes of the safety backup a restore in place takes; they say what it is to a person. */
  static final String SAFETY_NOTES_PREFIX = "proximity: pre-restore safety backup of ";

  /**
   * The undo of a restore in place: restores the safety backup over the container (whatever the
   * failed restore left of it), starts the app again if it ran before and waits until it is
   * healthy, then deletes the safety backup. Runs as its own operation with a fresh deadline,
   * because the restore's deadline may be what ran out.
   *
   * @throws SafetyRestoreFailed naming the kept safety backup when the app could not be put back
   */
  private void putBack(ClusterOps.GuestRow g, Backup saved, boolean wasRunning,
      ProgressListener listener) {
    Operation undo = operation("restore-undo", g.name(), listener);
    undo.bindToCurrentThread();
    try {
      restoreContainer(undo, g.node(), g.vmid(), saved.volid());
      if (wasRunning) {
        startAndHeal(undo, g.node(), g.vmid());
      }
      undo.begin(DeployStep.DONE, g.name() + " is back as it was before the restore");
    } catch (RuntimeException e) {
      throw new SafetyRestoreFailed(g, saved, e);
    } finally {
      undo.unbind();
    }
    deleteSafety(saved);
  }

  /** The undo of a restore in place failed; the safety backup is kept for a restore by hand. */
  static final class SafetyRestoreFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SafetyRestoreFailed(ClusterOps.GuestRow g, Backup saved, RuntimeException cause) {
      super("putting " + g.name() + " (CT " + g.vmid() + ") back from its safety backup '"
          + saved.volid() + "' failed: " + cause.getMessage() + "; the safety backup is kept",
          cause);
    }
  }

  /** Deletes a safety backup once it is no longer needed; a failure only leaves it behind. */
  private void deleteSafety(Backup saved) {
    try {
      delete(saved);
    } catch (RuntimeException e) {
      log.warn("could not delete the safety backup {} of CT {}; delete it by hand", saved.volid(),
          saved.vmid(), e);
    }
  }

  private static RuntimeException restoreFailure(Operation op, DeployStep failed,
      boolean rolledBack, Throwable cause, Backup saved) {
    List<String> tail = Failures.tail(cause);
    String hint;
    String kept = null;
    if (saved == null) {
      hint = "the app was not changed (the failure came before the safety backup); fix the"
          + " cause and restore again";
    } else if (rolledBack) {
      hint = "the app was returned to its previous state from a safety backup taken before the"
          + " restore, which was then deleted; check the backup you restored (for example with"
          + " restoreAs(...) into a new app) before restoring it over the app again";
    } else {
      kept = saved.volid();
      hint = "putting the app back failed too; its state from before the restore is in the"
          + " safety backup '" + kept + "', which is kept: restore it by hand on node "
          + op.node() + " with 'pct restore " + op.vmid() + " " + kept + " --force 1' (or"
          + " Restore in the backup view of the Proxmox UI), then delete it";
    }
    return new DeployException(op.name(), op.app(), failed, op.node(), op.vmid(), rolledBack,
        tail, hint, kept, cause);
  }

  /** Restores a backup over a container and brings the app back up (shared with updates). */
  void replace(Operation op, String node, int vmid, String volid) {
    restoreContainer(op, node, vmid, volid);
    startAndHeal(op, node, vmid);
  }

  /**
   * Restores a backup over a container, stopping it first. The container may also be missing:
   * a restore task that fails after it created the new disks destroys the old volumes, the new
   * disks and the config (pve-container {@code create_vm}); it is then created from the backup.
   */
  private void restoreContainer(Operation op, String node, int vmid, String volid) {
    op.begin(DeployStep.RESTORE, "restoring " + volid);
    if (ctx.ops().findConfig(node, vmid).isPresent()
        && "running".equals(ctx.ops().status(node, vmid))) {
      ctx.ops().stop(node, vmid, op.remaining());
    }
    ctx.ops().create(node, new ClusterOps.CreateRequest(vmid, volid, null, 0, 0, -1,
        null, 0, false, false, List.of(), null, null, true, true, null), op.remaining());
  }

  void startAndHeal(Operation op, String node, int vmid) {
    startWithAddress(op, node, vmid);
    op.begin(DeployStep.COMPOSE_UP, "starting the app");
    long upReturned = steps.up(op, node, vmid);
    op.begin(DeployStep.HEALTH, "waiting until healthy");
    steps.waitHealthy(op, node, vmid, upReturned);
  }

  void startWithAddress(Operation op, String node, int vmid) {
    op.begin(DeployStep.START, "starting CT " + vmid);
    ctx.ops().start(node, vmid, op.remaining());
    op.begin(DeployStep.NETWORK, "waiting for an IPv4 address");
    containers.waitIpv4(op, node, vmid);
  }

  /** Restores a backup into a new container with a new name; the source app is untouched. */
  OperationRunner.Job<App> restoreAs(Supplier<ClusterOps.GuestRow> app, String volid,
      String newName, ProgressListener listener) {
    Operation op = operation("restore", newName, listener);
    return new OperationRunner.Job<>(op, () -> {
      ClusterOps.GuestRow g = app.get();
      op.begin(DeployStep.RESOLVE, "checking " + volid);
      require(g.node(), g.vmid(), volid);
      String name = resolver.reserveName(newName, "app", ctx.ops().guests(), true);
      op.onFinish(() -> resolver.releaseName(name));
      op.target(g.node(), 0);
      op.begin(DeployStep.ALLOCATE, "allocating a vmid");
      String description = ctx.ops().config(g.node(), g.vmid()).description();
      String marker = UUID.randomUUID().toString();
      Optional<AppManifest> manifest = Manifests.parse(description);
      String newDescription = manifest.map(m -> Manifests.toJson(m, marker))
          .orElse("{\"operation\":\"" + marker + "\"}");
      Map<String, String> config = new HashMap<>(Map.of("hostname", name,
          "description", newDescription));
      // the backup's tags may be older than the manifest written here
      manifest.ifPresent(m -> config.put("tags", AppTags.replace(g.tags(), m)));
      int vmid = containers.allocateAndCreate(op, g.node(), marker, id -> {
        op.begin(DeployStep.RESTORE, "restoring " + volid + " as CT " + id);
        ctx.ops().create(g.node(), new ClusterOps.CreateRequest(id, volid, name, 0, 0, -1, null,
            0, false, false, List.of(), newDescription, ctx.appPool(), true, false, null),
            op.remaining());
        ctx.ops().updateConfig(g.node(), id, config, op.remaining());
      });
      op.target(g.node(), vmid);
      startAndHeal(op, g.node(), vmid);
      op.begin(DeployStep.DONE, name + " is running");
      return reader.toApp(reader.find(vmid, name));
    });
  }

  /**
   * Creates the operation of an app action, reporting to the SDK's listeners and the call's own.
   *
   * @param name the operation, such as {@code clone}
   * @param app the app it is about
   * @param listener the call's listener, or null
   * @return the operation, to be run by {@link OperationRunner}
   */
  Operation operation(String name, String app, ProgressListener listener) {
    List<ProgressListener> ls = new ArrayList<>(ctx.listeners());
    Optional.ofNullable(listener).ifPresent(ls::add);
    return new Operation(name, app, ls, ctx.clock(), ctx.settings().deployTimeout());
  }
}
