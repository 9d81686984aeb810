package dev.proximity.internal.deploy;

import java.time.Duration;
import java.util.Objects;

/**
 * The facade's configuration, fixed at build time.
 *
 * @param pool the resource pool apps join, or null
 * @param rootStorage the storage for root disks, or null to pick the node's first rootdir storage
 * @param templateStorage the storage for OS templates, or null to pick the first vztmpl storage
 * @param backupStorage the storage for backups, or null to pick the first backup storage
 * @param baseTemplate the OS template name prefix, such as {@code debian-12-standard}
 * @param goldenTemplates whether deploys clone a node's golden template when present
 * @param deployTimeout the default limit of a deploy and other long operations
 * @param commandTimeout the limit of one remote command (Docker install and compose up excepted)
 * @param bridge the bridge of net0
 */
public record Settings(
    String pool,
    String rootStorage,
    String templateStorage,
    String backupStorage,
    String baseTemplate,
    boolean goldenTemplates,
    Duration deployTimeout,
    Duration commandTimeout,
    String bridge) {

  /** The default OS template prefix. */
  public static final String DEFAULT_BASE_TEMPLATE = "debian-12-standard";

  /** Validates the components. */
  public Settings {
    Objects.requireNonNull(baseTemplate, "baseTemplate");
    Objects.requireNonNull(deployTimeout, "deployTimeout");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    Objects.requireNonNull(bridge, "bridge");
  }
}
