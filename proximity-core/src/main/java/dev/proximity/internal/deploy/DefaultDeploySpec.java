package dev.proximity.internal.deploy;

import dev.proximity.App;
import dev.proximity.DeployPlan;
import dev.proximity.DeploySpec;
import dev.proximity.ProgressListener;
import dev.proximity.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The immutable deploy spec: each {@code with*} returns a new instance over a new request. */
public final class DefaultDeploySpec implements DeploySpec {
  private final Context ctx;
  private final DeployPipeline pipeline;
  private final DeployRequest req;

  /**
   * Creates a spec.
   *
   * @param ctx the shared context
   * @param pipeline the pipeline
   * @param req the request so far
   */
  public DefaultDeploySpec(Context ctx, DeployPipeline pipeline, DeployRequest req) {
    this.ctx = ctx;
    this.pipeline = pipeline;
    this.req = req;
  }

  private DeploySpec with(DeployRequest r) {
    return new DefaultDeploySpec(ctx, pipeline, r);
  }

  @Override
  public DeploySpec named(String name) {
    Names.requireValid(name);
    return with(new DeployRequest(req.catalogId(), name, req.resources(), req.parameters(),
        req.node(), req.timeout(), req.listeners(), req.keepOnFailure(), req.owner()));
  }

  @Override
  public DeploySpec withResources(Resources resources) {
    Objects.requireNonNull(resources, "resources");
    return with(new DeployRequest(req.catalogId(), req.name(), resources, req.parameters(),
        req.node(), req.timeout(), req.listeners(), req.keepOnFailure(), req.owner()));
  }

  @Override
  public DeploySpec withResources(Consumer<Resources.Builder> resources) {
    Resources.Builder b = req.resources().toBuilder();
    resources.accept(b);
    return withResources(b.build());
  }

  @Override
  public DeploySpec withParameter(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Map<String, String> params = new LinkedHashMap<>(req.parameters());
    params.put(name, value);
    return with(new DeployRequest(req.catalogId(), req.name(), req.resources(), params,
        req.node(), req.timeout(), req.listeners(), req.keepOnFailure(), req.owner()));
  }

  @Override
  public DeploySpec onNode(String node) {
    Objects.requireNonNull(node, "node");
    return with(new DeployRequest(req.catalogId(), req.name(), req.resources(), req.parameters(),
        node, req.timeout(), req.listeners(), req.keepOnFailure(), req.owner()));
  }

  @Override
  public DeploySpec withTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    return with(new DeployRequest(req.catalogId(), req.name(), req.resources(), req.parameters(),
        req.node(), timeout, req.listeners(), req.keepOnFailure(), req.owner()));
  }

  @Override
  public DeploySpec onProgress(ProgressListener listener) {
    Objects.requireNonNull(listener, "listener");
    List<ProgressListener> ls = new ArrayList<>(req.listeners());
    ls.add(listener);
    return with(new DeployRequest(req.catalogId(), req.name(), req.resources(), req.parameters(),
        req.node(), req.timeout(), ls, req.keepOnFailure(), req.owner()));
  }

  @Override
  public DeploySpec keepOnFailure() {
    return with(new DeployRequest(req.catalogId(), req.name(), req.resources(), req.parameters(),
        req.node(), req.timeout(), req.listeners(), true, req.owner()));
  }

  @Override
  public DeploySpec ownedBy(String user) {
    Objects.requireNonNull(user, "user");
    return with(new DeployRequest(req.catalogId(), req.name(), req.resources(), req.parameters(),
        req.node(), req.timeout(), req.listeners(), req.keepOnFailure(), user));
  }

  private Operation operation() {
    List<ProgressListener> ls = new ArrayList<>(ctx.listeners());
    ls.addAll(req.listeners());
    Duration timeout = req.timeout() != null ? req.timeout() : ctx.settings().deployTimeout();
    return new Operation("deploy", req.name() != null ? req.name() : req.catalogId(), ls,
        ctx.clock(), timeout);
  }

  @Override
  public App start() {
    Operation op = operation();
    return OperationRunner.run(op, () -> pipeline.run(req, op));
  }

  @Override
  public CompletableFuture<App> startAsync() {
    Operation op = operation();
    return OperationRunner.runAsync(ctx.executor(), op, () -> pipeline.run(req, op));
  }

  @Override
  public DeployPlan plan() {
    return pipeline.plan(req);
  }

  @Override
  public String toString() {
    return "DeploySpec[" + req + "]";
  }
}
