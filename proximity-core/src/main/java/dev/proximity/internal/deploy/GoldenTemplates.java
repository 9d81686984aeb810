package dev.proximity.internal.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proximity.DeployStep;
import dev.proximity.GoldenTemplate;
import dev.proximity.InvalidRequestException;
import dev.proximity.InvalidRequestException.Reason;
import dev.proximity.Templates;
import dev.proximity.internal.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Golden templates: per node, a container template with Docker preinstalled, tagged
 * {@code proximity-golden}, which deploys clone instead of installing Docker. A node may carry
 * several replicas of it (one set, tagged alike), so that clones, which Proxmox runs one at a time
 * per template, run side by side.
 */
public final class GoldenTemplates implements Templates {
  private static final Logger log = LoggerFactory.getLogger(GoldenTemplates.class);

  private final Context ctx;
  private final Templating templating;
  private final Containers containers;
  private final AppSteps steps;
  private final ConcurrentMap<String, Object> nodeLocks = new ConcurrentHashMap<>();
  /** Replicas beyond this gain nothing a node can use and cost a full disk copy each. */
  static final int MAX_REPLICAS = 16;

  /**
   * Creates the manager.
   *
   * @param ctx the shared context
   */
  public GoldenTemplates(Context ctx) {
    this.ctx = ctx;
    this.templating = new Templating(ctx);
    this.containers = new Containers(ctx);
    this.steps = new AppSteps(ctx);
  }

  @Override
  public GoldenTemplate prepareGolden(String node) {
    synchronized (lockFor(node)) {
      return refresh(node);
    }
  }

  @Override
  public List<GoldenTemplate> prepareGolden(String node, int replicas) {
    synchronized (lockFor(node)) {
      return ensureReplicas(node, replicas);
    }
  }

  /**
   * One preparation per node at a time in this instance: two concurrent calls would each count
   * the replicas before the other's copies exist, and make too many.
   */
  private Object lockFor(String node) {
    return nodeLocks.computeIfAbsent(node, n -> new Object());
  }

  private GoldenTemplate refresh(String node) {
    checkNode(node);
    List<ClusterOps.GuestRow> before = ctx.ops().guests();
    // a refresh replaces every replica: the node keeps as many as its current set has
    List<ClusterOps.GuestRow> set = templating.goldenSet(before, node);
    int replicas = set.isEmpty() || Templating.generation(set.get(0)).isEmpty() ? 1 : set.size();
    return build(node, replicas, before).get(0);
  }

  private List<GoldenTemplate> ensureReplicas(String node, int replicas) {
    if (replicas < 1 || replicas > MAX_REPLICAS) {
      throw new InvalidRequestException(Reason.INVALID_RESOURCES, "golden template replicas on '"
          + node + "' must be 1.." + MAX_REPLICAS + ", got " + replicas
          + ": each replica is a full copy of the template's disk");
    }
    checkNode(node);
    List<ClusterOps.GuestRow> guests = ctx.ops().guests();
    List<ClusterOps.GuestRow> set = templating.goldenSet(guests, node);
    Optional<Long> generation = set.isEmpty() ? Optional.empty()
        : Templating.generation(set.get(0));
    if (generation.isEmpty()) {
      return build(node, replicas, guests);
    }
    GoldenTemplate first = toGolden(set.get(0));
    List<GoldenTemplate> out = new ArrayList<>();
    for (ClusterOps.GuestRow g : set.subList(0, Math.min(replicas, set.size()))) {
      out.add(new GoldenTemplate(node, g.vmid(), first.baseTemplate()));
    }
    for (ClusterOps.GuestRow extra : set.subList(out.size(), set.size())) {
      retire(node, extra);
    }
    if (out.size() < replicas) {
      Operation op = new Operation("golden-template", goldenName(node), ctx.listeners(),
          ctx.clock(), ctx.settings().deployTimeout());
      op.target(node, first.vmid());
      out.addAll(OperationRunner.run(op, () -> {
        List<GoldenTemplate> copies = copy(op, node, first.vmid(), first.baseTemplate(),
            replicas - out.size());
        op.begin(DeployStep.DONE, replicas + " golden template replicas ready on " + node);
        op.commit();
        return copies;
      }));
    }
    out.sort(Comparator.comparingInt(GoldenTemplate::vmid));
    return List.copyOf(out);
  }

  private void checkNode(String node) {
    ClusterOps.NodeRow n = ctx.ops().nodes().stream().filter(x -> x.node().equals(node))
        .findFirst().orElseThrow(() -> new InvalidRequestException(Reason.UNKNOWN_NODE,
            "no node '" + node + "' in the cluster"));
    if (!n.online()) {
      throw new InvalidRequestException(Reason.UNKNOWN_NODE, "node '" + node + "' is offline");
    }
  }

