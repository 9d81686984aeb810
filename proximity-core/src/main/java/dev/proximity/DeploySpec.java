package dev.proximity;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A deploy of one catalog app, configured fluently; nothing happens until a terminal verb
 * ({@link #start()}, {@link #startAsync()} or {@link #plan()}).
 *
 * <p>Immutable and thread-safe: every {@code with*}/{@code on*} method returns a new spec, so a
 * half-built spec can be shared and reused.
 *
 * <pre>{@code
 * App web = px.deploy("nginx")
 *     .named("web")
 *     .withResources(r -> r.cores(2).memoryMb(1024).diskGb(8))
 *     .onProgress(e -> System.out.println(e.step().label() + " " + e.percent() + "%"))
 *     .start();
 * }</pre>
 */
public interface DeploySpec {

  /**
   * Sets the app name, which becomes the container hostname. The default is the catalog id, with
   * a numeric suffix when that name is taken.
   *
   * @param name an RFC 1123 label: 1..63 of {@code a-z 0-9 -}, not starting or ending with {@code -}
   * @return a new spec
   * @throws InvalidRequestException if the name is not a valid label
   */
  DeploySpec named(String name);

  /**
   * Sets resources; values not set take the catalog entry's recommendation.
   *
   * @param resources the resources
   * @return a new spec
   */
  DeploySpec withResources(Resources resources);

  /**
   * Sets resources through a builder, for one-liners.
   *
   * @param resources configures the builder, e.g. {@code r -> r.cores(2).memoryMb(1024)}
   * @return a new spec
   * @throws InvalidRequestException if a value is out of range
   */
  DeploySpec withResources(Consumer<Resources.Builder> resources);

  /**
   * Sets a catalog parameter. Secret values are pushed into the container and never stored in
   * the manifest, logged or shown.
   *
   * @param name the parameter name, as the catalog entry declares it
   * @param value the value
   * @return a new spec
   */
  DeploySpec withParameter(String name, String value);

  /**
   * Places the app on a given node instead of the online node with the most free memory.
   *
   * @param node the node name
   * @return a new spec
   */
  DeploySpec onNode(String node);

  /**
   * Limits the whole deploy, task waits included. The default is the SDK's deploy timeout.
   *
   * @param timeout a positive duration
   * @return a new spec
   */
  DeploySpec withTimeout(Duration timeout);

  /**
   * Adds a listener for this deploy's progress, in addition to the SDK-wide listeners.
   *
   * @param listener receives one event per step
   * @return a new spec
   */
  DeploySpec onProgress(ProgressListener listener);

  /**
   * Keeps the container when the deploy fails, for inspection, instead of rolling back.
   *
   * @return a new spec
   */
  DeploySpec keepOnFailure();

  /**
   * Records an owner in the app's manifest (used by servers for per-user access).
   *
   * @param user the owning user name
   * @return a new spec
   */
  DeploySpec ownedBy(String user);

  /**
   * Runs the deploy and waits for it.
   *
   * @return the running, healthy app
   * @throws InvalidRequestException if the name, parameters or resources are refused (nothing changed)
   * @throws DeployException if a step fails, after rollback; when the timeout passed, its cause
   *     is an {@link OperationTimeoutException}
   */
  App start();

  /**
   * Runs the deploy on the SDK's executor. Cancelling the future ({@code cancel(true)}) stops the
   * pipeline at the next step boundary (or the current wait) and rolls back.
   *
   * @return a future completed with the app, or exceptionally with the exceptions of {@link #start()}
   */
  CompletableFuture<App> startAsync();

  /**
   * Computes what the deploy would do, reading the cluster but changing nothing.
   *
   * @return the plan
   * @throws InvalidRequestException if the deploy would be refused
   */
  DeployPlan plan();
}
