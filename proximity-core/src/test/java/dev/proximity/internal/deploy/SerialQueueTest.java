package dev.proximity.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.OperationTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SerialQueueTest {
  private final SerialQueue<String> queue = new SerialQueue<>();

  /** Holds the key's turn on another thread until released. */
  private CompletableFuture<Void> holdTurn(String key, CountDownLatch holding,
      CountDownLatch release) {
    return CompletableFuture.runAsync(() -> queue.run(key, Duration.ofMinutes(1), key, () -> {
      holding.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
  }

  @Test
  void run_whileAnEarlierActionOfTheKeyRuns_waitsAndTimesOutNamingTheTemplate() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> first = holdTurn("pve1/900", holding, release);
    holding.await();
    List<String> ran = new ArrayList<>();
    assertThatThrownBy(() -> queue.run("pve1/900", Duration.ofMillis(1),
        "golden template 900 on pve1", () -> ran.add("second")))
        .isInstanceOf(OperationTimeoutException.class)
        .hasMessageContaining("earlier clones of golden template 900 on pve1");
    assertThat(ran).isEmpty();
    queue.run("pve2/901", Duration.ofMillis(1), "other", () -> ran.add("other key"));
    assertThat(ran).containsExactly("other key");
    release.countDown();
    first.join();
    queue.run("pve1/900", Duration.ofMillis(1), "after", () -> ran.add("after"));
    assertThat(ran).containsExactly("other key", "after");
  }

  @Test
  void run_interruptedWhileQueued_isACancellation() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> first = holdTurn("k", holding, release);
    holding.await();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> queue.run("k", Duration.ofMinutes(1), "k", () -> { }))
          .isInstanceOf(CancellationException.class);
      assertThat(Thread.interrupted()).isTrue();
    } finally {
      release.countDown();
      first.join();
    }
  }
}
