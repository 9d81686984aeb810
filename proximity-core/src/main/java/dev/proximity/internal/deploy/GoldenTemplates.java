package dev.proximity.internal.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proximity.DeployStep;
import dev.proximity.GoldenTemplate;
import dev.proximity.InvalidRequestException;
import dev.proximity.InvalidRequestException.Reason;
import dev.proximity.Templates;
import dev.proximity.internal.json.Json;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Golden templates: per node, a container template with Docker preinstalled, tagged
 * {@code proximity-golden}, which deploys clone instead of installing Docker.
 */
public final class GoldenTemplates implements Templates {
  private static final Logger log = LoggerFactory.getLogger(GoldenTemplates.class);

  private final Context ctx;
  private final Templating templating;
  private final Containers containers;
  private final AppSteps steps;

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
    ClusterOps.NodeRow n = ctx.ops().nodes().stream().filter(x -> x.node().equals(node))
        .findFirst().orElseThrow(() -> new InvalidRequestException(Reason.UNKNOWN_NODE,
            "no node '" + node + "' in the cluster"));
    if (!n.online()) {
      throw new InvalidRequestException(Reason.UNKNOWN_NODE, "node '" + node + "' is offline");
    }
    String name = goldenName(node);
    Operation op = new Operation("golden-template", name, ctx.listeners(), ctx.clock(),
        ctx.settings().deployTimeout());
    List<ClusterOps.GuestRow> before = ctx.ops().guests();
    op.target(node, 0);
    return OperationRunner.run(op, () -> {
      op.begin(DeployStep.TEMPLATE, "preparing the OS template on " + node);
      TemplateSource src = templating.plan(node, before, false);
      String ostemplate = templating.ensure(node, src, op.remaining());
      String storage = new Resolver(ctx).rootStorage(node, 4);
      String marker = UUID.randomUUID().toString();
      ObjectNode json = Json.mapper().createObjectNode();
      json.put("proximityGolden", 1);
      json.put("base", ostemplate);
      json.put("operation", marker);
      String description = json.toString();
      op.begin(DeployStep.ALLOCATE, "allocating a vmid");
      int vmid = containers.allocateAndCreate(op, node, marker, id -> {
        op.begin(DeployStep.CREATE, "creating CT " + id);
        ctx.ops().create(node, new ClusterOps.CreateRequest(id, ostemplate, name, 1, 1024, 512,
            storage, 4, true, ctx.ops().rootPam(), List.of(Templating.GOLDEN_TAG), description,
            null, false, false, ctx.settings().bridge()), op.remaining());
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
      op.begin(DeployStep.DONE, "golden template " + vmid + " ready on " + node);
      op.commit();
      removeOlder(before, node, vmid);
      return new GoldenTemplate(node, vmid, ostemplate);
    });
  }

  private void removeOlder(List<ClusterOps.GuestRow> before, String node, int keep) {
    for (ClusterOps.GuestRow g : before) {
      if (g.node().equals(node) && g.template() && g.tags().contains(Templating.GOLDEN_TAG)
          && g.vmid() != keep) {
        try {
          ctx.ops().destroy(node, g.vmid(), ctx.settings().commandTimeout());
        } catch (RuntimeException e) {
          // typically "base volume ... is still in use by linked cloned CT": it stays, unused
          log.debug("old golden template {} on {} kept: {}", g.vmid(), node, e.getMessage());
        }
      }
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
