package dev.proximity.scheduler;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** An executor that queues tasks until the test runs them, to hold a job "in progress". */
final class ManualExecutor implements Executor {
  private final Deque<Runnable> queue = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable command) {
    queue.add(command);
  }

  synchronized int queued() {
    return queue.size();
  }

  void runAll() {
    while (true) {
      Runnable r;
      synchronized (this) {
        r = queue.poll();
      }
      if (r == null) {
        return;
      }
      r.run();
    }
  }

  synchronized void drop() {
    queue.clear();
  }
}
