package dev.proximity.internal.deploy;

import dev.proximity.ProgressListener;
import dev.proximity.Resources;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable state of a deploy spec.
 *
 * @param catalogId the catalog entry
 * @param name the app name, or null for the default
 * @param resources the resources asked for
 * @param parameters parameter values in the order given
 * @param node the node, or null for placement
 * @param timeout the limit, or null for the default
 * @param listeners this deploy's listeners
 * @param keepOnFailure whether to keep the container on failure
 * @param owner the owner, or null
 */
public record DeployRequest(
    String catalogId,
    String name,
    Resources resources,
    Map<String, String> parameters,
    String node,
    Duration timeout,
    List<ProgressListener> listeners,
    boolean keepOnFailure,
    String owner) {

  /** Copies the collections. */
  public DeployRequest {
    Objects.requireNonNull(catalogId, "catalogId");
    Objects.requireNonNull(resources, "resources");
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    listeners = List.copyOf(listeners);
  }

  /**
   * A request with only the catalog id.
   *
   * @param catalogId the entry
   * @return the request
   */
  public static DeployRequest of(String catalogId) {
    return new DeployRequest(
        catalogId, null, Resources.none(), Map.of(), null, null, List.of(), false, null);
  }

  /** Shows parameter names only: values may be secrets. */
  @Override
  public String toString() {
    return "DeployRequest[" + catalogId + ", name=" + name + ", " + resources + ", parameters="
        + parameters.keySet() + ", node=" + node + "]";
  }
}
