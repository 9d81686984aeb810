package dev.proximity.scheduler;

import java.util.List;
import java.util.Objects;

/**
 * What an update check found for one app: the catalog version against the deployed one and, when
 * a registry is configured, the digest of the image each service runs against the registry's
 * digest for its tag.
 *
 * @param app the app name
 * @param vmid the app's container id
 * @param catalogId the catalog entry id
 * @param deployedVersion the catalog version deployed
 * @param catalogVersion the catalog's current version, or an empty string when the catalog has no
 *     such entry
 * @param images one digest check per service container, in service order (empty without a
 *     registry)
 * @param problem why the app could not be checked fully, or an empty string
 */
public record AppUpdate(String app, int vmid, String catalogId, String deployedVersion,
    String catalogVersion, List<DigestCheck> images, String problem) {

  /**
   * Validates and copies the components.
   *
   * @param app the app name
   * @param vmid the app's container id
   * @param catalogId the catalog entry id
   * @param deployedVersion the catalog version deployed
   * @param catalogVersion the catalog's current version, or an empty string when the catalog has no such entry
   * @param images one digest check per image of the entry (empty without a registry, or when a new catalog version is available anyway)
   * @param problem why the app could not be checked fully, or an empty string
   */
  public AppUpdate {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(catalogId, "catalogId");
    Objects.requireNonNull(deployedVersion, "deployedVersion");
    catalogVersion = catalogVersion == null ? "" : catalogVersion;
    images = List.copyOf(images);
    problem = problem == null ? "" : problem;
  }

  /** @return whether the catalog has another version than the deployed one */
  public boolean newVersionAvailable() {
    return !catalogVersion.isEmpty() && !catalogVersion.equals(deployedVersion);
  }

  /** @return the images whose tag now points at a different digest */
  public List<DigestCheck> newerImages() {
    return images.stream().filter(DigestCheck::isNewer).toList();
  }

  /** @return whether a new catalog version or a newer image is available */
  public boolean updateAvailable() {
    return newVersionAvailable() || !newerImages().isEmpty();
  }
}
