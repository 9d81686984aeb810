package dev.proximity.internal.deploy;

import dev.proximity.App;
import dev.proximity.AppHandle;
import dev.proximity.AppStatus;
import dev.proximity.Backup;
import dev.proximity.DeleteOption;
import dev.proximity.InvalidRequestException;
import dev.proximity.InvalidRequestException.Reason;
import dev.proximity.LogStream;
import dev.proximity.MetricSample;
import dev.proximity.ProgressListener;
import dev.proximity.Resources;
import dev.proximity.RunningImage;
import dev.proximity.ServiceStatus;
import dev.proximity.command.CommandTarget;
import dev.proximity.command.SafeCommand;
import dev.proximity.command.SafeCommandResult;
import dev.proximity.command.SafeCommands;
import dev.proximity.spi.CommandResult;
import dev.proximity.spi.HostShell;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The handle of one app. It keeps the app's vmid and reads the current node and state before each
 * action, so it follows the app across nodes.
 */
public final class DefaultAppHandle implements AppHandle {
  private static final Duration FOLLOW_LIMIT = Duration.ofHours(24);

  private final Context ctx;
  private final AppReader reader;
  private final Lifecycle lifecycle;
  private final String name;
  private final int vmid;

  /**
   * Creates a handle for an app found in the listing.
   *
   * @param ctx the shared context
   * @param reader the app reader
   * @param lifecycle the long operations
   * @param row the app's listing row
   */
  public DefaultAppHandle(Context ctx, AppReader reader, Lifecycle lifecycle,
      ClusterOps.GuestRow row) {
    this.ctx = ctx;
    this.reader = reader;
    this.lifecycle = lifecycle;
    this.name = row.name();
    this.vmid = row.vmid();
  }

  private ClusterOps.GuestRow row() {
    return reader.find(vmid, name);
  }