  /** Builds a new set of {@code replicas} golden templates and removes the older ones. */
  private List<GoldenTemplate> build(String node, int replicas,
      List<ClusterOps.GuestRow> before) {
    String name = goldenName(node);
    Operation op = new Operation("golden-template", name, ctx.listeners(), ctx.clock(),
        ctx.settings().deployTimeout());
    op.target(node, 0);
    String setTag = Templating.setTag(ctx.clock().millis());
    return OperationRunner.run(op, () -> {
      op.begin(DeployStep.TEMPLATE, "preparing the OS template on " + node);
      TemplateSource src = templating.plan(node, before, false);
      String ostemplate = templating.ensure(node, src, op.remaining());
      String storage = new Resolver(ctx).rootStorage(node, 4);
      String marker = UUID.randomUUID().toString();
      String description = description(ostemplate, marker);
      op.begin(DeployStep.ALLOCATE, "allocating a vmid");
      int vmid = containers.allocateAndCreate(op, node, marker, id -> {
        op.begin(DeployStep.CREATE, "creating CT " + id);
        ctx.ops().create(node, new ClusterOps.CreateRequest(id, ostemplate, name, 1, 1024, 512,
            storage, 4, true, ctx.ops().rootPam(), List.of(Templating.GOLDEN_TAG, setTag),
            description, null, false, false, ctx.settings().bridge()), op.remaining());
      });
      op.target(node, vmid);
      op.begin(DeployStep.START, "starting CT " + vmid);
      ctx.ops().start(node, vmid, op.remaining());
      op.begin(DeployStep.NETWORK, "waiting for an IPv4 address");
      containers.waitIpv4(op, node, vmid);
      op.begin(DeployStep.INSTALL_DOCKER, "installing Docker");
      steps.installDocker(op, node, vmid);
      op.begin(DeployStep.CREATE, "converting CT " + vmid + " to a template");
      ctx.ops().stop(node, vmid, op.remaining());
      ctx.ops().convertToTemplate(node, vmid, op.remaining());
      List<GoldenTemplate> out = new ArrayList<>();
      out.add(new GoldenTemplate(node, vmid, ostemplate));
      out.addAll(copy(op, node, vmid, ostemplate, replicas - 1));
      op.begin(DeployStep.DONE, "golden template " + vmid + " ready on " + node
          + (replicas > 1 ? " with " + replicas + " replicas" : ""));
      op.commit();
      removeOlder(before, node);
      out.sort(Comparator.comparingInt(GoldenTemplate::vmid));
      return List.copyOf(out);
    });
  }

  /**
   * Adds replicas to a set: full clones of one of its templates (they carry its tags, set tag
   * included), converted to templates. A full copy instead of a second Docker install: the same
   * bytes, in the time of a disk copy. Undone with the operation if a step fails.
   */
  private List<GoldenTemplate> copy(Operation op, String node, int source, String base,
      int count) {
    List<GoldenTemplate> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String marker = UUID.randomUUID().toString();
      String description = description(base, marker);
      op.begin(DeployStep.ALLOCATE, "allocating a vmid for a replica of " + source);
      int vmid = containers.allocateAndCreate(op, node, marker, id -> {
        op.begin(DeployStep.CREATE, "copying golden template " + source + " to CT " + id);
        // the copy holds the source's disk lock like a deploy's clone: queue with them
        ctx.cloneQueue().run(source, op.remaining(), "golden template " + source + " on " + node,
            () -> ctx.ops().cloneContainer(node, source, id, goldenName(node), true, null,
                description, null, op.remaining()));
      });
      ctx.ops().convertToTemplate(node, vmid, op.remaining());
      out.add(new GoldenTemplate(node, vmid, base));
    }
    return out;
  }

  private static String description(String base, String marker) {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("proximityGolden", 1);
    json.put("base", base);
    json.put("operation", marker);
    return json.toString();
  }

  /**
   * Takes a replica out of service: drops its set tag first, so deploys stop cloning it even when
   * Proxmox then refuses to remove it because linked clones use its base volume.
   */
  private void retire(String node, ClusterOps.GuestRow g) {
    ctx.ops().updateConfig(node, g.vmid(), Map.of("tags", Templating.GOLDEN_TAG),
        ctx.settings().commandTimeout());
    destroyQuietly(node, g.vmid());
  }

  /** Removes every golden template of the node that existed before the new set. */
  private void removeOlder(List<ClusterOps.GuestRow> before, String node) {
    for (ClusterOps.GuestRow g : before) {
      if (g.node().equals(node) && g.template() && g.tags().contains(Templating.GOLDEN_TAG)) {
        destroyQuietly(node, g.vmid());
      }
    }
  }

  private void destroyQuietly(String node, int vmid) {
    try {
      ctx.ops().destroy(node, vmid, ctx.settings().commandTimeout());
    } catch (RuntimeException e) {
      // typically "base volume ... is still in use by linked cloned CT": it stays, unused
      log.debug("old golden template {} on {} kept: {}", vmid, node, e.getMessage());
    }
  }

  static String goldenName(String node) {
    String label = ("golden-" + node.toLowerCase(Locale.ROOT)).replaceAll("[^a-z0-9-]", "-");
    label = label.length() > 63 ? label.substring(0, 63) : label;
    return label.replaceAll("-+$", "");
  }

  @Override
  public Optional<GoldenTemplate> golden(String node) {
    return templating.golden(ctx.ops().guests(), node).map(this::toGolden);
  }

  @Override
  public List<GoldenTemplate> list() {
    return ctx.ops().guests().stream()
        .filter(g -> g.template() && g.tags().contains(Templating.GOLDEN_TAG))
        .sorted(Comparator.comparing(ClusterOps.GuestRow::node)
            .thenComparingInt(ClusterOps.GuestRow::vmid))
        .map(this::toGolden)
        .toList();
  }

  private GoldenTemplate toGolden(ClusterOps.GuestRow g) {
    String description = ctx.ops().config(g.node(), g.vmid()).description();
    String base = "";
    try {
      base = description == null ? "" : Json.mapper().readTree(description).path("base").asText("");
    } catch (JsonProcessingException e) {
      base = ""; // edited by hand: the template still works, its origin is unknown
    }
    return new GoldenTemplate(g.node(), g.vmid(), base);
  }
}
