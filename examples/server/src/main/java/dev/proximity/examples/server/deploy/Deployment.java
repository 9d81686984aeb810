package dev.proximity.examples.server.deploy;

import dev.proximity.ProgressEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One asynchronous operation the server started for a user (a deploy), with its progress history.
 *
 * <p>Thread-safe: progress arrives on SDK threads while HTTP requests read it.
 */
public final class Deployment {
  /** The states of a deployment. */
  public enum State {
    /** Accepted and running. */
    RUNNING,
    /** Finished; the app is deployed. */
    SUCCEEDED,
    /** Failed; the SDK rolled back what it created. */
    FAILED,
    /** Cancelled by its user; the SDK rolled back. */
    CANCELLED;

    /** @return the lower-case name used in JSON */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String id;
  private final String operation;
  private final String ownerId;
  private final String ownerName;
  private final String app;
  private final String catalogId;
  private final Instant createdAt;
  private final List<Step> steps = new ArrayList<>();
  private final List<Consumer<Deployment>> watchers = new CopyOnWriteArrayList<>();
  private State state = State.RUNNING;
  private String errorCode;
  private String errorMessage;
  private Instant finishedAt;
  private CompletableFuture<?> future;

  Deployment(String id, String operation, String ownerId, String ownerName, String app, String catalogId,
      Instant createdAt) {
    this.id = Objects.requireNonNull(id);
    this.operation = Objects.requireNonNull(operation);
    this.ownerId = Objects.requireNonNull(ownerId);
    this.ownerName = Objects.requireNonNull(ownerName);
    this.app = Objects.requireNonNull(app);
    this.catalogId = Objects.requireNonNull(catalogId);
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  /** @return the deployment id */
  public String id() {
    return id;
  }

  /** @return the id of the user who started it */
  public String ownerId() {
    return ownerId;
  }

  /** @return the app name */
  public String app() {
    return app;
  }

  /** @return the current state */
  public synchronized State state() {
    return state;
  }

  /** @return whether the deployment has finished, successfully or not */
  public synchronized boolean finished() {
    return state != State.RUNNING;
  }

  synchronized void attach(CompletableFuture<?> operation) {
    this.future = operation;
  }

  /**
   * Cancels the running operation; the SDK stops the pipeline and rolls back.
   *
   * @return whether the deployment was running and is now being cancelled
   */
  public boolean cancel() {
    CompletableFuture<?> running;
    synchronized (this) {
      if (state != State.RUNNING || future == null) {
        return false;
      }
      running = future;
    }
    return running.cancel(true);
  }

  void progress(ProgressEvent event) {
    synchronized (this) {
      if (state != State.RUNNING) {
        return;
      }
      steps.add(new Step(event.step().label(), event.percent(), event.message(), event.at().toString()));
    }
    notifyWatchers();
  }

  void finish(State newState, String code, String message, Instant at) {
    synchronized (this) {
      if (state != State.RUNNING) {
        return;
      }
      state = newState;
      errorCode = code;
      errorMessage = message;
      finishedAt = at;
    }
    notifyWatchers();
  }

  /**
   * Registers a watcher called after every change (new step or finish), on the thread that made it.
   *
   * @param watcher the watcher; must not block
   * @return a handle that removes the watcher
   */
  public Runnable watch(Consumer<Deployment> watcher) {
    watchers.add(watcher);
    return () -> watchers.remove(watcher);
  }

  void notifyWatchers() {
    for (Consumer<Deployment> watcher : watchers) {
      watcher.accept(this);
    }
  }

  /**
   * A consistent snapshot for JSON.
   *
   * @return the view
   */
  public synchronized View view() {
    int percent = state == State.SUCCEEDED ? 100 : steps.isEmpty() ? 0 : steps.get(steps.size() - 1).percent();
    Error error = errorCode == null ? null : new Error(errorCode, errorMessage);
    return new View(id, operation, app, catalogId, ownerName, state.wireName(), percent, List.copyOf(steps), error,
        createdAt.toString(), finishedAt == null ? null : finishedAt.toString());
  }

  /**
   * The JSON form of a deployment.
   *
   * @param id the deployment id
   * @param operation {@code deploy} or {@code update}
   * @param app the app name
   * @param catalogId the catalog entry
   * @param owner the user who started it
   * @param state running, succeeded, failed or cancelled
   * @param percent overall progress
   * @param steps the progress events so far
   * @param error the failure, or null
   * @param createdAt when it was accepted
   * @param finishedAt when it finished, or null
   */
  public record View(String id, String operation, String app, String catalogId, String owner, String state, int percent,
      List<Step> steps, Error error, String createdAt, String finishedAt) {}

  /**
   * One progress event.
   *
   * @param step the pipeline step
   * @param percent overall progress at this step
   * @param message what happened
   * @param at when
   */
  public record Step(String step, int percent, String message, String at) {}

  /**
   * Why a deployment failed.
   *
   * @param code a machine-readable code
   * @param message the SDK's message (step, cause, rollback, hint); never a secret
   */
  public record Error(String code, String message) {}
}
