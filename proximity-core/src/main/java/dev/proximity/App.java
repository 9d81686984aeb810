package dev.proximity;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployed app: an LXC container tagged {@code proximity}, as last read from Proxmox.
 *
 * <p>An immutable, thread-safe snapshot; use {@code px.app(name)} for a handle that acts on the
 * app. {@code px.app(name).info()} reads it with a few requests (the listing, the config for the
 * manifest and, when running, the interfaces for the address); deploy, clone, restore, resize and
 * update return one. To list many apps use {@link Proximity#apps()}, whose {@link AppSummary}
 * costs one request for all of them.
 *
 * @param name the app name, which is the container hostname
 * @param vmid the container id
 * @param node the node the container is on
 * @param status running, stopped or unknown
 * @param ipv4 the container's IPv4 address, when running and known
 * @param urls the URLs of the app's web interface, empty when it has none or no address is known
 * @param manifest what was deployed: catalog id, version, parameters, owner
 * @param usage resource use at the time of reading
 */
public record App(
    String name,
    int vmid,
    String node,
    AppStatus status,
    Optional<String> ipv4,
    List<URI> urls,
    AppManifest manifest,
    AppUsage usage) {

  /**
   * Validates and copies the components.
   *
   * @param name the app name, which is the container hostname
   * @param vmid the container id
   * @param node the node the container is on
   * @param status running, stopped or unknown
   * @param ipv4 the container's IPv4 address, when running and known
   * @param urls the URLs of the app's web interface, empty when it has none or no address is known
   * @param manifest what was deployed: catalog id, version, parameters, owner
   * @param usage resource use at the time of reading
   */
  public App {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(ipv4, "ipv4");
    urls = List.copyOf(urls);
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(usage, "usage");
  }

  /**
   * The catalog entry this app was deployed from.
   *
   * @return the catalog id
   */
  public String catalogId() {
    return manifest.catalogId();
  }

  /**
   * The catalog version deployed.
   *
   * @return the version
   */
  public String version() {
    return manifest.version();
  }
}
