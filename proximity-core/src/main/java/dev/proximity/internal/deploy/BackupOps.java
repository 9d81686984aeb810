package dev.proximity.internal.deploy;

import dev.proximity.App;
import dev.proximity.Backup;
import dev.proximity.DeployStep;
import dev.proximity.InvalidRequestException;
import dev.proximity.InvalidRequestException.Reason;
import dev.proximity.ProgressListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Backups of an app: take, list, delete, restore in place or as a new app. */
final class BackupOps {
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

  Backup backup(ClusterOps.GuestRow g, String notes, Duration timeout) {
    String storage = backupStorage(g.node());
    String volid = ctx.ops().backup(g.node(), g.vmid(), storage, notes == null ? "" : notes,
        timeout);
    return list(g.node(), g.vmid()).stream().filter(b -> b.volid().equals(volid)).findFirst()
        .orElseGet(() -> new Backup(volid, g.node(), storage, g.vmid(), ctx.clock().instant(), 0,
            notes));
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

  /** Restores over the app itself: stop, restore with force, start, compose up, wait healthy. */
  App restoreInPlace(ClusterOps.GuestRow g, String volid, ProgressListener listener) {
    require(g.node(), g.vmid(), volid);
    Operation op = operation("restore", g.name(), listener);
    try {
      replace(op, g.node(), g.vmid(), volid);
      return reader.toApp(reader.find(g.vmid(), g.name()));
    } catch (RuntimeException e) {
      throw Failures.wrap(op, op.step(), g.node(), g.vmid(), false, e);
    }
  }

  /** Restores a backup over a container and brings the app back up (shared with updates). */
  void replace(Operation op, String node, int vmid, String volid) {
    op.begin(DeployStep.RESTORE, "restoring " + volid);
    if ("running".equals(ctx.ops().status(node, vmid))) {
      ctx.ops().stop(node, vmid, op.remaining());
    }
    ctx.ops().create(node, new ClusterOps.CreateRequest(vmid, volid, null, 0, 0, -1,
        null, 0, false, false, List.of(), null, null, true, true, null), op.remaining());
    startAndHeal(op, node, vmid);
  }

  void startAndHeal(Operation op, String node, int vmid) {
    startWithAddress(op, node, vmid);
    op.begin(DeployStep.COMPOSE_UP, "starting the app");
    steps.up(op, node, vmid);
    op.begin(DeployStep.HEALTH, "waiting until healthy");
    steps.waitHealthy(op, node, vmid);
    op.begin(DeployStep.DONE, "CT " + vmid + " is healthy");
  }

  void startWithAddress(Operation op, String node, int vmid) {
    op.begin(DeployStep.START, "starting CT " + vmid);
    ctx.ops().start(node, vmid, op.remaining());
    op.begin(DeployStep.NETWORK, "waiting for an IPv4 address");
    containers.waitIpv4(op, node, vmid);
  }

  /** Restores a backup into a new container with a new name; the source app is untouched. */
  App restoreAs(ClusterOps.GuestRow g, String volid, String newName, ProgressListener listener) {
    require(g.node(), g.vmid(), volid);
    String name = resolver.reserveName(newName, "app", ctx.ops().guests(), true);
    Operation op = operation("restore", name, listener);
    int vmid = 0;
    try {
      op.begin(DeployStep.ALLOCATE, "allocating a vmid");
      String description = ctx.ops().config(g.node(), g.vmid()).description();
      String marker = UUID.randomUUID().toString();
      String newDescription = Manifests.parse(description)
          .map(m -> Manifests.toJson(m, marker)).orElse("{\"operation\":\"" + marker + "\"}");
      vmid = containers.allocateAndCreate(op, g.node(), marker, id -> {
        op.begin(DeployStep.RESTORE, "restoring " + volid + " as CT " + id);
        ctx.ops().create(g.node(), new ClusterOps.CreateRequest(id, volid, name, 0, 0, -1, null,
            0, false, false, List.of(), newDescription, ctx.appPool(), true, false, null),
            op.remaining());
        ctx.ops().updateConfig(g.node(), id, Map.of("hostname", name,
            "description", newDescription));
      });
      startAndHeal(op, g.node(), vmid);
      op.commit();
      return reader.toApp(reader.find(vmid, name));
    } catch (Containers.VmidFailure vf) {
      throw Failures.wrap(op, op.step(), g.node(), vf.vmid, op.rollback(), vf.cause());
    } catch (RuntimeException e) {
      throw Failures.wrap(op, op.step(), g.node(), vmid, op.rollback(), e);
    } finally {
      resolver.releaseName(name);
    }
  }

  Operation operation(String name, String app, ProgressListener listener) {
    List<ProgressListener> ls = new ArrayList<>(ctx.listeners());
    Optional.ofNullable(listener).ifPresent(ls::add);
    Operation op = new Operation(name, app, ls, ctx.clock(), ctx.settings().deployTimeout());
    op.bindToCurrentThread();
    return op;
  }
}
