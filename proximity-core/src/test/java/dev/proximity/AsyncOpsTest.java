package dev.proximity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.support.SimFixture;
import dev.proximity.testkit.FaultPlan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The async forms of the long app operations, their cancellation, and the undo of a failed
 * restore in place. Cancellation is made deterministic by cancelling from a progress listener
 * when a given step begins, on the operation's own thread, as a UI reacting to events would.
 */
class AsyncOpsTest {
  private static final String COMPOSE = "/opt/proximity/app/compose.yaml";

  private SimFixture f;
  private ExecutorService executor;
  private final List<ProgressEvent> global = new CopyOnWriteArrayList<>();
  private final List<String> listenerThreads = new CopyOnWriteArrayList<>();
  private App web;
  private AppHandle h;

  @BeforeEach
  void setUp() {
    AtomicInteger threads = new AtomicInteger();
    executor = Executors.newFixedThreadPool(4,
        r -> new Thread(r, "caller-executor-" + threads.incrementAndGet()));
    f = new SimFixture(b -> {}, p -> p.executor(executor).progressListener(e -> {
      global.add(e);
      listenerThreads.add(Thread.currentThread().getName());
    }));
    web = f.px.deploy("hello").named("web").onNode("pve2").start();
    h = f.px.app("web");
    global.clear();
    listenerThreads.clear();
  }

  @AfterEach
  void tearDown() {
    f.catalog.version = "1.0.0";
    f.shells.unhealthyWhenComposeContains = null;
    f.close();
    executor.shutdownNow();
  }

  private String file(int vmid, String path) {
    return new String(f.sim.guest(web.node(), vmid).orElseThrow().fs().read(path).orElseThrow()
        .content(), StandardCharsets.UTF_8);
  }

  private static <T> T join(CompletableFuture<T> future) {
    return future.orTimeout(120, TimeUnit.SECONDS).join();
  }

