package dev.proximity.internal.deploy;

import dev.proximity.pve.model.Features;
import dev.proximity.pve.model.LxcConfig;
import dev.proximity.pve.model.LxcCreateRequest;
import dev.proximity.pve.model.Net;
import dev.proximity.pve.model.RootFs;
import dev.proximity.pve.model.Tags;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps between the facade's {@link ClusterOps} records and the typed client's models. */
final class PveMappings {
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGT]?)");

  private PveMappings() {}

  static LxcCreateRequest createRequest(ClusterOps.CreateRequest r) {
    LxcCreateRequest.Builder b =
        LxcCreateRequest.builder().vmid(r.vmid()).ostemplate(r.ostemplate());
    if (r.restore()) {
      b.restore(r.force(), !r.force());
    } else {
      b.unprivileged(true)
          .features(r.keyctl() ? Features.docker() : Features.nestingOnly());
    }
    if (r.hostname() != null) {
      b.hostname(r.hostname());
    }
    if (r.cores() > 0) {
      b.cores(r.cores());
    }
    if (r.memoryMb() > 0) {
      b.memoryMiB(r.memoryMb());
    }
    if (r.swapMb() >= 0) {
      b.swapMiB(r.swapMb());
    }
    if (r.rootStorage() != null && r.diskGb() > 0) {
      b.rootfs(RootFs.allocate(r.rootStorage(), r.diskGb()));
    }
    if (r.bridge() != null) {
      b.net(0, Net.dhcp(r.bridge()));
    }
    if (!r.tags().isEmpty()) {
      b.tags(Tags.of(r.tags().toArray(String[]::new)));
    }
    if (r.description() != null) {
      b.description(r.description());
    }
    if (r.pool() != null) {
      b.pool(r.pool());
    }
    return b.build();
  }

  static ClusterOps.CtConfig toConfig(LxcConfig c) {
    Optional<RootFs> rootfs = c.rootfs();
    return new ClusterOps.CtConfig(c.hostname().orElse(""), c.description().orElse(null),
        c.cores().orElse(0), c.memoryMiB(), c.swapMiB(),
        rootfs.map(r -> sizeGb(r.size())).orElse(0), rootfs.map(RootFs::storage).orElse(null),
        Set.copyOf(c.tags().values()), c.template(), c.lock().orElse(null));
  }

  static int sizeGb(String size) {
    if (size == null) {
      return 0;
    }
    Matcher m = SIZE.matcher(size.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      return 0;
    }
    double v = Double.parseDouble(m.group(1));
    double gib = switch (m.group(2)) {
      case "T" -> v * 1024;
      case "G" -> v;
      case "M" -> v / 1024;
      case "K" -> v / (1024 * 1024);
      default -> v / (1024.0 * 1024 * 1024);
    };
    return (int) Math.ceil(gib - 1e-9);
  }

}
