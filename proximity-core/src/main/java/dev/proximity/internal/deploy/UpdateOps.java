package dev.proximity.internal.deploy;

import dev.proximity.App;
import dev.proximity.AppManifest;
import dev.proximity.Backup;
import dev.proximity.DeployStep;
import dev.proximity.InvalidRequestException;
import dev.proximity.InvalidRequestException.Reason;
import dev.proximity.ProgressListener;
import dev.proximity.spi.AppTemplate;
import dev.proximity.spi.RenderedApp;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Updates an app to the catalog's current version: backup, re-render with the same parameters and
 * secrets, push, pull, up, wait healthy; on failure restore the backup.
 */
final class UpdateOps {
  private final Context ctx;
  private final AppReader reader;
  private final AppSteps steps;
  private final BackupOps backups;

  UpdateOps(Context ctx, AppReader reader, BackupOps backups) {
    this.ctx = ctx;
    this.reader = reader;
    this.steps = new AppSteps(ctx);
    this.backups = backups;
  }

  Optional<String> availableUpdate(ClusterOps.GuestRow g) {
    AppManifest m = manifest(g);
    return ctx.catalog().find(m.catalogId()).map(AppTemplate::version)
        .filter(v -> !v.equals(m.version()));
  }

  /**
   * An update as an operation. Once the backup is taken, its undo restores that backup, so a
   * failure or a cancel at any later step puts the app back as it was.
   */
  OperationRunner.Job<App> update(Supplier<ClusterOps.GuestRow> app, String appName,
      ProgressListener listener) {
    Operation op = backups.operation("update", appName, listener);
    return new OperationRunner.Job<>(op, () -> {
      ClusterOps.GuestRow g = app.get();
      op.target(g.node(), g.vmid());
      AppManifest current = manifest(g);
      AppTemplate entry = ctx.catalog().find(current.catalogId())
          .filter(e -> !e.version().equals(current.version()))
          .orElseThrow(() -> new InvalidRequestException(Reason.NO_UPDATE, g.name() + " runs "
              + current.catalogId() + " " + current.version()
              + ", the catalog's current version"));
      if (!"running".equals(g.status())) {
        throw new InvalidRequestException(Reason.APP_STOPPED,
            g.name() + " is stopped: start it before updating");
      }
      op.begin(DeployStep.BACKUP, "backing up before the update to " + entry.version());
      Backup backup = backups.take(g, "before update to " + current.catalogId() + " "
          + entry.version(), op.remaining());
      // its own operation with a fresh deadline: the update's deadline may be what ran out
      op.onRollback("restore the backup " + backup.volid(), () -> backups.replace(
          backups.operation("update-restore", g.name(), listener), g.node(), g.vmid(),
          backup.volid()));
      op.begin(DeployStep.RESOLVE, "rendering " + entry.id() + " " + entry.version());
      RenderedApp rendered = entry.render(
          steps.renderedValues(g.node(), g.vmid(), current, entry));
      op.begin(DeployStep.PUSH, "pushing the new compose file");
      AppManifest next = steps.pushRendered(g.node(), g.vmid(), rendered, current);
      op.begin(DeployStep.COMPOSE_UP, "pulling and recreating");
      steps.pull(op, g.node(), g.vmid());
      long upReturned = steps.up(op, g.node(), g.vmid());
      op.begin(DeployStep.HEALTH, "waiting until healthy");
      steps.waitHealthy(op, g.node(), g.vmid(), upReturned);
      ctx.ops().updateConfig(g.node(), g.vmid(), Map.of("description", Manifests.toJson(next),
          "tags", AppTags.replace(g.tags(), next)), op.remaining());
      op.begin(DeployStep.DONE, g.name() + " runs " + entry.version());
      return reader.toApp(reader.find(g.vmid(), g.name()));
    });
  }

  private AppManifest manifest(ClusterOps.GuestRow g) {
    return Manifests.parse(ctx.ops().config(g.node(), g.vmid()).description())
        .orElseThrow(() -> new InvalidRequestException(Reason.NO_UPDATE, g.name()
            + " has no readable manifest in its description, so its version is unknown"));
  }
}
