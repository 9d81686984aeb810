package dev.proximity.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.internal.http.TaskPollSchedule;
import dev.proximity.pve.PveClient;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.pve.model.Features;
import dev.proximity.pve.model.LxcCreateRequest;
import dev.proximity.pve.model.Net;
import dev.proximity.pve.model.RootFs;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import dev.proximity.testkit.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Linked clones of one template queued in the SDK, against the simulator: each starts as soon as
 * the previous clone's prompt wait has seen it end, within a bounded number of status requests.
 */
class ClonePromptWaitTest {
  private static final String TOKEN = "root@pam!sdk";
  private static final String SECRET = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
  private static final Duration WAIT = Duration.ofMinutes(1);
  private static final int TEMPLATE = 9000;

  private PveSimulator sim;
  private PveClient pve;
  private PveClusterOps ops;

  @BeforeEach
  void setUp() {
    // a linked clone takes 2 simulated seconds: 100 ms here, long enough for several prompt polls
    sim = PveSimulator.builder().token(TOKEN, SECRET, false).timeScale(0.05)
        .taskDuration("vzcreate", Duration.ZERO).start();
    pve = PveClient.builder().endpoint(sim.baseUri()).credentials(PveCredentials.apiToken(TOKEN, SECRET))
        .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint())).build();
    ops = new PveClusterOps(pve, true);
    pve.node("pve").createLxc(LxcCreateRequest.builder().vmid(TEMPLATE)
        .ostemplate("local:vztmpl/" + PveSimulatorBuilder.DEFAULT_TEMPLATE).hostname("golden")
        .rootfs(RootFs.allocate("local-lvm", 4)).net(0, Net.dhcp("vmbr0"))
        .features(Features.nestingOnly()).memoryMiB(512).cores(1).build()).await(WAIT);
    ops.convertToTemplate("pve", TEMPLATE, WAIT);
  }

  @AfterEach
  void tearDown() {
    pve.close();
    sim.close();
  }

  /** Clones the template into each vmid at once, queued as deploys queue on a golden template. */
  private void cloneQueued(SerialQueue<Integer> queue, int... vmids) {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int vmid : vmids) {
      all.add(CompletableFuture.runAsync(() -> queue.run(TEMPLATE, WAIT, "golden template " + TEMPLATE,
          () -> ops.cloneContainer("pve", TEMPLATE, vmid, "app" + vmid, false, null, null, null, WAIT))));
    }
    all.forEach(CompletableFuture::join);
  }

  private static boolean isClone(RecordedRequest r) {
    return r.method().equals("POST") && r.path().endsWith("/lxc/" + TEMPLATE + "/clone");
  }

  private static boolean isStatus(RecordedRequest r) {
    return r.method().equals("GET") && r.path().contains("/tasks/") && r.path().endsWith("/status");
  }

  @Test
  void queuedLinkedClones_eachStartRightAfterThePreviousEndIsSeen_withBoundedStatusRequests() {
    SerialQueue<Integer> queue = new SerialQueue<>();
    cloneQueued(queue, 200);  // the client learns how long a linked clone takes here
    sim.clearRequests();

    cloneQueued(queue, 201, 202, 203, 204);

    // the template's requests, in arrival order: a clone, its status polls, the next clone, ...
    List<RecordedRequest> log = sim.requests().stream().filter(r -> isClone(r) || isStatus(r)).toList();
    List<Integer> clonesAt = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      if (isClone(log.get(i))) {
        clonesAt.add(i);
      }
    }
    // one clone request each: the queue hands the template over, nothing collides on its lock
    assertThat(clonesAt).hasSize(4);
    clonesAt.add(log.size());
    for (int c = 0; c < 4; c++) {
      List<RecordedRequest> polls = log.subList(clonesAt.get(c) + 1, clonesAt.get(c + 1));
      // every request until the next clone polls this clone's one task: the next clone is sent
      // as soon as the answer that saw this one stopped arrives
      assertThat(polls).isNotEmpty().allMatch(ClonePromptWaitTest::isStatus);
      assertThat(polls).extracting(RecordedRequest::path).containsOnly(polls.get(0).path());
      // a learned kind's prompt wait: its grid of short steps around the learned end, bounded
      assertThat(polls).hasSizeLessThanOrEqualTo(2 * TaskPollSchedule.PROMPT_STEPS + 2);
    }
    assertThat(sim.locks()).isEmpty();
    assertThat(List.of(201, 202, 203, 204)).allSatisfy(id -> assertThat(sim.container(id)).isPresent());
  }
}
