package dev.proximity.internal.deploy;

import dev.proximity.DeployPlan.TemplateAction;
import dev.proximity.InvalidRequestException;
import dev.proximity.InvalidRequestException.Reason;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the source of a new container on a node: its golden template, or the OS template on a
 * vztmpl storage, downloaded through aplinfo at most once per node at a time.
 */
final class Templating {
  static final String GOLDEN_TAG = "proximity-golden";
  /**
   * Prefix of the tag naming a golden template's set: the replicas made together carry the same
   * {@code px-golden-<generation>} tag, the generation being the set's creation time in base 36
   * millis, so the newest set is the greatest generation whatever vmids Proxmox handed out.
   */
  static final String SET_PREFIX = AppTags.RESERVED_PREFIX + "golden-";

  private final Context ctx;

  Templating(Context ctx) {
    this.ctx = ctx;
  }

  /** The golden template of a node (its current set's first replica), from one cluster listing. */
  Optional<ClusterOps.GuestRow> golden(List<ClusterOps.GuestRow> guests, String node) {
    return goldenSet(guests, node).stream().findFirst();
  }

  /**
   * The replicas of a node's current golden template, ascending by vmid, from one cluster listing:
   * the golden templates carrying the newest set tag. A node whose golden templates carry no set
   * tag (made before replicas existed, or taken out of service) uses the newest of them alone.
   */
  List<ClusterOps.GuestRow> goldenSet(List<ClusterOps.GuestRow> guests, String node) {
    List<ClusterOps.GuestRow> all = guests.stream()
        .filter(g -> g.node().equals(node) && g.template() && g.tags().contains(GOLDEN_TAG))
        .sorted(Comparator.comparingInt(ClusterOps.GuestRow::vmid))
        .toList();
    Optional<Long> newest = all.stream().map(Templating::generation).flatMap(Optional::stream)
        .max(Comparator.naturalOrder());
    if (newest.isEmpty()) {
      return all.isEmpty() ? List.of() : List.of(all.get(all.size() - 1));
    }
    return all.stream().filter(g -> generation(g).equals(newest)).toList();
  }

  /** The set generation of a golden template, empty without a (readable) set tag. */
  static Optional<Long> generation(ClusterOps.GuestRow g) {
    for (String tag : g.tags()) {
      if (tag.startsWith(SET_PREFIX)) {
        try {
          return Optional.of(Long.parseLong(tag.substring(SET_PREFIX.length()), 36));
        } catch (NumberFormatException e) {
          return Optional.empty(); // edited by hand: not a set this SDK made
        }
      }
    }
    return Optional.empty();
  }

  /** The set tag of a generation. */
  static String setTag(long generation) {
    return SET_PREFIX + Long.toString(generation, 36);
  }

  /** Decides where the container comes from without changing anything. */
  TemplateSource plan(String node, List<ClusterOps.GuestRow> guests, boolean allowGolden) {
    if (allowGolden && ctx.settings().goldenTemplates()) {
      List<ClusterOps.GuestRow> set = goldenSet(guests, node);
      if (!set.isEmpty()) {
        return new TemplateSource(TemplateAction.CLONE_GOLDEN, null, null, null,
            set.stream().map(ClusterOps.GuestRow::vmid).toList());
      }
    }
    String storage = templateStorage(node);
    Optional<String> present = presentTemplate(node, storage);
    if (present.isPresent()) {
      return new TemplateSource(TemplateAction.USE_PRESENT, present.get(), storage, null, List.of());
    }
    String template = newestAvailable(node);
    return new TemplateSource(
        TemplateAction.DOWNLOAD, storage + ":vztmpl/" + template, storage, template, List.of());
  }

  /**
   * Makes sure the planned source exists: downloads the OS template if needed, once per node even
   * when many deploys ask at the same time.
   *
   * @return the OS template volid, or null for a golden clone
   */
  String ensure(String node, TemplateSource source, Duration timeout) throws InterruptedException {
    if (source.golden()) {
      return null;
    }
    if (source.action() == TemplateAction.USE_PRESENT) {
      return source.volid();
    }
    return ctx.templateDownloads().run(node + "/" + source.storage(), () -> {
      Optional<String> present = presentTemplate(node, source.storage());
      if (present.isPresent()) {
        return present.get();
      }
      ctx.ops().downloadTemplate(node, source.storage(), source.template(), timeout);
      return source.volid();
    });
  }

  String templateStorage(String node) {
    String wanted = ctx.settings().templateStorage();
    return ctx.ops().storages(node).stream()
        .filter(s -> s.active() && s.content().contains("vztmpl"))
        .filter(s -> wanted == null || s.storage().equals(wanted))
        .map(ClusterOps.StorageRow::storage)
        .findFirst()
        .orElseThrow(() -> new InvalidRequestException(Reason.NOT_CONFIGURED, "node '" + node
            + "' has no active storage for container templates" + (wanted == null ? ""
                : " named '" + wanted + "'") + ": enable content 'vztmpl' on a storage"));
  }

  private Optional<String> presentTemplate(String node, String storage) {
    String prefix = storage + ":vztmpl/" + ctx.settings().baseTemplate();
    return ctx.ops().content(node, storage, "vztmpl", 0).stream()
        .map(ClusterOps.VolumeRow::volid)
        .filter(v -> v.startsWith(prefix))
        .max(Comparator.naturalOrder());
  }

  private String newestAvailable(String node) {
    String prefix = ctx.settings().baseTemplate();
    return ctx.ops().availableTemplates(node).stream()
        .filter(t -> t.startsWith(prefix))
        .max(Comparator.naturalOrder())
        .orElseThrow(() -> new InvalidRequestException(Reason.NOT_CONFIGURED, "node '" + node
            + "' offers no template named " + prefix + "*: run 'pveam update' on the node or"
            + " configure another base template"));
  }
}
