package org.openlgd.coordinator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.openlgd.api.Backoff;
import org.openlgd.api.RoundTag;
import org.openlgd.api.ServerInfo;
import org.openlgd.model.FederatedFit;
import org.openlgd.model.IterativeFit;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.model.StageSummary;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Inference;
import org.openlgd.stats.LeastSquares;
import org.openlgd.stats.ScoreStatistics;
import org.openlgd.stats.ScoringIteration;
import org.openlgd.stats.Validation;
import org.openlgd.stats.WeightedAverage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One federated estimation over a set of model servers: liveness and schema check, cold start, then rounds
 * chained as futures, each fanned out to every server at once.
 *
 * <ul>
 *   <li>{@link Model#SGD}: every server's cold-start estimate is averaged with weights n_k / sum n; each epoch
 *       broadcasts the average to every server, which runs one pass warm-started from it, and the replies are
 *       averaged again.</li>
 *   <li>{@link Model#OLS}: one round; every server's R factor is combined into the pooled fit.</li>
 * </ul>
 *
 * <p>Fault tolerance. Every request carries the run id and a round number, and a reply that does not echo them is
 * rejected, never aggregated. Every call is bounded by {@code --timeout}, every round by {@code --round-timeout}.
 * A call that fails transiently (no connection, timeout, 429/502/503/504, a stale reply) is tried again with
 * exponential backoff and jitter, up to {@code --retries} times within the round's deadline; a permanent failure
 * (400, 401, 403, 422, an unusable reply) is not. Then:
 * <ul>
 *   <li>{@link Model#SGD} (federated averaging): a round counts when at least the quorum ({@code --min-servers},
 *       default all) answered; the average is re-weighted over the servers that did. Every round asks every server
 *       that passed the liveness check, so one that was away (restarted, say) takes part again as soon as it
 *       answers; one that failed the liveness check is left out of the run and recorded as absent in every round.</li>
 *   <li>Exact models: every server must answer every round; if one stays away after its retries, the run stops
 *       with an error naming it. An exact result is never computed on a subset.</li>
 * </ul>
 * Each round records which servers took part and why any did not. An instance runs once.
 */
public final class Federation {
  private static final Logger LOG = LoggerFactory.getLogger(Federation.class);
  /** Upper bound of one backoff delay. */
  static final long MAX_BACKOFF_MS = 10_000;

  private final Vertx vertx;
  private final List<ModelServerClient> clients;
  private final CoordinatorConfig cfg;
  private final RunListener listener;
  private final List<FederatedResult.Round> history = new ArrayList<>();
  private final String runId = "run-" + UUID.randomUUID().toString().substring(0, 13);
  private final boolean averaging;
  private long roundNo;
  private boolean started;
  private long firstRoundAtMs;
  /** The servers that answered the liveness check, and their clients, in the same order. */
  private List<ServerInfo> servers;
  private List<ModelServerClient> active;
  /** Servers that failed the liveness check of an SGD run (under the quorum rule), with the reason. */
  private List<String> excluded = List.of();
  private String target;
  private List<String> features;

  public Federation(Vertx vertx, List<ModelServerClient> clients, CoordinatorConfig cfg, RunListener listener) {
    this.vertx = vertx;
    this.clients = List.copyOf(clients);
    this.cfg = cfg;
    this.listener = listener;
    Model m = cfg.model();
    this.averaging = !(m.iterative() || m.composite() || m.exact());
  }


  public Future<FederatedResult> run() {
    if (started) {
      return Future.failedFuture(new IllegalStateException("a Federation runs once; create a new one"));
    }
    started = true;
    long t0 = System.nanoTime();
    LOG.info("run {}: model {}, {} server(s), quorum {}", runId, cfg.model(), clients.size(),
        averaging ? cfg.quorumOf(clients.size()) : clients.size());
    listener.runStarted(runId, cfg);
    return gather("liveness check", clients, false, ModelServerClient::hello)
        .compose(found -> {
          active = found.from(clients);
          excluded = found.absent().stream().map(a -> a + " (left out of the run since the liveness check)").toList();
          checkSchema(found.replies());
          listener.serversFound(cfg.model(), servers);
          if (cfg.model().iterative() || cfg.model().composite()) {
            firstRoundAtMs = System.currentTimeMillis();
            return cfg.model().composite() ? twoStage(t0) : iterative(t0);
          }
          return cfg.model().exact() ? exact(t0) : averaging(t0);
        })
        .compose(r -> validate(r, t0))
        .onSuccess(listener::finished)
        .onFailure(listener::failed);
  }

  private void checkSchema(List<ServerInfo> infos) {
    ServerInfo first = infos.get(0);
    for (ServerInfo s : infos) {
      if (!s.target().equals(first.target()) || !s.features().equals(first.features())) {
        throw new IllegalStateException("the servers hold different columns: " + first.url() + " has "
            + first.target() + " ~ " + first.features() + " but " + s.url() + " has " + s.target() + " ~ " + s.features());
      }
    }
    servers = List.copyOf(infos);
    target = first.target();
    features = first.features();
  }

  private Future<FederatedResult> exact(long t0) {
    long r0 = System.nanoTime();
    firstRoundAtMs = System.currentTimeMillis();
    return gather("local statistics", active, true, (c, call) -> c.start(cfg.model(), features, cfg.boundary(), call)).map(g -> {
      List<LocalEstimate> estimates = g.replies();
      LeastSquares.OlsFit fit = FederatedFit.pooledLeastSquares(estimates);
      history.add(g.round(1, fit.coefficients(), Double.NaN, ms(r0), Double.NaN));
      listener.round(history.get(0));
      return new FederatedResult(cfg.model(), target, features, fit.coefficients(), FederatedFit.totalRows(estimates),
          servers, 1, true, List.copyOf(history), fit, fit.inference(), Double.NaN, ms(t0), firstRoundAtMs, null, List.of(), List.of(), Double.NaN);
    });
  }

  /** An iterative exact model: scoring rounds until its stopping rule, then the coefficient table. */
  private Future<FederatedResult> iterative(long t0) {
    Model model = cfg.model();
    return scoring(model, cfg.boundary(), IterativeFit.start(model, features.size())).map(it -> {
      ScoringIteration.Fit fit = IterativeFit.finish(model, it, cfg.se());
      return new FederatedResult(model, target, features, fit.coefficients(), fit.statistics().n(), servers,
          fit.rounds(), fit.converged(), List.copyOf(history), null, fit.inference(), fit.statistics().deviance(),
          ms(t0), firstRoundAtMs, null, List.of(),
          List.of(IterativeFit.summary(model, it)), Double.NaN);
    });
  }

  /** The two-stage model: the cure, total-loss and severity fits in turn, their parameters and tables side by side. */
  private Future<FederatedResult> twoStage(long t0) {
    List<ScoringIteration.Fit> fits = new ArrayList<>();
    List<StageSummary> summaries = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Model stage : Model.STAGES) {
      BetaRegression.Boundary boundary = stage == Model.BETA ? BetaRegression.Boundary.EXCLUDE : cfg.boundary();
      chain = chain.compose(x -> scoring(stage, boundary, IterativeFit.start(stage, features.size())))
          .map(it -> {
            fits.add(IterativeFit.finish(stage, it, cfg.se()));
            summaries.add(IterativeFit.summary(stage, it));
            return null;
          });
    }
    return chain.map(x -> {
      Inference inference = Inference.concat(fits.stream().map(ScoringIteration.Fit::inference).toList());
      int rounds = fits.stream().mapToInt(ScoringIteration.Fit::rounds).sum();
      boolean converged = fits.stream().allMatch(ScoringIteration.Fit::converged);
      long n = fits.get(0).statistics().n();
      return new FederatedResult(Model.TWO_STAGE, target, features, inference.estimates(), n, servers, rounds, converged,
          List.copyOf(history), null, inference, Double.NaN, ms(t0), firstRoundAtMs, null, List.of(), List.copyOf(summaries),
          Double.NaN);
    });
  }

  /**
   * Scoring rounds of one model: statistics at the iteration's parameters from every server, summed; then stop or
   * step. Completes with the finished iteration.
   */
  private Future<ScoringIteration> scoring(Model model, BetaRegression.Boundary boundary, ScoringIteration it) {
    long r0 = System.nanoTime();
    int round = it.rounds() + 1;
    double[] beta = it.beta();
    Future<Gathered<LocalEstimate>> replies = round == 1
        ? gather(model + " round 1", active, true, (c, call) -> c.start(model, features, boundary, call))
        : gather(model + " round " + round, active, true, (c, call) -> c.update(model, round, features, beta, boundary, call));
    return replies.compose(g -> {
      ScoreStatistics total = ScoreStatistics.sum(g.replies().stream().map(LocalEstimate::score).toList());
      double change = round == 1 ? Double.NaN : WeightedAverage.maxAbsDiff(history.get(history.size() - 1).combined(), beta);
      FederatedResult.Round r = g.round(round, beta, change, ms(r0), total.deviance());
      history.add(r);
      listener.round(r);
      return it.accept(total) ? Future.succeededFuture(it) : scoring(model, boundary, it);
    });
  }

  private Future<FederatedResult> averaging(long t0) {
    long r0 = System.nanoTime();
    firstRoundAtMs = System.currentTimeMillis();
    return gather("cold start", active, true, (c, call) -> c.start(cfg.model(), features, cfg.boundary(), call))
        .compose(g -> {
          double[] avg = record(0, g, null, r0);
          return epoch(1, avg);
        })
        .map(avg -> {
          FederatedResult.Round last = history.get(history.size() - 1);
          boolean converged = last.epoch() > 0 && WeightedAverage.maxRelativeChange(history.get(history.size() - 2).combined(), avg) <= cfg.tolerance();
          return new FederatedResult(cfg.model(), target, features, avg, FederatedFit.totalRows(last.estimates()),
              servers, cfg.epochs(), converged, List.copyOf(history), null, null, Double.NaN, ms(t0), firstRoundAtMs, null, List.of(), List.of(), Double.NaN);
        })
        .compose(this::distanceFromPooled);
  }

  /**
   * One more round for the approximate SGD: the exact pooled least-squares fit, and how far SGD landed from it. It is
   * reported only when every server answered (an exact figure is never computed on a subset).
   */
  private Future<FederatedResult> distanceFromPooled(FederatedResult r) {
    return gather("exact reference", active, true, (c, call) -> c.start(Model.OLS, features, cfg.boundary(), call))
        .map(g -> {
          if (!g.absent().isEmpty()) {
            LOG.warn("run {}: no distance from the pooled fit: {} of {} servers answered its round", runId,
                g.replies().size(), active.size());
            return r;
          }
          return r.withDistanceFromPooled(WeightedAverage.maxAbsDiff(r.coefficients(),
              FederatedFit.pooledLeastSquares(g.replies()).coefficients()));
        });
  }

  private Future<double[]> epoch(int e, double[] avg) {
    if (e > cfg.epochs()) {
      return Future.succeededFuture(avg);
    }
    long r0 = System.nanoTime();
    return gather("epoch " + e, active, true, (c, call) -> c.update(cfg.model(), e, features, avg, cfg.boundary(), call))
        .compose(g -> epoch(e + 1, record(e, g, avg, r0)));
  }

  /** Averages a round's replies, weighted by the rows of the servers that answered it. */
  private double[] record(int epoch, Gathered<LocalEstimate> g, double[] previous, long r0) {
    double[] avg = FederatedFit.average(g.replies());
    double change = previous == null ? Double.NaN : WeightedAverage.maxAbsDiff(previous, avg);
    FederatedResult.Round round = g.round(epoch, avg, change, ms(r0), Double.NaN);
    history.add(round);
    listener.round(round);
    return avg;
  }

  /**
   * The validation round: every server's sums at the final estimate, and the pooled figures. For SGD the quorum
   * rule applies here too; a server that did not answer has no row in the per-server list (null).
   */
  private Future<FederatedResult> validate(FederatedResult r, long t0) {
    return gather("validation", active, true, (c, call) -> c.validate(cfg.model(), features, r.coefficients(), cfg.boundary(), call))
        .map(g -> {
          List<Validation.Report> perServer = new ArrayList<>();
          for (int k = 0; k < active.size(); k++) {
            int at = g.who().indexOf(k);
            perServer.add(at < 0 ? null : Validation.report(g.replies().get(at)));
          }
          return r.withValidation(Validation.report(Validation.Sums.add(g.replies())), perServer, ms(t0));
        });
  }

  /**
   * Replies of one round, in the order of the servers asked.
   *
   * @param id       the round's number in this run (sent to and echoed by every server)
   * @param who      for each reply, the index of its server in the list asked
   * @param absent   "address: reason" for each server that did not answer
   */
  record Gathered<T>(long id, List<T> replies, List<Integer> who, List<String> participants, List<String> absent) {
    /** The elements of {@code all} (the list asked) whose servers answered. */
    <C> List<C> from(List<C> all) {
      return who.stream().map(all::get).toList();
    }

    @SuppressWarnings("unchecked")
    FederatedResult.Round round(int epoch, double[] combined, double change, double millis, double deviance) {
      return new FederatedResult.Round(epoch, (List<LocalEstimate>) replies, combined, change, millis, deviance, id,
          participants, absent);
    }
  }

  /**
   * One round: calls every server in {@code targets} at once (retrying transient failures within the round's
   * deadline) and succeeds with the replies of those that answered. It fails, naming every server that did not
   * answer and why, unless all answered, or {@code partialOk}, the run is federated averaging and the quorum did.
   * The liveness check ({@code tagged} false) goes out without a round id, as {@code GET /} takes none.
   */
  private <T> Future<Gathered<T>> gather(String step, List<ModelServerClient> targets, boolean tagged,
                                         BiFunction<ModelServerClient, CallContext, Future<T>> call) {
    long id = tagged ? ++roundNo : 0;
    RoundTag tag = tagged ? new RoundTag(runId, id) : RoundTag.NONE;
    long deadline = System.nanoTime() + cfg.roundTimeoutMs() * 1_000_000L;
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
      int need = averaging ? cfg.quorumOf(clients.size()) : targets.size();
      if (out.size() < need || out.isEmpty()) {
        String rule = averaging
            ? " (quorum " + need + " of " + clients.size() + ")"
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
          + cfg.roundTimeoutMs() + " ms)"));
    }
    return call.apply(c, new CallContext(tag, Math.min(cfg.timeoutMs(), left))).recover(e -> {
      boolean retryable = e instanceof ServerCallException s && s.retryable();
      String tried = tries == 0 ? "" : " (" + (tries + 1) + " attempts)";
      if (!retryable || tries >= cfg.retries()) {
        return Future.failedFuture(new ServerCallException(e.getMessage() + tried));
      }
      long delay = Backoff.delayMs(cfg.retryBackoffMs(), tries, MAX_BACKOFF_MS);
      if (System.nanoTime() + delay * 1_000_000L >= deadline) {
        return Future.failedFuture(new ServerCallException(e.getMessage() + tried + "; the round's deadline ("
            + cfg.roundTimeoutMs() + " ms) leaves no time to try again"));
      }
      LOG.info("run {} {}: {}; trying again in {} ms", runId, step, e.getMessage(), delay);
      Promise<T> retried = Promise.promise();
      vertx.setTimer(delay, t -> attempt(step, c, tag, deadline, tries + 1, call).onComplete(retried));
      return retried.future();
    });
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }
}
