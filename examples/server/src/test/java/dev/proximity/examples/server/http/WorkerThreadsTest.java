package dev.proximity.examples.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WorkerThreadsTest {

  @Test
  void create_usesVirtualThreadsExactlyWhenTheRuntimeHasThem() throws Exception {
    ExecutorService executor = WorkerThreads.create("test", 2);
    try {
      Future<String> thread = executor.submit(() -> Thread.currentThread().toString());
      boolean expectVirtual = Runtime.version().feature() >= 21;
      assertThat(WorkerThreads.virtualThreadsAvailable()).isEqualTo(expectVirtual);
      if (expectVirtual) {
        assertThat(thread.get()).startsWith("VirtualThread");
      } else {
        assertThat(thread.get()).contains("test-");
      }
    } finally {
      executor.shutdownNow();
    }
  }
}