  private static void assertProgress(List<ProgressEvent> events, String operation) {
    assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.operation()).isEqualTo(operation));
    assertThat(events.get(events.size() - 1).step()).isEqualTo(DeployStep.DONE);
    assertThat(events.get(events.size() - 1).percent()).isEqualTo(100);
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).percent()).as("percent never goes backwards")
          .isGreaterThanOrEqualTo(events.get(i - 1).percent());
    }
  }

  private List<String> backupVolids() {
    return h.backups().stream().map(Backup::volid).toList();
  }

  /**
   * Starts an async operation with a listener that cancels its future when {@code step} begins,
   * and waits until its rollback has ended: the future is cancelled at once, the rollback runs on
   * and ends with a ROLLBACK event ("rolled back" or "rollback incomplete").
   */
  private <T> CancelledRun<T> cancelAt(DeployStep step,
      Function<ProgressListener, CompletableFuture<T>> start) throws InterruptedException {
    AtomicReference<CompletableFuture<T>> future = new AtomicReference<>();
    CountDownLatch submitted = new CountDownLatch(1);
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    ProgressListener listener = e -> {
      events.add(e);
      if (e.step() == DeployStep.ROLLBACK && !e.message().startsWith("rolling back")) {
        ended.countDown();
      }
      if (e.step() == step && future.get() == null) {
        await(submitted);
      }
      if (e.step() == step) {
        future.get().cancel(true);
      }
    };
    future.set(start.apply(listener));
    submitted.countDown();
    assertThat(ended.await(120, TimeUnit.SECONDS)).as("the rollback ended").isTrue();
    return new CancelledRun<>(future.get(), events);
  }

  private record CancelledRun<T>(CompletableFuture<T> future, List<ProgressEvent> events) {}

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void asyncOperations_succeed_andReportProgressToBothListeners() {
    List<ProgressEvent> backupEvents = new CopyOnWriteArrayList<>();
    Backup b = join(h.backupAsync("async", backupEvents::add));
    assertThat(b.notes()).isEqualTo("async");
    assertThat(backupVolids()).contains(b.volid());
    assertProgress(backupEvents, "backup");
    assertThat(backupEvents).extracting(ProgressEvent::step).contains(DeployStep.BACKUP);

    List<ProgressEvent> cloneEvents = new CopyOnWriteArrayList<>();
    App clone = join(h.cloneAsync("web-clone", cloneEvents::add));
    assertThat(clone.status()).isEqualTo(AppStatus.RUNNING);
    assertThat(clone.name()).isEqualTo("web-clone");
    assertProgress(cloneEvents, "clone");
    assertThat(cloneEvents).extracting(ProgressEvent::step).contains(DeployStep.CREATE,
        DeployStep.HEALTH);

    List<ProgressEvent> asEvents = new CopyOnWriteArrayList<>();
    App copy = join(h.restoreAsAsync(b.volid(), "web-copy", asEvents::add));
    assertThat(copy.vmid()).isNotEqualTo(web.vmid());
    assertThat(copy.status()).isEqualTo(AppStatus.RUNNING);
    assertProgress(asEvents, "restore");

    List<ProgressEvent> restoreEvents = new CopyOnWriteArrayList<>();
    App restored = join(h.restoreAsync(b.volid(), restoreEvents::add));
    assertThat(restored.vmid()).isEqualTo(web.vmid());
    assertThat(restored.status()).isEqualTo(AppStatus.RUNNING);
    assertProgress(restoreEvents, "restore");
    assertThat(restoreEvents).extracting(ProgressEvent::step).containsSubsequence(
        DeployStep.BACKUP, DeployStep.RESTORE, DeployStep.HEALTH, DeployStep.DONE);
    assertThat(backupVolids()).as("the safety backup is deleted after a success")
        .containsExactly(b.volid());

    f.catalog.version = "1.1.0";
    List<ProgressEvent> updateEvents = new CopyOnWriteArrayList<>();
    App updated = join(h.updateAsync(updateEvents::add));
    assertThat(updated.version()).isEqualTo("1.1.0");
    assertProgress(updateEvents, "update");

    assertThat(global).extracting(ProgressEvent::operation)
        .contains("backup", "clone", "restore", "update");
    assertThat(listenerThreads).as("async operations run on the configured executor")
        .isNotEmpty().allMatch(t -> t.startsWith("caller-executor-"));
    assertThat(f.sim.locks()).isEmpty();
  }

  @Test
  void cancelledClone_leavesNoContainerNoSnapshotAndFreesTheName() throws Exception {
    int before = f.sim.containers().size();
    CancelledRun<App> run = cancelAt(DeployStep.START, l -> h.cloneAsync("web-clone", l));
    assertThat(run.future().isCancelled()).isTrue();
    assertThatThrownBy(() -> run.future().join()).isInstanceOf(CancellationException.class);
    assertThat(run.events()).extracting(ProgressEvent::step)
        .doesNotContain(DeployStep.NETWORK, DeployStep.DONE)
        .contains(DeployStep.ROLLBACK);
    assertThat(run.events()).anyMatch(e -> e.message().equals("rolled back"));
    assertThat(f.sim.containers()).hasSize(before);
    assertThat(f.px.findApp("web-clone")).isEmpty();
    assertThat(f.sim.container(web.vmid()).orElseThrow().config().keySet())
        .noneMatch(k -> k.contains("proximity_clone_"));
    assertThat(f.sim.locks()).isEmpty();
    assertThat(h.clone("web-clone").name()).isEqualTo("web-clone");
  }

  @Test
  void cancelledRestoreAs_leavesNoContainer() throws Exception {
    Backup b = h.backup("for a copy");
    int before = f.sim.containers().size();
    CancelledRun<App> run = cancelAt(DeployStep.COMPOSE_UP,
        l -> h.restoreAsAsync(b.volid(), "web-copy", l));
    assertThat(run.future().isCancelled()).isTrue();
    assertThat(f.sim.containers()).hasSize(before);
    assertThat(f.px.findApp("web-copy")).isEmpty();
    assertThat(f.sim.locks()).isEmpty();
  }

  @Test
  void cancelledBackup_leavesNoNewBackup() throws Exception {
    List<String> before = backupVolids();
    CancelledRun<Backup> run = cancelAt(DeployStep.BACKUP, l -> h.backupAsync("never", l));
    assertThat(run.future().isCancelled()).isTrue();
    assertThat(backupVolids()).isEqualTo(before);
    assertThat(f.sim.locks()).isEmpty();
  }

  @Test
  void cancelledRestoreInPlace_putsTheAppBackAsItWas() throws Exception {
    Backup old = h.backup("version one");
    f.catalog.version = "1.1.0";
    h.update(null);
    String compose = file(web.vmid(), COMPOSE);
    assertThat(compose).contains("nginx:1.27.1.1.0");
    List<String> backups = backupVolids();

    CancelledRun<App> run = cancelAt(DeployStep.HEALTH, l -> h.restoreAsync(old.volid(), l));
    assertThat(run.future().isCancelled()).isTrue();
    assertThat(run.events()).extracting(ProgressEvent::operation).contains("restore-undo");
    App after = h.info();
    assertThat(after.status()).isEqualTo(AppStatus.RUNNING);
    assertThat(after.version()).isEqualTo("1.1.0");
    assertThat(file(web.vmid(), COMPOSE)).isEqualTo(compose);
    assertThat(backupVolids()).as("no safety backup left").isEqualTo(backups);
    assertThat(f.sim.locks()).isEmpty();
  }

  @Test
  void cancelledUpdate_restoresThePreviousVersion() throws Exception {
    String compose = file(web.vmid(), COMPOSE);
    f.catalog.version = "1.1.0";
    CancelledRun<App> run = cancelAt(DeployStep.HEALTH, l -> h.updateAsync(l));
    assertThat(run.future().isCancelled()).isTrue();
    App after = h.info();
    assertThat(after.status()).isEqualTo(AppStatus.RUNNING);
    assertThat(after.version()).isEqualTo("1.0.0");
    assertThat(file(web.vmid(), COMPOSE)).isEqualTo(compose);
    assertThat(f.sim.locks()).isEmpty();
  }

  @Test
  void restoreInPlace_whoseTaskFails_returnsTheAppToItsPreviousState() {
    Backup b = h.backup("good");
    String compose = file(web.vmid(), COMPOSE);
    List<String> backups = backupVolids();
    f.sim.faults(FaultPlan.builder().failNextTasks("POST /nodes/{node}/lxc", 1).build());
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    assertThatThrownBy(() -> join(h.restoreAsync(b.volid(), events::add)))
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(DeployException.class, e -> {
          assertThat(e.operation()).isEqualTo("restore");
          assertThat(e.step()).isEqualTo(DeployStep.RESTORE);
          assertThat(e.rolledBack()).isTrue();
          assertThat(e.safetyBackup()).isEmpty();
          assertThat(e.getMessage()).contains("'web'", "returned to its previous state",
              "simulated failure");
        });
    App after = h.info();
    assertThat(after.vmid()).isEqualTo(web.vmid());
    assertThat(after.status()).isEqualTo(AppStatus.RUNNING);
    assertThat(file(web.vmid(), COMPOSE)).isEqualTo(compose);
    assertThat(h.services()).allSatisfy(s -> assertThat(s.health()).isEqualTo("healthy"));
    assertThat(backupVolids()).isEqualTo(backups);
    assertThat(f.sim.locks()).isEmpty();
  }

  @Test
  void restoreInPlace_thatNeverBecomesHealthy_returnsTheAppToItsPreviousState() {
    Backup old = h.backup("version one");
    f.catalog.version = "1.1.0";
    h.update(null);
    String compose = file(web.vmid(), COMPOSE);
    List<String> backups = backupVolids();
    f.shells.unhealthyWhenComposeContains = "nginx:1.27.1.0.0";
    assertThatThrownBy(() -> h.restore(old.volid()))
        .isInstanceOfSatisfying(DeployException.class, e -> {
          assertThat(e.step()).isEqualTo(DeployStep.HEALTH);
          assertThat(e.rolledBack()).isTrue();
          assertThat(e.getMessage()).contains("returned to its previous state");
        });
    App after = h.info();
    assertThat(after.status()).isEqualTo(AppStatus.RUNNING);
    assertThat(after.version()).isEqualTo("1.1.0");
    assertThat(file(web.vmid(), COMPOSE)).isEqualTo(compose);
    assertThat(backupVolids()).isEqualTo(backups);
    assertThat(f.sim.locks()).isEmpty();
  }

  @Test
  void restoreInPlace_whoseUndoFailsToo_keepsAndNamesTheSafetyBackup() {
    Backup b = h.backup("good");
    List<String> backups = backupVolids();
    f.sim.faults(FaultPlan.builder().failNextTasks("POST /nodes/{node}/lxc", 2).build());
    assertThatThrownBy(() -> h.restore(b.volid()))
        .isInstanceOfSatisfying(DeployException.class, e -> {
          assertThat(e.rolledBack()).isFalse();
          assertThat(e.safetyBackup()).isPresent();
          String safety = e.safetyBackup().orElseThrow();
          assertThat(backups).doesNotContain(safety);
          assertThat(e.getMessage()).contains(safety, "pct restore " + web.vmid());
          assertThat(e.getSuppressed()).anyMatch(s -> s.getMessage().contains(safety));
          assertThat(f.px.pve().node(web.node()).storage("local").content("backup", web.vmid()))
              .anySatisfy(c -> {
                assertThat(c.volid()).isEqualTo(safety);
                assertThat(c.notes()).contains("pre-restore safety backup of web");
              });
        });
    assertThat(f.sim.locks()).isEmpty();
  }
}
