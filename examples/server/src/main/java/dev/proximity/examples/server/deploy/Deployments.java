package dev.proximity.examples.server.deploy;

import dev.proximity.ProgressEvent;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The deployments the server has started, in memory: running ones and the most recent finished
 * ones. Thread-safe.
 */
public final class Deployments {
  private static final int KEEP_FINISHED = 200;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Function<Throwable, String[]> describeFailure;
  private final Map<String, Deployment> byId = new LinkedHashMap<>();
  private final Deque<String> finishedOrder = new ArrayDeque<>();
  private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
  private volatile boolean closing;

  /**
   * Creates the registry.
   *
   * @param clock stamps deployments
   * @param describeFailure maps a failure to {code, message} for clients
   */
  public Deployments(Clock clock, Function<Throwable, String[]> describeFailure) {
    this.clock = clock;
    this.describeFailure = describeFailure;
  }

  /**
   * Starts an operation and tracks it.
   *
   * @param operation {@code deploy} or {@code update}
   * @param ownerId the user id
   * @param ownerName the user name
   * @param app the app name
   * @param catalogId the catalog entry
   * @param start starts the operation, given a progress listener; returns its future
   * @param onFinish called once with the deployment and the failure (null on success)
   * @param <T> the result type
   * @return the tracked deployment, already running
   */
  public <T> Deployment start(String operation, String ownerId, String ownerName, String app, String catalogId,
      Function<Consumer<ProgressEvent>, CompletableFuture<T>> start,
      BiConsumer<Deployment, Throwable> onFinish) {
    Deployment deployment = new Deployment(newId(), operation, ownerId, ownerName, app, catalogId, clock.instant());
    synchronized (this) {
      byId.put(deployment.id(), deployment);
    }
    CompletableFuture<T> future;
    try {
      future = start.apply(deployment::progress);
    } catch (RuntimeException e) {
      synchronized (this) {
        byId.remove(deployment.id());
      }
      throw e;
    }
    deployment.attach(future);
    future.whenComplete((result, error) -> {
      Throwable cause = unwrap(error);
      if (cause == null) {
        deployment.finish(Deployment.State.SUCCEEDED, null, null, clock.instant());
      } else if (cause instanceof CancellationException) {
        deployment.finish(Deployment.State.CANCELLED, "cancelled", "cancelled by the user; rolled back",
            clock.instant());
      } else {
        String[] described = describeFailure.apply(cause);
        deployment.finish(Deployment.State.FAILED, described[0], described[1], clock.instant());
      }
      retire(deployment);
      onFinish.accept(deployment, cause);
    });
    return deployment;
  }

  /**
   * Finds a deployment.
   *
   * @param id the id
   * @return the deployment, or empty
   */
  public synchronized Optional<Deployment> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * Whether an app name is being deployed right now.
   *
   * @param app the app name
   * @return {@code true} while a deployment for it runs
   */
  public synchronized boolean deploying(String app) {
    return byId.values().stream().anyMatch(d -> d.app().equals(app) && !d.finished());
  }

  /**
   * Registers a listener run when the server shuts down (event streams end then).
   *
   * @param listener the listener
   * @return a handle that removes it
   */
  public Runnable onClose(Runnable listener) {
    closeListeners.add(listener);
    if (closing) {
      listener.run();
    }
    return () -> closeListeners.remove(listener);
  }

  /** @return whether the server is shutting down */
  public boolean closing() {
    return closing;
  }

  /** Ends every event stream; running operations continue in the SDK until the SDK is closed. */
  public void close() {
    closing = true;
    closeListeners.forEach(Runnable::run);
  }

  private synchronized void retire(Deployment deployment) {
    finishedOrder.addLast(deployment.id());
    while (finishedOrder.size() > KEEP_FINISHED) {
      byId.remove(finishedOrder.removeFirst());
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static String newId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return "dep-" + HexFormat.of().formatHex(bytes);
  }
}
