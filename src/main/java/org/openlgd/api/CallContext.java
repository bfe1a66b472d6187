package org.openlgd.api;

import io.vertx.core.json.JsonObject;
import org.openlgd.secure.SecureRound;

/**
 * What one call to a model server belongs to and how long it may take.
 *
 * @param tag       the run and round; sent with the request, and the reply must echo it
 * @param timeoutMs bound on this attempt (the per-call timeout, cut to what is left of the round's deadline)
 * @param secure    the participant set of a secure round (the server answers with a masked share), or null
 * @param design    the run's design (formula and levels, see {@link DesignCodec}) sent with every estimate, or null
 *                  when the servers fit their own columns
 * @param local     a round of a fit on the server's rows alone (sent as {@code "local": true}), which a server may
 *                  refuse
 */
public record CallContext(RoundTag tag, long timeoutMs, SecureRound secure, JsonObject design, boolean local) {
  public CallContext(RoundTag tag, long timeoutMs) {
    this(tag, timeoutMs, null, null, false);
  }

  /** A call outside any run (liveness checks, tools). */
  public static CallContext untagged(long timeoutMs) {
    return new CallContext(RoundTag.NONE, timeoutMs);
  }
}
