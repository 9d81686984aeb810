package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.testkit.FaultPlan;
import dev.proximity.testkit.TaskInfo;
import org.junit.jupiter.api.Test;

class TaskTest extends SimTestBase {
  @Test
  void log_pagesWithStartLimitAndTotal() {
    startSim();
    createOk(101);
    String upid = api.post("/nodes/pve/vzdump", "vmid", "101", "storage", "local", "compress", "zstd").data().asText();
    assertThat(api.await(upid)).isEqualTo("OK");
    SimClient.Resp all = api.get("/nodes/pve/tasks/" + upid + "/log", "limit", "0");
    int total = all.body().get("total").asInt();
    assertThat(all.data()).hasSize(total);
    assertThat(all.data().get(0).get("n").asInt()).isEqualTo(1);
    assertThat(all.data().get(total - 1).get("t").asText()).isEqualTo("TASK OK");
    SimClient.Resp page = api.get("/nodes/pve/tasks/" + upid + "/log", "start", "2", "limit", "2");
    assertThat(page.data()).hasSize(2);
    assertThat(page.data().get(0).get("n").asInt()).isEqualTo(3);
    assertThat(page.body().get("total").asInt()).isEqualTo(total);
    assertThat(api.get("/nodes/pve/tasks/" + upid + "/log").data().size()).isEqualTo(Math.min(50, total));
  }

  @Test
  void status_runningThenStopped_withUpidFields() {
    startSim();
    sim.faults(FaultPlan.builder().hangingTasks(1.0).build());
    String upid = create(101).data().asText();
    JsonNode running = api.get("/nodes/pve/tasks/" + upid + "/status").data();
    assertThat(running.get("status").asText()).isEqualTo("running");
    assertThat(running.has("exitstatus")).isFalse();
    String[] f = upid.split(":");
    assertThat(running.get("pid").asLong()).isEqualTo(Long.parseLong(f[2], 16));
    assertThat(running.get("starttime").asLong()).isEqualTo(Long.parseLong(f[4], 16));
    assertThat(running.get("type").asText()).isEqualTo("vzcreate");
    assertThat(running.get("id").asText()).isEqualTo("101");
    assertThat(sim.activeTaskCount()).isEqualTo(1);
    assertThat(api.get("/nodes/pve/tasks", "source", "active").data()).hasSize(1);
    assertThat(api.get("/nodes/pve/tasks").data()).isEmpty();

    assertThat(api.delete("/nodes/pve/tasks/" + upid).status()).isEqualTo(200);
    JsonNode stopped = api.get("/nodes/pve/tasks/" + upid + "/status").data();
    assertThat(stopped.get("status").asText()).isEqualTo("stopped");
    assertThat(stopped.get("exitstatus").asText()).isEqualTo("interrupted by signal");
    assertThat(sim.activeTaskCount()).isZero();
    JsonNode list = api.get("/nodes/pve/tasks", "typefilter", "vzcreate").data();
    assertThat(list.get(0).get("status").asText()).isEqualTo("interrupted by signal");
    assertThat(list.get(0).has("endtime")).isTrue();
    assertThat(api.get("/nodes/pve/tasks", "statusfilter", "error").data()).hasSize(1);
    assertThat(api.get("/nodes/pve/tasks", "statusfilter", "ok").data()).isEmpty();
    assertThat(api.get("/cluster/tasks").data()).hasSize(1);
  }

  @Test
  void failingTask_endsWithTaskErrorAndRollsBackTheCreate() {
    startSim();
    sim.faults(FaultPlan.builder().endpoint("POST /nodes/{node}/lxc", e -> e.taskFailures(1.0)).build());
    String upid = create(101).data().asText();
    assertThat(api.await(upid)).isEqualTo("simulated failure (fault injection)");
    TaskInfo t = sim.tasks().get(0);
    assertThat(t.log().get(t.log().size() - 1)).isEqualTo("TASK ERROR: simulated failure (fault injection)");
    assertThat(sim.containers()).isEmpty();
    assertThat(sim.locks()).isEmpty();
  }

  @Test
  void unknownOrMalformedUpid_is400() {
    startSim();
    SimClient.Resp bad = api.get("/nodes/pve/tasks/UPID:garbage/status");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("errors").get("upid").asText()).startsWith("unable to parse worker upid");
    SimClient.Resp unknown = api.get("/nodes/pve/tasks/UPID:pve:0000AAAA:0000BBBB:6A000000:vzstart:100:root@pam:/status");
    assertThat(unknown.status()).isEqualTo(400);
  }

  @Test
  void warningsFault_endsWarningsAndStillSucceeds() {
    startSim();
    sim.faults(FaultPlan.builder().taskWarnings(1.0).build());
    String upid = create(101).data().asText();
    assertThat(api.await(upid)).isEqualTo("WARNINGS: 1");
    TaskInfo t = sim.tasks().get(0);
    assertThat(t.log()).contains("WARN: simulated warning (fault injection)");
    assertThat(t.log().get(t.log().size() - 1)).isEqualTo("TASK WARNINGS: 1");
    assertThat(sim.container(101)).isPresent();
    assertThat(api.get("/nodes/pve/tasks", "statusfilter", "warning").data()).hasSize(1);
  }

  @Test
  void taskDuration_perWorkerType() {
    startSim(builder().taskDuration("vzcreate", java.time.Duration.ofDays(30)));
    String upid = create(101).data().asText();
    assertThat(api.get("/nodes/pve/tasks/" + upid + "/status").data().get("status").asText()).isEqualTo("running");
    assertThat(api.delete("/nodes/pve/tasks/" + upid).status()).isEqualTo(200);
    assertThat(api.await(upid)).isEqualTo("interrupted by signal");
  }

  @Test
  void taskEndedAt_isTheSimulatorClockAtTheEnd_emptyWhileRunning() {
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-03-01T10:00:00.123456Z"));
    startSim(builder().clock(clock).taskDuration("vzcreate", java.time.Duration.ofDays(30)));
    String upid = create(101).data().asText();
    assertThat(sim.taskEndedAt(upid)).isEmpty();
    clock.advance(java.time.Duration.ofMillis(1500));

    assertThat(api.delete("/nodes/pve/tasks/" + upid).status()).isEqualTo(200);

    assertThat(sim.taskEndedAt(upid)).contains(java.time.Instant.parse("2026-03-01T10:00:01.623456Z"));
    assertThat(sim.taskEndedAt("UPID:pve:00000001:00000001:00000001:vzcreate:1:root@pam:")).isEmpty();
  }

  @Test
  void jsonBody_isAcceptedWithJsonBooleans() {
    startSim();
    createOk(101);
    SimClient.Resp r = api.sendJson("POST", "/nodes/pve/lxc/101/status/start", "{\"debug\":true}");
    assertThat(r.status()).as(r.message()).isEqualTo(200);
    assertThat(api.await(r.data().asText())).isEqualTo("OK");
    // await() polls the status any number of times, so find the start request itself
    assertThat(sim.requests()).filteredOn(q -> q.method().equals("POST") && q.path().endsWith("/status/start"))
        .singleElement().satisfies(q -> assertThat(q.contentType()).startsWith("application/json"));
  }
}
