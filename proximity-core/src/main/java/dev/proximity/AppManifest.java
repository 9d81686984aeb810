package dev.proximity;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The machine-readable record of what an app is, stored as JSON in its container's description
 * (and in {@code /opt/proximity/app/manifest.json}). It never holds a secret.
 *
 * <p>Immutable and thread-safe.
 *
 * @param catalogId the catalog entry id, such as {@code nginx}
 * @param version the catalog version deployed
 * @param parameters the non-secret parameter values
 * @param composeSha256 the SHA-256 (hex) of the compose file pushed into the container
 * @param createdAt when the app was deployed
 * @param owner the owning user recorded by {@code ownedBy(..)}, if any
 */
public record AppManifest(
    String catalogId,
    String version,
    Map<String, String> parameters,
    String composeSha256,
    Instant createdAt,
    Optional<String> owner) {

  /**
   * Validates and copies the components.
   *
   * @param catalogId the catalog entry id, such as {@code nginx}
   * @param version the catalog version deployed
   * @param parameters the non-secret parameter values
   * @param composeSha256 the SHA-256 (hex) of the compose file pushed into the container
   * @param createdAt when the app was deployed
   * @param owner the owning user recorded by {@code ownedBy(..)}, if any
   */
  public AppManifest {
    Objects.requireNonNull(catalogId, "catalogId");
    Objects.requireNonNull(version, "version");
    parameters = Map.copyOf(parameters);
    Objects.requireNonNull(composeSha256, "composeSha256");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(owner, "owner");
  }
}
