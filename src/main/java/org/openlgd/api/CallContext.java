package org.openlgd.api;


/**
 * What one call to a model server belongs to and how long it may take.
 *
 * @param tag       the run and round; sent with the request, and the reply must echo it
 * @param timeoutMs bound on this attempt (the per-call timeout, cut to what is left of the round's deadline)
 */
public record CallContext(RoundTag tag, long timeoutMs) {
  /** A call outside any run (liveness checks, tools). */
  public static CallContext untagged(long timeoutMs) {
    return new CallContext(RoundTag.NONE, timeoutMs);
  }
}
