package dev.proximity;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deploy would do, computed by {@code DeploySpec.plan()} without changing anything.
 *
 * <p>Immutable and thread-safe.
 *
 * @param catalogId the catalog entry
 * @param version the catalog version
 * @param name the app name (container hostname)
 * @param node the node placement chose
 * @param cores CPU cores
 * @param memoryMb memory in MiB
 * @param swapMb swap in MiB
 * @param diskGb root disk in GiB
 * @param rootStorage the storage for the root disk
 * @param template the OS template volid, or the golden template as {@code golden:<vmid>}
 * @param templateAction what the template step would do
 * @param features the container features, such as {@code nesting=1,keyctl=1}
 * @param net0 the network device
 * @param tags the container tags
 * @param pool the resource pool the app would join, if configured
 * @param parameters the non-secret parameter values after defaults
 * @param generatedSecrets the names of the secrets that would be generated (never their values)
 * @param steps the steps the deploy would run
 */
public record DeployPlan(
    String catalogId,
    String version,
    String name,
    String node,
    int cores,
    int memoryMb,
    int swapMb,
    int diskGb,
    String rootStorage,
    String template,
    TemplateAction templateAction,
    String features,
    String net0,
    List<String> tags,
    Optional<String> pool,
    Map<String, String> parameters,
    List<String> generatedSecrets,
    List<DeployStep> steps) {

  /**
   * Validates and copies the components.
   *
   * @param catalogId the catalog entry
   * @param version the catalog version
   * @param name the app name (container hostname)
   * @param node the node placement chose
   * @param cores CPU cores
   * @param memoryMb memory in MiB
   * @param swapMb swap in MiB
   * @param diskGb root disk in GiB
   * @param rootStorage the storage for the root disk
   * @param template the OS template volid, or the golden template as {@code golden:<vmid>}
   * @param templateAction what the template step would do
   * @param features the container features, such as {@code nesting=1,keyctl=1}
   * @param net0 the network device
   * @param tags the container tags
   * @param pool the resource pool the app would join, if configured
   * @param parameters the non-secret parameter values after defaults
   * @param generatedSecrets the names of the secrets that would be generated (never their values)
   * @param steps the steps the deploy would run
   */
  public DeployPlan {
    Objects.requireNonNull(catalogId, "catalogId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(templateAction, "templateAction");
    tags = List.copyOf(tags);
    Objects.requireNonNull(pool, "pool");
    parameters = Map.copyOf(parameters);
    generatedSecrets = List.copyOf(generatedSecrets);
    steps = List.copyOf(steps);
  }

  /** What the template step of a deploy does. */
  public enum TemplateAction {
    /** The OS template is already on the node's storage. */
    USE_PRESENT,
    /** The OS template would be downloaded (once per node) through aplinfo. */
    DOWNLOAD,
    /** The node's golden template would be cloned; Docker is preinstalled. */
    CLONE_GOLDEN
  }
}
