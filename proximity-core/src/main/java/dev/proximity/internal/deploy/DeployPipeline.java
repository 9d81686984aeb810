package dev.proximity.internal.deploy;

import dev.proximity.App;
import dev.proximity.AppManifest;
import dev.proximity.AppStatus;
import dev.proximity.AppUsage;
import dev.proximity.DeployPlan;
import dev.proximity.DeployStep;
import dev.proximity.Resources;
import dev.proximity.spi.AppTemplate;
import dev.proximity.spi.RenderedApp;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The deploy pipeline of DESIGN.md, one method per step group, with rollback on any failure. */
public final class DeployPipeline {
  private static final long GIB = 1024L * 1024L * 1024L;

  private final Context ctx;
  private final Resolver resolver;
  private final Templating templating;
  private final Containers containers;
  private final AppSteps steps;

  /**
   * Creates the pipeline.
   *
   * @param ctx the shared context
   */
  public DeployPipeline(Context ctx) {
    this.ctx = ctx;
    this.resolver = new Resolver(ctx);
    this.templating = new Templating(ctx);
    this.containers = new Containers(ctx);
    this.steps = new AppSteps(ctx);
  }

  /**
   * The steps of a deploy, for {@link OperationRunner}: it rolls back what they registered when a
   * step fails or the deploy is cancelled.
   *
   * @param req the request
   * @param op the operation
   * @return the running, healthy app
   * @throws InterruptedException if a wait was interrupted by a cancel
   */
  public App run(DeployRequest req, Operation op) throws InterruptedException {
    op.keepOnFailure(req.keepOnFailure());
    op.begin(DeployStep.RESOLVE, "resolving " + req.catalogId());
    AppTemplate entry = resolver.entry(req.catalogId());
    Resources res = Resolver.resources(entry, req.resources());
    List<ClusterOps.GuestRow> guests = ctx.ops().guests();
    String name = resolver.reserveName(req.name(), entry.id(), guests, true);
    // first undo registered, so it runs last: the name is free by the time "rolled back" is sent
    op.onRollback("release the name " + name, () -> resolver.releaseName(name));
    op.onFinish(() -> resolver.releaseName(name));
    op.app(name);
    RenderedApp rendered = resolver.render(entry, req.parameters());

    op.begin(DeployStep.PLACE, "placing " + name);
    String node = resolver.place(req.node(), res, true);
    op.onFinish(() -> resolver.releaseMemory(node, res));
    op.target(node, 0);
    String storage = resolver.rootStorage(node, res.diskGb().getAsInt());
    op.emit(DeployStep.PLACE, DeployStep.PLACE.percent(), "placed on " + node);

    op.begin(DeployStep.TEMPLATE, "preparing the template on " + node);
    TemplateSource src = templating.plan(node, guests, true);
    String ostemplate = templating.ensure(node, src, op.remaining());

    op.begin(DeployStep.ALLOCATE, "allocating a vmid");
    AppManifest manifest = new AppManifest(entry.id(), entry.version(),
        rendered.publicParameters(), Manifests.sha256(rendered.composeYaml()),
        ctx.clock().instant(), Optional.ofNullable(req.owner()));
    String marker = UUID.randomUUID().toString();
    String description = Manifests.toJson(manifest, marker);
    ContainerSpec spec = new ContainerSpec(name, res, storage, AppTags.of(manifest), description);
    int vmid = containers.allocateAndCreate(op, node, marker, id -> {
      op.begin(DeployStep.CREATE, "creating CT " + id);
      create(op, node, id, src, ostemplate, spec);
    });
    op.target(node, vmid);

    op.begin(DeployStep.START, "starting CT " + vmid);
    containers.start(op, node, vmid);
    op.begin(DeployStep.NETWORK, "waiting for an IPv4 address");
    String ip = containers.waitIpv4(op, node, vmid);
    if (!src.golden()) {
      op.begin(DeployStep.INSTALL_DOCKER, "installing Docker");
      steps.installDocker(op, node, vmid);
    }
    op.begin(DeployStep.PUSH, "pushing the compose file");
    steps.push(node, vmid, rendered.composeYaml(), rendered.secrets(), manifest);
    op.begin(DeployStep.COMPOSE_UP, "starting the app");
    long upReturned = steps.up(op, node, vmid);
    op.begin(DeployStep.HEALTH, "waiting until healthy");
    steps.waitHealthy(op, node, vmid, upReturned);
    op.begin(DeployStep.DONE, name + " is running on " + node + " at " + ip);
    return new App(name, vmid, node, AppStatus.RUNNING, Optional.of(ip), urls(entry, ip),
        manifest, new AppUsage(0, res.cores().getAsInt(), 0,
            res.memoryMb().getAsInt() * 1024L * 1024L, 0, res.diskGb().getAsInt() * GIB,
            Duration.ZERO));
  }

  /** What a new app container looks like. */
  record ContainerSpec(
      String hostname, Resources resources, String storage, List<String> tags,
      String description) {}

