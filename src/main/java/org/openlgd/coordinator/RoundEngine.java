package org.openlgd.coordinator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.openlgd.api.Backoff;
import org.openlgd.api.CallContext;
import org.openlgd.api.ModelServerClient;
import org.openlgd.api.RoundTag;
import org.openlgd.api.ServerCallException;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.secure.Participant;
import org.openlgd.secure.SecureRound;
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
  private Map<ModelServerClient, Participant> keys;
  private Circuits circuits;
  private Stalls stalls;
  /** The run's design, sent with every estimate; null when the servers fit their own columns. */
  private JsonObject design;
  private boolean local;

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

  /**
   * Servers left out of the run from now on ({@code absent}: "address: reason" of a round, as gathered), recorded as
   * absent in every later round with {@code why}.
   */
  void exclude(List<String> absent, String why) {
    List<String> more = new ArrayList<>(excluded);
    absent.stream().filter(a -> !excluded.contains(a)).forEach(a -> more.add(a + " (" + why + ")"));
    excluded = List.copyOf(more);
  }

  /**
   * Replies of one round, in the order of the servers asked.
   *
   * @param id       the round's number in this run (sent to and echoed by every server)
   * @param who      for each reply, the index of its server in the list asked
   * @param absent   "address: reason" for each server that did not answer
   * @param attempts how many times the round was asked (a secure round is asked again without a server that failed)
   */
  record Gathered<T>(long id, List<T> replies, List<Integer> who, List<String> participants, List<String> absent,
                     int attempts) {
    /** The elements of {@code all} (the list asked) whose servers answered. */
    <C> List<C> from(List<C> all) {
      return who.stream().map(all::get).toList();
    }
  }

  /**
   * From now on a tagged round leaves out the servers whose circuit is open, and a
   * server that cannot be reached is not asked again within a round that can do without it.
   */
  void circuits(Circuits circuits) {
    this.circuits = circuits;
    this.stalls = new Stalls(cfg.faults().breaker().stallFactor());
  }

  /** Whether the calls from now on are rounds of a fit on one server's rows alone (marked {@code "local"}). */
  void local(boolean local) {
    this.local = local;
  }

  /** Every later call carries the run's design (formula and levels). */
  void design(JsonObject design) {
    this.design = design;
  }

  /** From now on every tagged round is secure, over the servers whose relayed keys these are. */
  void secure(Map<ModelServerClient, Participant> keys) {
    this.keys = Map.copyOf(keys);
  }

  /**
   * One round: calls every server in {@code targets} at once and succeeds with the replies of those that answered, if
   * enough did. The liveness check ({@code tagged} false) goes out without a round id, as {@code GET /} takes none. A
   * secure round whose participant fails is asked again of the others under the next attempt (new masks): a reply
   * masked against a participant that did not answer is useless.
   */
  <T> Future<Gathered<T>> gather(String step, List<ModelServerClient> targets, boolean tagged,
                                 BiFunction<ModelServerClient, CallContext, Future<T>> call) {
    return gather(step, targets, tagged, quorumRounds ? quorum() : targets.size(), call);
  }

  /** A round that counts when {@code need} of {@code targets} answered (a share of the servers that can answer it). */
  <T> Future<Gathered<T>> gather(String step, List<ModelServerClient> targets, boolean tagged, int need,
                                 BiFunction<ModelServerClient, CallContext, Future<T>> call) {
    long id = tagged ? ++roundNo : 0;
    RoundTag tag = tagged ? new RoundTag(runId, id) : RoundTag.NONE;
    long deadline = System.nanoTime() + cfg.faults().roundTimeoutMs() * 1_000_000L;
    if (circuits != null && tagged) {
      circuits.probeDue();
    }
    List<Integer> closed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int k = 0; k < targets.size(); k++) {
      if (circuits == null || !tagged || circuits.closed(targets.get(k))) {
        closed.add(k);
      } else {
        skipped.add(circuits.why(targets.get(k)));
      }
    }
    return attempt(step, targets, closed, need, tag, deadline, tagged && keys != null ? 1 : 0, skipped, call);
  }

  /** One attempt at a round over the servers {@code asked} (indices into {@code targets}); {@code attempt} 0: plain. */
  private <T> Future<Gathered<T>> attempt(String step, List<ModelServerClient> targets, List<Integer> asked, int need,
                                          RoundTag tag, long deadline, int attempt, List<String> dropped,
                                          BiFunction<ModelServerClient, CallContext, Future<T>> call) {
    if (attempt > 0 && asked.size() < SecureRound.MIN_PARTICIPANTS) {
      return Future.failedFuture(new ServerCallException(step + ": secure aggregation needs at least "
          + SecureRound.MIN_PARTICIPANTS + " servers in a round (with fewer, each would learn the others' statistics "
          + "from the sum); " + asked.size() + " answered" + (dropped.isEmpty() ? "" : "; " + String.join("; ", dropped))));
    }
    SecureRound spec = attempt == 0 ? null
        : new SecureRound(attempt, asked.stream().map(k -> keys.get(targets.get(k))).toList());
    List<Future<T>> calls = new ArrayList<>(asked.size());
    Slack slack = new Slack(need, asked.size());
    for (int k : asked) {
      ModelServerClient c = targets.get(k);
      if (circuits != null && tag != RoundTag.NONE && circuits.closed(c)) {
        calls.add(circuits.call(c, () -> call(step, c, tag, spec, deadline, 0, slack, call)));
      } else {
        calls.add(call(step, c, tag, spec, deadline, 0, slack, call));
      }
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
          who.add(asked.get(k));
          participants.add(targets.get(asked.get(k)).address());
        }
      }
      if (out.size() < need || out.isEmpty()) {
        String rule = quorumRounds ? " (quorum " + need + " of " + servers + ")"
            : " (" + cfg.model() + " is exact: every server must answer; no result is computed on a subset)";
        return Future.failedFuture(new ServerCallException(step + " failed on " + (errors.size() + dropped.size()) + " of "
            + targets.size() + " servers" + rule + ": " + String.join("; ", concat(dropped, errors))));
      }
      if (attempt > 0 && !errors.isEmpty()) {
        LOG.info("run {} {}: asking again without {} server(s), attempt {}: {}", runId, step, errors.size(), attempt + 1,
            String.join("; ", errors));
        return attempt(step, targets, who, need, tag, deadline, attempt + 1, concat(dropped, errors), call);
      }
      if (!errors.isEmpty()) {
        LOG.warn("run {} {}: continuing with {} of {} servers (quorum {}): {}", runId, step, out.size(), calls.size(),
            need, String.join("; ", errors));
      }
      List<String> absent = concat(dropped, errors);
      if (tag != RoundTag.NONE) {
        absent.addAll(excluded);
      }
      return Future.succeededFuture(new Gathered<>(tag.round() < 0 ? 0 : tag.round(), out, who, participants, absent,
          Math.max(1, attempt)));
    });
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * How many servers of one attempt may still answer. A call that cannot reach its server gives up at once, without
   * retries, while the others can still make the quorum (when circuits are in use); every other call retries.
   */
  private static final class Slack {
    private final int need;
    private final AtomicInteger possible;

    Slack(int need, int asked) {
      this.need = need;
      this.possible = new AtomicInteger(asked);
    }

    /** True, and counted as given up, when the others can make the quorum without this server. */
    boolean giveUp() {
      int left = possible.decrementAndGet();
      if (left >= need) {
        return true;
      }
      possible.incrementAndGet();
      return false;
    }

    void failed() {
      possible.decrementAndGet();
    }
  }

  /** One call, tried again after a transient failure while the round's deadline allows. */
  private <T> Future<T> call(String step, ModelServerClient c, RoundTag tag, SecureRound spec, long deadline, int tries,
                             Slack slack, BiFunction<ModelServerClient, CallContext, Future<T>> call) {
    long left = (deadline - System.nanoTime()) / 1_000_000L;
    if (left <= 0) {
      slack.failed();
      return Future.failedFuture(ServerCallException.unreachable(c.address() + ": no answer before the round deadline ("
          + cfg.faults().roundTimeoutMs() + " ms)"));
    }
    boolean watched = stalls != null && tag != RoundTag.NONE;
    long bound = watched ? stalls.bound(c, cfg.faults().timeoutMs()) : cfg.faults().timeoutMs();
    long sent = System.nanoTime();
    return call.apply(c, new CallContext(tag, Math.min(bound, left), spec, design, local)).onSuccess(r -> {
      if (watched) {
        stalls.answered(c, (System.nanoTime() - sent) / 1_000_000L);
      }
    }).recover(e -> {
      ServerCallException failure = e instanceof ServerCallException s ? s : new ServerCallException(String.valueOf(e.getMessage()));
      String tried = tries == 0 ? "" : " (" + (tries + 1) + " attempts)";
      if (circuits != null && tag != RoundTag.NONE && failure.unreachable() && slack.giveUp()) {
        return Future.failedFuture(failure.withMessage(e.getMessage() + tried));
      }
      if (!failure.retryable() || tries >= cfg.faults().retries()) {
        slack.failed();
        return Future.failedFuture(failure.withMessage(e.getMessage() + tried));
      }
      long delay = Backoff.delayMs(cfg.faults().retryBackoffMs(), tries, MAX_BACKOFF_MS);
      if (System.nanoTime() + delay * 1_000_000L >= deadline) {
        slack.failed();
        return Future.failedFuture(failure.withMessage(e.getMessage() + tried + "; the round's deadline ("
            + cfg.faults().roundTimeoutMs() + " ms) leaves no time to try again"));
      }
      LOG.info("run {} {}: {}; trying again in {} ms", runId, step, e.getMessage(), delay);
      Promise<T> retried = Promise.promise();
      vertx.setTimer(delay, t -> call(step, c, tag, spec, deadline, tries + 1, slack, call).onComplete(retried));
      return retried.future();
    });
  }
}
