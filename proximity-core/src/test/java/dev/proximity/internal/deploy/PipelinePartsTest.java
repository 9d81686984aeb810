package dev.proximity.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.AppManifest;
import dev.proximity.InvalidRequestException;
import dev.proximity.ServiceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PipelinePartsTest {

  @Test
  void names_acceptRfc1123Labels_refuseOthers() {
    assertThat(Names.isValid("web")).isTrue();
    assertThat(Names.isValid("a")).isTrue();
    assertThat(Names.isValid("my-app-2")).isTrue();
    assertThat(Names.isValid("a".repeat(63))).isTrue();
    for (String bad : new String[] {"", "-web", "web-", "Web", "web_1", "a".repeat(64), "we b",
        "web.local", "ü"}) {
      assertThat(Names.isValid(bad)).as(bad).isFalse();
    }
    assertThatThrownBy(() -> Names.requireValid("Bad_Name"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("RFC 1123")
        .extracting(e -> ((InvalidRequestException) e).reason())
        .isEqualTo(InvalidRequestException.Reason.INVALID_NAME);
  }

  @Test
  void manifest_roundTripsThroughTheDescription_withoutSecrets() {
    AppManifest m = new AppManifest("nginx", "1.2.3", Map.of("PORT", "8080"), "ab12",
        Instant.parse("2026-01-02T03:04:05Z"), Optional.of("alice"));
    String json = Manifests.toJson(m, "op-1");
    assertThat(json).contains("\"proximity\":1").contains("\"operation\":\"op-1\"");
    assertThat(Manifests.parse("edited in the GUI\n" + json + "\n")).contains(m);
    assertThat(Manifests.parse("just notes")).isEmpty();
    assertThat(Manifests.parse("{\"other\":1}")).isEmpty();
    assertThat(Manifests.parse(null)).isEmpty();
    assertThat(Manifests.sha256("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void secrets_roundTrip_andUnreadableContentGivesNothing() {
    byte[] json = Secrets.encode(Map.of("DB_PASSWORD", "s3cr\"et"));
    assertThat(Secrets.decode(new String(json, java.nio.charset.StandardCharsets.UTF_8)))
        .containsEntry("DB_PASSWORD", "s3cr\"et");
    assertThat(Secrets.decode("not json s3cret")).isEmpty();
    assertThat(Secrets.decode("")).isEmpty();
  }

  @Test
  void composeStatus_parsesLinesAndArrays_andJudgesHealth() {
    String lines = "{\"Service\":\"web\",\"State\":\"running\",\"Health\":\"\"}\n"
        + "{\"Service\":\"db\",\"State\":\"running\",\"Health\":\"starting\"}\n";
    List<ServiceStatus> s = ComposeStatus.parse(lines);
    assertThat(s).extracting(ServiceStatus::service).containsExactly("db", "web");
    assertThat(ComposeStatus.healthy(s)).isFalse();
    assertThat(ComposeStatus.failed(s)).isFalse();
    assertThat(ComposeStatus.describeUnhealthy(s)).isEqualTo("db: running/starting");

    List<ServiceStatus> arr = ComposeStatus.parse(
        "[{\"Service\":\"db\",\"State\":\"running\",\"Health\":\"healthy\"}]");
    assertThat(ComposeStatus.healthy(arr)).isTrue();
    assertThat(ComposeStatus.healthy(ComposeStatus.parse("warning: x\n"))).isFalse();
    assertThat(ComposeStatus.failed(ComposeStatus.parse(
        "{\"Service\":\"db\",\"State\":\"exited\"}"))).isTrue();
  }

  @Test
  void dockerFailures_recogniseTheRuncAppArmorRegression() {
    String out = "Error response from daemon: failed to create task for container: OCI runtime"
        + " create failed: runc create failed: unable to start container process: error during"
        + " container init: open sysctl net.ipv4.ip_unprivileged_port_start file: reopen fd 8:"
        + " permission denied: unknown";
    assertThat(DockerFailures.hintFor(out)).get().asString()
        .contains("AppArmor").contains("Update the Proxmox host");
    assertThat(DockerFailures.hintFor("pull access denied")).isEmpty();
    assertThat(DockerFailures.hintFor(null)).isEmpty();
  }

  @Test
  void contract_argvMatchesDocsContainerContract() {
    assertThat(ContainerContract.UP).containsExactly("docker", "compose", "--project-directory",
        "/opt/proximity/app", "-f", "/opt/proximity/app/compose.yaml", "up", "-d",
        "--remove-orphans");
    assertThat(ContainerContract.PS).endsWith("ps", "--all", "--format", "json");
    assertThat(ContainerContract.logs(50, true)).endsWith("logs", "--no-color", "--timestamps",
        "--tail", "50", "--follow");
    assertThat(AppSteps.installScript()).isNotEmpty();
    assertThat(new String(AppSteps.installScript(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("#!/bin/sh").contains("docker-compose-plugin");
  }

  @Test
  void singleFlight_runsOnceForConcurrentCallers() throws Exception {
    SingleFlight<String, String> flight = new SingleFlight<>();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Future<String> first = pool.submit(() -> flight.run("pve1", () -> {
        runs.incrementAndGet();
        inside.countDown();
        await(release);
        return "done";
      }));
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<String>> others = new java.util.ArrayList<>();
      for (int i = 0; i < 7; i++) {
        others.add(pool.submit(() -> flight.run("pve1", () -> {
          runs.incrementAndGet();
          return "again";
        })));
      }
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("done");
      for (Future<String> f : others) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isIn("done", "again");
      }
      assertThat(runs.get()).isLessThanOrEqualTo(8);
      assertThat(flight.run("pve2", () -> "other")).isEqualTo("other");
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
