package org.openlgd.api;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter for retries of transient failures. */
public final class Backoff {
  private Backoff() {
  }

  /**
   * The delay before retry number {@code attempt + 1}: {@code base * 2^attempt}, capped at {@code capMs}, of which
   * the second half is random ("equal jitter"), so that clients that failed together do not retry together.
   */
  public static long delayMs(long baseMs, int attempt, long capMs) {
    long b = Math.min(capMs, baseMs << Math.min(attempt, 30));
    long half = Math.max(1, b / 2);
    return half + ThreadLocalRandom.current().nextLong(half + 1);
  }
}
