package dev.proximity.ssh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream completely while keeping at most {@code cap} bytes: the head (for
 * standard output) or the tail (for standard error, where the error message usually is). Bytes
 * beyond the cap are counted, not kept, so the remote side never blocks on a full window.
 * Written by one thread, read after it finished.
 */
final class OutputCapture {
  private final int cap;
  private final boolean keepTail;
  private byte[] buffer;
  private int size;
  private int tailStart;
  private long total;

  OutputCapture(int cap, boolean keepTail) {
    this.cap = cap;
    this.keepTail = keepTail;
    this.buffer = new byte[Math.min(cap, 64 * 1024)];
  }

  void drain(InputStream in) throws IOException {
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk)) != -1) {
      add(chunk, n);
    }
  }

  synchronized void add(byte[] chunk, int n) {
    total += n;
    for (int i = 0; i < n; i++) {
      if (size < cap) {
        ensure(size + 1);
        buffer[size++] = chunk[i];
      } else if (keepTail) {
        buffer[tailStart] = chunk[i];
        tailStart = (tailStart + 1) % cap;
      } else {
        return;
      }
    }
  }

  private void ensure(int needed) {
    if (needed > buffer.length) {
      byte[] bigger = new byte[(int) Math.min(cap, Math.max(needed, (long) buffer.length * 2))];
      System.arraycopy(buffer, 0, bigger, 0, size);
      buffer = bigger;
    }
  }

  synchronized boolean truncated() {
    return total > cap;
  }

  synchronized long total() {
    return total;
  }

  synchronized String text() {
    if (!keepTail || tailStart == 0) {
      return new String(buffer, 0, size, StandardCharsets.UTF_8);
    }
    byte[] ordered = new byte[size];
    System.arraycopy(buffer, tailStart, ordered, 0, size - tailStart);
    System.arraycopy(buffer, 0, ordered, size - tailStart, tailStart);
    return new String(ordered, StandardCharsets.UTF_8);
  }

  /**
   * Returns the last {@code max} characters of the kept text, for error messages.
   *
   * @param max the most characters to return
   * @return the tail
   */
  String tail(int max) {
    String text = text();
    return text.length() <= max ? text : text.substring(text.length() - max);
  }
}
