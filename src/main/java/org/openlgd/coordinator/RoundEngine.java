package org.openlgd.coordinator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.openlgd.api.Backoff;
import org.openlgd.api.CallContext;
import org.openlgd.api.ModelServerClient;
import org.openlgd.api.RoundTag;
import org.openlgd.api.ServerCallException;
import org.openlgd.config.CoordinatorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans one round out to the servers taking part and gathers their replies: every call tagged with the run and round
 * (a reply that does not echo them is rejected), bounded by the call timeout and the round's deadline, and tried again
 * after a transient failure (no connection, timeout, 429/502/503/504, a stale reply) with exponential backoff and
 * jitter; a permanent failure (400, 401, 403, 422, an unusable reply) is not retried. A round succeeds when every
 * server answered or, when the run allows it (federated averaging), when the quorum did; otherwise it fails naming
 * every missing server and why.
 */
final class RoundEngine {
  private static final Logger LOG = LoggerFactory.getLogger(RoundEngine.class);
  /** Upper bound of one backoff delay. */
  static final long MAX_BACKOFF_MS = 10_000;

  private final Vertx vertx;
  private final String runId;
  private final CoordinatorConfig cfg;
  private final int servers;
  private final boolean quorumRounds;
  private long roundNo;
  private List<String> excluded = List.of();

  /**
   * @param servers      the servers of the run (the quorum is a share of them)
   * @param quorumRounds true when a round counts with the quorum; false when every server must answer
   */
  RoundEngine(Vertx vertx, String runId, CoordinatorConfig cfg, int servers, boolean quorumRounds) {
    this.vertx = vertx;
    this.runId = runId;
    this.cfg = cfg;
    this.servers = servers;
    this.quorumRounds = quorumRounds;
  }

  /** How many servers must answer a round. */
  int quorum() {
    return quorumRounds ? cfg.faults().quorumOf(servers) : servers;
  }

  /** Servers left out of the run (with the reason), recorded as absent in every later round. */
  void exclude(List<String> absent) {
    excluded = absent.stream().map(a -> a + " (left out of the run since the liveness check)").toList();
  }

  /**
   * Replies of one round, in the order of the servers asked.
   *
   * @param id     the round's number in this run (sent to and echoed by every server)
   * @param who    for each reply, the index of its server in the list asked
   * @param absent "address: reason" for each server that did not answer
   */
  record Gathered<T>(long id, List<T> replies, List<Integer> who, List<String> participants, List<String> absent) {
    /** The elements of {@code all} (the list asked) whose servers answered. */
    <C> List<C> from(List<C> all) {
      return who.stream().map(all::get).toList();
    }
  }

  /**
   * One round: calls every server in {@code targets} at once and succeeds with the replies of those that answered, if
   * enough did. The liveness check ({@code tagged} false) goes out without a round id, as {@code GET /} takes none.
   */
  <T> Future<Gathered<T>> gather(String step, List<ModelServerClient> targets, boolean tagged,
                                 BiFunction<ModelServerClient, CallContext, Future<T>> call) {
    long id = tagged ? ++roundNo : 0;
    RoundTag tag = tagged ? new RoundTag(runId, id) : RoundTag.NONE;
    long deadline = System.nanoTime() + cfg.faults().roundTimeoutMs() * 1_000_000L;
    List<Future<T>> calls = new ArrayList<>(targets.size());
    for (ModelServerClient c : targets) {
      calls.add(attempt(step, c, tag, deadline, 0, call));
    }
    return Future.join(calls).transform(ar -> {
      List<String> errors = new ArrayList<>();
      List<T> out = new ArrayList<>(calls.size());
      List<Integer> who = new ArrayList<>(calls.size());
      List<String> participants = new ArrayList<>(calls.size());
      for (int k = 0; k < calls.size(); k++) {
        Future<T> f = calls.get(k);
        if (f.failed()) {
          errors.add(f.cause().getMessage());
        } else {
          out.add(f.result());
          who.add(k);
          participants.add(targets.get(k).address());
        }
      }
      int need = quorumRounds ? cfg.faults().quorumOf(servers) : targets.size();
      if (out.size() < need || out.isEmpty()) {
        String rule = quorumRounds ? " (quorum " + need + " of " + servers + ")"
            : " (" + cfg.model() + " is exact: every server must answer; no result is computed on a subset)";
        return Future.failedFuture(new ServerCallException(step + " failed on " + errors.size() + " of "
            + calls.size() + " servers" + rule + ": " + String.join("; ", errors)));
      }
      if (!errors.isEmpty()) {
        LOG.warn("run {} {}: continuing with {} of {} servers (quorum {}): {}", runId, step, out.size(), calls.size(),
            need, String.join("; ", errors));
      }
      if (tagged) {
        errors.addAll(excluded);
      }
      return Future.succeededFuture(new Gathered<>(id, out, who, participants, errors));
    });
  }

  /** One call, tried again after a transient failure while the round's deadline allows. */
  private <T> Future<T> attempt(String step, ModelServerClient c, RoundTag tag, long deadline, int tries,
                                BiFunction<ModelServerClient, CallContext, Future<T>> call) {
    long left = (deadline - System.nanoTime()) / 1_000_000L;
    if (left <= 0) {
      return Future.failedFuture(new ServerCallException(c.address() + ": no answer before the round deadline ("
          + cfg.faults().roundTimeoutMs() + " ms)"));
    }
    return call.apply(c, new CallContext(tag, Math.min(cfg.faults().timeoutMs(), left))).recover(e -> {
      boolean retryable = e instanceof ServerCallException s && s.retryable();
      String tried = tries == 0 ? "" : " (" + (tries + 1) + " attempts)";
      if (!retryable || tries >= cfg.faults().retries()) {
        return Future.failedFuture(new ServerCallException(e.getMessage() + tried));
      }
      long delay = Backoff.delayMs(cfg.faults().retryBackoffMs(), tries, MAX_BACKOFF_MS);
      if (System.nanoTime() + delay * 1_000_000L >= deadline) {
        return Future.failedFuture(new ServerCallException(e.getMessage() + tried + "; the round's deadline ("
            + cfg.faults().roundTimeoutMs() + " ms) leaves no time to try again"));
      }
      LOG.info("run {} {}: {}; trying again in {} ms", runId, step, e.getMessage(), delay);
      Promise<T> retried = Promise.promise();
      vertx.setTimer(delay, t -> attempt(step, c, tag, deadline, tries + 1, call).onComplete(retried));
      return retried.future();
    });
  }
}
