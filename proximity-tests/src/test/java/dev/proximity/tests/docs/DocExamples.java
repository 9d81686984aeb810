package dev.proximity.tests.docs;

import dev.proximity.App;
import dev.proximity.AppHandle;
import dev.proximity.AppSummary;
import dev.proximity.Backup;
import dev.proximity.DeleteOption;
import dev.proximity.DeployException;
import dev.proximity.DeployPlan;
import dev.proximity.GoldenTemplate;
import dev.proximity.InvalidRequestException;
import dev.proximity.MetricSample;
import dev.proximity.Proximity;
import dev.proximity.Resources;
import dev.proximity.command.SafeCommand;
import dev.proximity.command.SafeCommandResult;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.pve.model.PermissionReport;
import dev.proximity.ssh.HostKeyVerification;
import dev.proximity.ssh.SshAuth;
import dev.proximity.ssh.SshHostShells;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The examples quoted by docs/getting-started.md and docs/api-guide.md. Each region between
 * {@code // region:NAME} and {@code // endregion} appears verbatim in the docs (DocsTest checks
 * it), and DocExamplesTest runs every example against the simulators.
 */
public final class DocExamples {
  private DocExamples() {}

  /** Connects to a cluster with one node reachable over SSH. */
  public static Proximity connect(URI endpoint, String tokenSecret, String pveFingerprint,
      String sshHost, int sshPort, String sshFingerprint, char[] sshPassword) {
    // region:connect
    SshHostShells shells = SshHostShells.builder()
        .node("pve1", sshHost, sshPort)                    // one line per cluster node
        .user("root")
        .auth(SshAuth.password(sshPassword))               // or SshAuth.privateKey(path)
        .hostKeys(HostKeyVerification.pinnedSha256(sshFingerprint))
        .build();
    Proximity px = Proximity.builder()
        .endpoint(endpoint)                                // https://pve1.example:8006
        .credentials(PveCredentials.apiToken("root@pam!proximity", tokenSecret))
        .trust(TlsTrust.pinnedSha256(pveFingerprint))      // the node's certificate
        .hostShell(shells)                                 // you close shells yourself
        .build();                                          // catalog: found on the class path
    // endregion
    return px;
  }

  /** Deploys nginx with progress output. */
  public static App deploy(Proximity px) {
    // region:deploy
    App web = px.deploy("nginx")
        .named("web")
        .withResources(r -> r.cores(2).memoryMb(1024).diskGb(8))
        .onProgress(e -> System.out.printf("%3d%% %-14s %s%n",
            e.percent(), e.step().label(), e.message()))
        .start();
    System.out.println(web.name() + " runs on " + web.node() + " at " + web.urls());
    // endregion
    return web;
  }

  /** Lists apps and acts on one. */
  public static void manage(Proximity px) {
    // region:manage
    for (AppSummary app : px.apps()) {                     // one request, however many apps
      System.out.printf("%-12s %-8s %-6s %s %s%n", app.name(), app.status(), app.node(),
          app.catalogId(), app.version());
    }
    AppHandle web = px.app("web");                         // by name or vmid
    System.out.println(web.info().urls());                 // address, URLs, full manifest
    web.logs(20).forEach(System.out::println);
    Backup backup = web.backup("before my changes");
    web.restart();
    // endregion
    if (!web.backups().contains(backup)) {
      throw new IllegalStateException("backup not listed");
    }
  }

  /** Plans, deploys asynchronously and handles errors. */
  public static Optional<App> planAndDeployAsync(Proximity px) {
    // region:plan
    DeployPlan plan = px.deploy("uptime-kuma").withResources(Resources.of(1, 512, 8)).plan();
    System.out.println("would create " + plan.name() + " on " + plan.node()
        + " from " + plan.template() + " (" + plan.templateAction() + ")");
    // endregion
    // region:async
    CompletableFuture<App> future = px.deploy("uptime-kuma")
        .named("status")
        .withTimeout(Duration.ofMinutes(10))
        .ownedBy("alice")                                  // recorded in the app's manifest
        .startAsync();
    // future.cancel(true) would stop at the next step and roll back
    App status = future.join();
    // endregion
    // region:errors
    try {
      px.deploy("nginx").named("Not A Hostname").start();
    } catch (InvalidRequestException e) {                  // nothing was changed
      System.out.println(e.reason() + ": " + e.getMessage());
    } catch (DeployException e) {                          // rolled back unless keepOnFailure()
      System.out.println("failed at " + e.step().label() + ", rolled back: " + e.rolledBack());
      e.hint().ifPresent(h -> System.out.println("hint: " + h));
      e.remoteLogTail().forEach(System.out::println);
    }
    // endregion
    return Optional.of(status);
  }

  /** The lifecycle operations of one app. */
  public static void lifecycle(Proximity px) {
    // region:lifecycle
    AppHandle app = px.app("status");
    app.stop();
    app.start();
    app.shutdown(Duration.ofSeconds(30));
    app.start();
    SafeCommandResult disk = app.run(SafeCommand.parse("disk", Map.of()));
    System.out.println(disk.output());
    List<MetricSample> hour = app.metrics(MetricSample.Timeframe.HOUR);
    App resized = app.resize(r -> r.memoryMb(1024).diskGb(12));   // disks only grow
    Backup b = app.backup("nightly");
    App copy = app.restoreAs(b.volid(), "status-copy");
    App clone = app.clone("status-clone");       // fresh values only where the entry says so
    app.availableUpdate().ifPresent(v -> app.update(e -> System.out.println(e.message())));
    px.app("status-copy").delete(DeleteOption.FORCE, DeleteOption.WITH_BACKUPS);
    // endregion
    System.out.println(hour.size() + " " + resized.name() + " " + copy.name() + " "
        + clone.name());
  }

  /** The async, cancellable forms of the long operations, and restore in place. */
  public static void lifecycleAsync(Proximity px) {
    // region:async-ops
    AppHandle app = px.app("status");
    CompletableFuture<App> cloning = app.cloneAsync("status-trial", e ->
        System.out.println(e.step().label() + " " + e.percent() + "% " + e.message()));
    // cloning.cancel(true) would stop at the next step and remove the clone
    App trial = cloning.join();
    CompletableFuture<Backup> backingUp = app.backupAsync("before the trial", null);
    Backup before = backingUp.join();
    // endregion
    // region:restore-safety
    try {
      App restored = app.restore(before.volid());        // takes a safety backup first
      System.out.println(restored.name() + " runs the backup of " + before.createdAt());
    } catch (DeployException e) {
      if (e.rolledBack()) {                              // the app runs as it did before
        System.out.println("not restored: " + e.getMessage());
      } else {                                           // could not be put back: by hand
        e.safetyBackup().ifPresent(v -> System.out.println("restore " + v + " by hand"));
      }
    }
    // endregion
    px.app(trial.name()).delete(DeleteOption.FORCE);
  }

  /** Golden templates and the privilege check. */
  public static void operations(Proximity px) {
    // region:golden
    GoldenTemplate golden = px.templates().prepareGolden("pve1");
    // later deploys on pve1 clone it: no Docker install, much faster
    // endregion
    // region:privileges
    PermissionReport report = px.checkPrivileges();
    if (!report.allGranted()) {
      System.out.println(report.summary());               // which privilege, on which path, why
    }
    // endregion
    System.out.println(golden);
  }
}
