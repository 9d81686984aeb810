package dev.proximity;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@link Proximity#apps()}: an app as its {@code /cluster/resources} row shows it.
 *
 * <p>Built from that row alone, so listing any number of apps costs one request. The catalog id,
 * version and owner come from the tags Proximity mirrors from the manifest when it creates,
 * updates, clones or restores an app; an app without them (tagged {@code proximity} by hand, or
 * deployed by a pre-release build) shows {@code "unknown"} and no owner. The address, URLs, parameters and the
 * rest of the manifest are in {@link App}, from {@code px.app(name).info()} (a few requests per
 * app).
 *
 * <p>An immutable, thread-safe snapshot.
 *
 * @param name the app name, which is the container hostname
 * @param vmid the container id
 * @param node the node the container is on
 * @param status running, stopped or unknown (its node is offline)
 * @param catalogId the catalog entry it was deployed from, or {@code "unknown"}
 * @param version the catalog version deployed, or {@code "unknown"}
 * @param owner the owning user recorded by {@code ownedBy(..)}, if any
 * @param usage resource use and uptime at the time of reading
 */
public record AppSummary(
    String name,
    int vmid,
    String node,
    AppStatus status,
    String catalogId,
    String version,
    Optional<String> owner,
    AppUsage usage) {

  /**
   * Validates the components.
   *
   * @param name the app name, which is the container hostname
   * @param vmid the container id
   * @param node the node the container is on
   * @param status running, stopped or unknown (its node is offline)
   * @param catalogId the catalog entry it was deployed from, or {@code "unknown"}
   * @param version the catalog version deployed, or {@code "unknown"}
   * @param owner the owning user recorded by {@code ownedBy(..)}, if any
   * @param usage resource use and uptime at the time of reading
   */
  public AppSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(catalogId, "catalogId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(usage, "usage");
  }
}