  private void create(Operation op, String node, int vmid, TemplateSource src, String ostemplate,
      ContainerSpec spec) {
    Resources r = spec.resources();
    if (src.golden()) {
      String pool = ctx.appPool();
      // Proxmox clones one template at a time (it holds the template's disk lock): queue here on
      // the replica with the fewest clones pending, so each clone starts as soon as a replica is
      // free; the lock retry stays for other processes.
      Context.GoldenFacts[] used = new Context.GoldenFacts[1];
      ctx.cloneQueue().runOnShortest(src.goldenVmids(), op.remaining(),
          t -> "golden template " + t + " on " + node, t -> {
            used[0] = goldenFacts(node, t);
            ctx.ops().cloneContainer(node, t, vmid, spec.hostname(), !used[0].linkedClones(),
                null, spec.description(), pool, op.remaining());
          });
      Context.GoldenFacts golden = used[0];
      ctx.ops().updateConfig(node, vmid, Map.of(
          "cores", Integer.toString(r.cores().getAsInt()),
          "memory", Integer.toString(r.memoryMb().getAsInt()),
          "swap", Integer.toString(r.swapMb().orElse(Resolver.DEFAULT_SWAP_MB)),
          "tags", String.join(";", spec.tags())), op.remaining());
      if (golden.rootfsGb() < r.diskGb().getAsInt()) {
        ctx.ops().resizeDisk(node, vmid, r.diskGb().getAsInt(), op.remaining());
      }
      return;
    }
    boolean root = ctx.ops().rootPam();
    ctx.ops().create(node, new ClusterOps.CreateRequest(vmid, ostemplate, spec.hostname(),
        r.cores().getAsInt(), r.memoryMb().getAsInt(),
        r.swapMb().orElse(Resolver.DEFAULT_SWAP_MB), spec.storage(), r.diskGb().getAsInt(),
        true, root, spec.tags(), spec.description(), ctx.appPool(), false, false,
        ctx.settings().bridge()),
        op.remaining());
  }

  /**
   * What a clone of the template inherits, read once per template: whether it can be linked (its
   * disk is on a storage type with the clone feature: a linked clone is near-instant, a full clone
   * copies the disk) and its root disk size.
   */
  private Context.GoldenFacts goldenFacts(String node, int templateVmid) {
    return ctx.goldenFacts().computeIfAbsent(node + "/" + templateVmid, k -> {
      ClusterOps.CtConfig cfg = ctx.ops().config(node, templateVmid);
      boolean linked = ctx.ops().storages(node).stream().anyMatch(s -> s.storage().equals(
          cfg.rootfsStorage()) && Resolver.THIN_TYPES.contains(s.type()));
      return new Context.GoldenFacts(linked, cfg.rootfsGb());
    });
  }

  static List<URI> urls(AppTemplate entry, String ip) {
    return entry.webPort().map(p -> {
      String scheme = p.port() == 443 || p.port() == 8443 ? "https" : "http";
      boolean defaultPort = p.port() == 80 && scheme.equals("http")
          || p.port() == 443 && scheme.equals("https");
      return List.of(URI.create(scheme + "://" + ip + (defaultPort ? "" : ":" + p.port()) + "/"));
    }).orElse(List.of());
  }

  /**
   * Computes the plan of a deploy, reading the cluster but changing nothing.
   *
   * @param req the request
   * @return the plan
   */
  public DeployPlan plan(DeployRequest req) {
    AppTemplate entry = resolver.entry(req.catalogId());
    Resources res = Resolver.resources(entry, req.resources());
    List<ClusterOps.GuestRow> guests = ctx.ops().guests();
    String name = resolver.reserveName(req.name(), entry.id(), guests, false);
    RenderedApp rendered = resolver.render(entry, req.parameters());
    String node = resolver.place(req.node(), res, false);
    String storage = resolver.rootStorage(node, res.diskGb().getAsInt());
    TemplateSource src = templating.plan(node, guests, true);
    boolean root = ctx.ops().rootPam();
    List<DeployStep> planned = new ArrayList<>(List.of(DeployStep.RESOLVE, DeployStep.PLACE,
        DeployStep.TEMPLATE, DeployStep.ALLOCATE, DeployStep.CREATE, DeployStep.START,
        DeployStep.NETWORK));
    if (!src.golden()) {
      planned.add(DeployStep.INSTALL_DOCKER);
    }
    planned.addAll(List.of(DeployStep.PUSH, DeployStep.COMPOSE_UP, DeployStep.HEALTH,
        DeployStep.DONE));
    List<String> generated = entry.parameters().stream()
        .filter(p -> p.secret() && p.generated() && !req.parameters().containsKey(p.name()))
        .map(p -> p.name()).toList();
    return new DeployPlan(entry.id(), entry.version(), name, node, res.cores().getAsInt(),
        res.memoryMb().getAsInt(), res.swapMb().orElse(Resolver.DEFAULT_SWAP_MB),
        res.diskGb().getAsInt(), storage, src.describe(), src.action(),
        root ? "nesting=1,keyctl=1" : "nesting=1", net0(),
        AppTags.of(entry.id(), entry.version(), Optional.ofNullable(req.owner())),
        Optional.ofNullable(ctx.appPool()), rendered.publicParameters(), generated,
        planned);
  }

  String net0() {
    return "name=eth0,bridge=" + ctx.settings().bridge() + ",ip=dhcp,firewall=1";
  }
}
