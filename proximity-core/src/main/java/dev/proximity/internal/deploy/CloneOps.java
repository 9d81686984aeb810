package dev.proximity.internal.deploy;

import dev.proximity.App;
import dev.proximity.AppManifest;
import dev.proximity.DeployStep;
import dev.proximity.ProgressListener;
import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.AppTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Clones an app: a full clone (through a temporary snapshot when the source runs) under a new name,
 * started with the same compose file and secrets, except the secrets its catalog entry marks
 * {@code regenerateOnClone}, which get fresh values. The other secrets stay because the clone
 * copies the app's data volumes, and a database in them still expects the passwords it was
 * created with.
 */
final class CloneOps {
  static final String SNAPSHOT_PREFIX = "proximity_clone_";

  private final Context ctx;
  private final AppReader reader;
  private final Containers containers;
  private final AppSteps steps;
  private final Resolver resolver;
  private final BackupOps backups;

  CloneOps(Context ctx, AppReader reader, BackupOps backups) {
    this.ctx = ctx;
    this.reader = reader;
    this.containers = new Containers(ctx);
    this.steps = new AppSteps(ctx);
    this.resolver = new Resolver(ctx);
    this.backups = backups;
  }

  OperationRunner.Job<App> cloneApp(Supplier<ClusterOps.GuestRow> app, String newName,
      ProgressListener listener) {
    Operation op = backups.operation("clone", newName, listener);
    return new OperationRunner.Job<>(op, () -> {
      ClusterOps.GuestRow g = app.get();
      String name = resolver.reserveName(newName, "app", ctx.ops().guests(), true);
      op.onFinish(() -> resolver.releaseName(name));
      op.target(g.node(), 0);
      op.begin(DeployStep.RESOLVE, "reading " + g.name());
      AppManifest source = Manifests.parse(ctx.ops().config(g.node(), g.vmid()).description())
          .orElseGet(() -> Manifests.fromTags(g.tags()));
      boolean running = "running".equals(g.status());
      String marker = UUID.randomUUID().toString();
      AppManifest manifest = new AppManifest(source.catalogId(), source.version(),
          source.parameters(), source.composeSha256(), ctx.clock().instant(), source.owner());

      op.begin(DeployStep.ALLOCATE, "allocating a vmid");
      String snap = SNAPSHOT_PREFIX + ctx.clock().millis();
      int vmid = containers.allocateAndCreate(op, g.node(), marker, id -> {
        op.begin(DeployStep.CREATE, "cloning CT " + g.vmid() + " to CT " + id);
        if (running) {
          ctx.ops().snapshot(g.node(), g.vmid(), snap, op.remaining());
        }
        try {
          ctx.ops().cloneContainer(g.node(), g.vmid(), id, name, true, running ? snap : null,
              Manifests.toJson(manifest, marker), ctx.appPool(), op.remaining());
          // the clone copies the source's tags, which may predate the listing tags
          ctx.ops().updateConfig(g.node(), id, Map.of("tags", AppTags.replace(g.tags(), manifest)),
              op.remaining());
        } finally {
          if (running) {
            deleteSnapshot(g, snap);
          }
        }
      });
      op.target(g.node(), vmid);
      backups.startWithAddress(op, g.node(), vmid);
      regenerateSecrets(op, g.node(), vmid, manifest, marker);
      op.begin(DeployStep.COMPOSE_UP, "starting the app");
      long upReturned = steps.up(op, g.node(), vmid);
      op.begin(DeployStep.HEALTH, "waiting until healthy");
      steps.waitHealthy(op, g.node(), vmid, upReturned);
      op.begin(DeployStep.DONE, name + " is running");
      return reader.toApp(reader.find(vmid, name));
    });
  }

  /**
   * Gives the clone fresh values for the secrets its entry marks {@code regenerateOnClone}: renders
   * the entry again with every other value as the source had it (the generator fills in the
   * dropped ones) and pushes the result, before the app is brought up. Keeps every secret when the
   * catalog cannot reproduce the source's compose file (another version, or a file that was not
   * rendered from this entry), because rendering anything else would change more than secrets.
   */
  private void regenerateSecrets(
      Operation op, String node, int vmid, AppManifest manifest, String marker) {
    AppCatalog catalog = ctx.catalogOrNull();
    Optional<AppTemplate> found = catalog == null ? Optional.empty()
        : catalog.find(manifest.catalogId());
    List<String> fresh = found.stream().flatMap(e -> e.parameters().stream())
        .filter(AppParameter::regenerateOnClone).map(AppParameter::name).toList();
    if (fresh.isEmpty()) {
      return;
    }
    AppTemplate entry = found.get();
    Map<String, String> values = entry.version().equals(manifest.version())
        ? steps.renderedValues(node, vmid, manifest, entry) : null;
    if (values == null
        || !Manifests.sha256(entry.render(values).composeYaml()).equals(manifest.composeSha256())) {
      op.emit(op.step(), op.step().percent(), "keeping every secret: " + entry.id() + " "
          + entry.version() + " in the catalog does not render the source's compose file ("
          + manifest.catalogId() + " " + manifest.version() + ")");
      return;
    }
    op.begin(DeployStep.PUSH, "pushing the compose file with new values for "
        + String.join(", ", fresh));
    values.keySet().removeAll(fresh);
    AppManifest next = steps.pushRendered(node, vmid, entry.render(values), manifest);
    // the marker stays in the description so that a rollback still recognises this container
    ctx.ops().updateConfig(node, vmid, Map.of("description", Manifests.toJson(next, marker)),
        op.remaining());
  }

  private void deleteSnapshot(ClusterOps.GuestRow g, String snap) {
    try {
      ctx.ops().deleteSnapshot(g.node(), g.vmid(), snap, ctx.settings().commandTimeout());
    } catch (RuntimeException e) {
      containers.retryDeleteSnapshot(g.node(), g.vmid(), snap);
    }
  }
}
