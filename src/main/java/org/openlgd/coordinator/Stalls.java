package org.openlgd.coordinator;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * How long a federated-averaging round waits for a server before it counts as stalled: {@code factor} times the
 * slowest of its last {@link #WINDOW} answers in this run, at least {@link #FLOOR_MS}, at most the call timeout. Until
 * a server has answered {@link #MIN_ANSWERS} times (the first rounds, when the JVMs are still warming up) it gets the
 * whole call timeout. A frozen server is then given up on within about a second, once, instead of after the full
 * {@code --timeout}; a server that is slow by nature (more rows) is measured against its own pace, not the others'.
 * Keyed by any object (the server's client); safe to call from several threads.
 */
final class Stalls {
  static final int WINDOW = 20;
  static final int MIN_ANSWERS = 3;
  static final long FLOOR_MS = 1_000;

  private final int factor;
  private final Map<Object, Deque<Long>> recent = new HashMap<>();

  /** @param factor multiple of a server's slowest recent answer; 0 waits the whole call timeout always */
  Stalls(int factor) {
    this.factor = factor;
  }

  synchronized void answered(Object server, long ms) {
    Deque<Long> q = recent.computeIfAbsent(server, k -> new ArrayDeque<>());
    q.addLast(ms);
    if (q.size() > WINDOW) {
      q.removeFirst();
    }
  }

  /** The bound on the next call to {@code server}, given the call timeout {@code timeoutMs}. */
  synchronized long bound(Object server, long timeoutMs) {
    Deque<Long> q = recent.get(server);
    if (factor == 0 || q == null || q.size() < MIN_ANSWERS) {
      return timeoutMs;
    }
    long slowest = Collections.max(q);
    return Math.min(timeoutMs, Math.max(FLOOR_MS, slowest * factor));
  }
}