  private Duration timeout() {
    return ctx.settings().deployTimeout();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int vmid() {
    return vmid;
  }

  @Override
  public App info() {
    return reader.toApp(row());
  }

  @Override
  public AppStatus status() {
    ClusterOps.GuestRow g = row();
    return AppStatus.fromPve(ctx.ops().status(g.node(), g.vmid()));
  }

  @Override
  public List<ServiceStatus> services() {
    ClusterOps.GuestRow g = requireRunning(row(), "read its services");
    return new AppSteps(ctx).services(g.node(), g.vmid());
  }

  @Override
  public List<RunningImage> runningImages() {
    ClusterOps.GuestRow g = requireRunning(row(), "read its images");
    return new AppSteps(ctx).runningImages(g.node(), g.vmid());
  }

  @Override
  public void start() {
    ClusterOps.GuestRow g = row();
    if (!"running".equals(ctx.ops().status(g.node(), g.vmid()))) {
      ctx.ops().start(g.node(), g.vmid(), timeout());
    }
  }

  @Override
  public void stop() {
    ClusterOps.GuestRow g = row();
    if (!"stopped".equals(ctx.ops().status(g.node(), g.vmid()))) {
      ctx.ops().stop(g.node(), g.vmid(), timeout());
    }
  }

  @Override
  public void shutdown(Duration shutdownTimeout) {
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    ClusterOps.GuestRow g = row();
    if (!"stopped".equals(ctx.ops().status(g.node(), g.vmid()))) {
      ctx.ops().shutdown(g.node(), g.vmid(), shutdownTimeout,
          timeout().plus(shutdownTimeout));
    }
  }

  @Override
  public void restart() {
    ClusterOps.GuestRow g = row();
    if ("running".equals(ctx.ops().status(g.node(), g.vmid()))) {
      ctx.ops().reboot(g.node(), g.vmid(), timeout());
    } else {
      ctx.ops().start(g.node(), g.vmid(), timeout());
    }
  }

  @Override
  public List<MetricSample> metrics(MetricSample.Timeframe timeframe) {
    ClusterOps.GuestRow g = row();
    return ctx.ops().rrd(g.node(), g.vmid(), Objects.requireNonNull(timeframe, "timeframe"));
  }

  @Override
  public List<String> logs(int tail) {
    List<String> argv = logArgv(tail, false);
    ClusterOps.GuestRow g = requireRunning(row(), "read its logs");
    CommandResult r = ctx.shell(g.node()).exec(g.vmid(), argv, ctx.settings().commandTimeout());
    AppSteps.check(r, "docker compose logs", g.vmid());
    return r.stdout().isEmpty() ? List.of() : List.of(r.stdout().split("\r?\n"));
  }

  @Override
  public LogStream followLogs(int tail, Consumer<String> lines) {
    Objects.requireNonNull(lines, "lines");
    List<String> argv = logArgv(tail, true);
    ClusterOps.GuestRow g = requireRunning(row(), "follow its logs");
    HostShell.LineStream stream = ctx.shell(g.node()).stream(g.vmid(), argv, FOLLOW_LIMIT, lines);
    return new LogStream() {
      @Override
      public OptionalInt await(Duration timeout) {
        return stream.await(timeout);
      }

      @Override
      public void close() {
        stream.close();
      }
    };
  }

  private static List<String> logArgv(int tail, boolean follow) {
    if (tail < 1 || tail > 10_000) {
      throw new InvalidRequestException(Reason.INVALID_PARAMETER,
          "tail must be between 1 and 10000, got " + tail);
    }
    return ContainerContract.logs(tail, follow);
  }

  @Override
  public SafeCommandResult run(SafeCommand command) {
    return run(command, ctx.principal());
  }

  @Override
  public SafeCommandResult run(SafeCommand command, String actor) {
    Objects.requireNonNull(command, "command");
    ClusterOps.GuestRow g = row();
    return SafeCommands.run(ctx.shell(g.node()), new CommandTarget(g.node(), g.vmid(), name),
        command, actor, ctx.audit(), SafeCommands.DEFAULT_TIMEOUT, ctx.clock());
  }

  @Override
  public SafeCommandResult run(String command, Map<String, String> parameters, String actor) {
    ClusterOps.GuestRow g = row();
    return SafeCommands.run(ctx.shell(g.node()), new CommandTarget(g.node(), g.vmid(), name),
        command, parameters, actor, ctx.audit(), SafeCommands.DEFAULT_TIMEOUT);
  }

  @Override
  public void delete(DeleteOption... options) {
    Set<DeleteOption> opts = Set.copyOf(Arrays.asList(options));
    ClusterOps.GuestRow g = row();
    boolean running = "running".equals(ctx.ops().status(g.node(), g.vmid()));
    if (running && !opts.contains(DeleteOption.FORCE)) {
      throw new InvalidRequestException(Reason.APP_RUNNING, name + " is running: stop it first"
          + " or delete with DeleteOption.FORCE");
    }
    if (running) {
      ctx.ops().stop(g.node(), g.vmid(), timeout());
    }
    if (opts.contains(DeleteOption.WITH_BACKUPS)) {
      lifecycle.backups().deleteAll(g.node(), g.vmid());
    }
    ctx.ops().destroy(g.node(), g.vmid(), timeout());
  }

  @Override
  public Backup backup(String notes) {
    return lifecycle.backups().backup(this::row, name, notes, null).run();
  }

  @Override
  public CompletableFuture<Backup> backupAsync(String notes, ProgressListener listener) {
    return lifecycle.backups().backup(this::row, name, notes, listener)
        .runAsync(ctx.executor());
  }

  @Override
  public List<Backup> backups() {
    ClusterOps.GuestRow g = row();
    return lifecycle.backups().list(g.node(), g.vmid());
  }

  @Override
  public App restore(String volid) {
    return restoreJob(volid, null).run();
  }

  @Override
  public CompletableFuture<App> restoreAsync(String volid, ProgressListener listener) {
    return restoreJob(volid, listener).runAsync(ctx.executor());
  }

  private OperationRunner.Job<App> restoreJob(String volid, ProgressListener listener) {
    return lifecycle.backups().restoreInPlace(this::row, name,
        Objects.requireNonNull(volid, "volid"), listener);
  }

  @Override
  public App restoreAs(String volid, String newName) {
    return restoreAsJob(volid, newName, null).run();
  }

  @Override
  public CompletableFuture<App> restoreAsAsync(String volid, String newName,
      ProgressListener listener) {
    return restoreAsJob(volid, newName, listener).runAsync(ctx.executor());
  }

  private OperationRunner.Job<App> restoreAsJob(String volid, String newName,
      ProgressListener listener) {
    return lifecycle.backups().restoreAs(this::row, Objects.requireNonNull(volid, "volid"),
        Names.requireValid(newName), listener);
  }

  @Override
  public App clone(String newName) {
    return lifecycle.clones().cloneApp(this::row, Names.requireValid(newName), null).run();
  }

  @Override
  public CompletableFuture<App> cloneAsync(String newName, ProgressListener listener) {
    return lifecycle.clones().cloneApp(this::row, Names.requireValid(newName), listener)
        .runAsync(ctx.executor());
  }

  @Override
  public App resize(Consumer<Resources.Builder> resources) {
    Resources.Builder b = Resources.builder();
    resources.accept(b);
    return resize(b.build());
  }

  @Override
  public App resize(Resources r) {
    ClusterOps.GuestRow g = row();
    ClusterOps.CtConfig cfg = ctx.ops().config(g.node(), g.vmid());
    if (r.diskGb().isPresent() && r.diskGb().getAsInt() < cfg.rootfsGb()) {
      throw new InvalidRequestException(Reason.DISK_SHRINK, name + " has a " + cfg.rootfsGb()
          + " GiB disk; disks can only grow, so " + r.diskGb().getAsInt() + " GiB is refused."
          + " Back up and restore into a smaller app instead.");
    }
    // one deadline for the config change and the disk resize together
    long deadline = System.nanoTime() + timeout().toNanos();
    Map<String, String> changes = new HashMap<>();
    r.cores().ifPresent(c -> changes.put("cores", Integer.toString(c)));
    r.memoryMb().ifPresent(m -> changes.put("memory", Integer.toString(m)));
    r.swapMb().ifPresent(s -> changes.put("swap", Integer.toString(s)));
    if (!changes.isEmpty()) {
      ctx.ops().updateConfig(g.node(), g.vmid(), changes, timeout());
    }
    if (r.diskGb().isPresent() && r.diskGb().getAsInt() > cfg.rootfsGb()) {
      ctx.ops().resizeDisk(g.node(), g.vmid(), r.diskGb().getAsInt(),
          Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }
    return info();
  }

  @Override
  public Optional<String> availableUpdate() {
    return lifecycle.updates().availableUpdate(row());
  }

  @Override
  public App update(ProgressListener listener) {
    return lifecycle.updates().update(this::row, name, listener).run();
  }

  @Override
  public CompletableFuture<App> updateAsync(ProgressListener listener) {
    return lifecycle.updates().update(this::row, name, listener).runAsync(ctx.executor());
  }

  private ClusterOps.GuestRow requireRunning(ClusterOps.GuestRow g, String what) {
    if (!"running".equals(ctx.ops().status(g.node(), g.vmid()))) {
      throw new InvalidRequestException(Reason.APP_STOPPED,
          name + " is stopped: start it to " + what);
    }
    return g;
  }

  @Override
  public String toString() {
    return "AppHandle[" + name + ", vmid=" + vmid + "]";
  }
}
