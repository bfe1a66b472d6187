package org.openlgd.api;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * Which run and round of a coordinator a request belongs to. A server copies it into its reply, so the coordinator can
 * reject a reply meant for another round or another run instead of aggregating it. Sent as {@code "run"} and
 * {@code "round"} in a body, or as query parameters of {@code GET /start}.
 *
 * @param run   the run id (letters, digits, '-', '_', '.', ':'; at most 64), or null for none
 * @param round the round number, or -1 for none
 */
public record RoundTag(String run, long round) {
  /** No tag: what an original openLGD client sends. */
  public static final RoundTag NONE = new RoundTag(null, -1);
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** Reads a tag from request fields (JSON values, or query-string text); either part may be absent. */
  public static RoundTag parse(Object run, Object round) {
    String r = null;
    if (run != null) {
      if (!(run instanceof String s) || !RUN_ID.matcher(s).matches()) {
        throw new BadRequestException("'run' must be 1 to 64 letters, digits or -_.:");
      }
      r = s;
    }
    long n = -1;
    if (round != null) {
      Object v = round;
      if (v instanceof String s) {
        try {
          v = Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
          throw new BadRequestException("'round' must be a whole number from 0 to 1000000000");
        }
      }
      if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0
          || ((Number) v).longValue() > 1_000_000_000L) {
        throw new BadRequestException("'round' must be a whole number from 0 to 1000000000");
      }
      n = ((Number) v).longValue();
    }
    return r == null && n < 0 ? NONE : new RoundTag(r, n);
  }

  /** The tag of a request or reply body; {@link #NONE} when absent or malformed. */
  public static RoundTag of(JsonObject body) {
    if (body == null) {
      return NONE;
    }
    try {
      return parse(body.getValue(Wire.RUN), body.getValue(Wire.ROUND));
    } catch (BadRequestException e) {
      return NONE;
    }
  }

  /** Puts the present parts into {@code out}; returns it. */
  public JsonObject putInto(JsonObject out) {
    if (run != null) {
      out.put(Wire.RUN, run);
    }
    if (round >= 0) {
      out.put(Wire.ROUND, round);
    }
    return out;
  }

  /**
   * Checks that a reply echoes this tag (coordinator side).
   *
   * @throws StaleReplyException when it names another run or round, or no round at all
   */
  public void checkEcho(JsonObject reply) {
    Object gotRun = reply.getValue(Wire.RUN);
    Object gotRound = reply.getValue(Wire.ROUND);
    if (gotRun == null && gotRound == null) {
      throw new StaleReplyException("the reply carries no run and round id (expected run " + run + " round " + round
          + "); it cannot be matched to this round", false);
    }
    if (run != null && !run.equals(gotRun)) {
      throw new StaleReplyException("rejected a reply for another run (" + gotRun + ", expected " + run + ")", true);
    }
    if (round >= 0 && !(gotRound instanceof Number g && g.longValue() == round)) {
      throw new StaleReplyException("rejected a stale reply for round " + gotRound + " (expected round " + round + ")", true);
    }
  }
}
