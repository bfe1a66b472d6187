package org.openlgd.coordinator;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.openlgd.model.FederatedFit;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.model.IterativeFit;
import org.openlgd.model.StageSummary;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Inference;
import org.openlgd.stats.LeastSquares;
import org.openlgd.stats.ScoreStatistics;
import org.openlgd.stats.ScoringIteration;
import org.openlgd.stats.Validation;
import org.openlgd.stats.WeightedAverage;

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
 * A failure of any server fails the run with a message naming every server that failed. An instance runs once.
 */
public final class Federation {
  private final List<ModelServerClient> clients;
  private final CoordinatorConfig cfg;
  private final RunListener listener;
  private final List<FederatedResult.Round> history = new ArrayList<>();
  private boolean started;
  private long firstRoundAtMs;
  private List<ServerInfo> servers;
  private String target;
  private List<String> features;

  public Federation(List<ModelServerClient> clients, CoordinatorConfig cfg, RunListener listener) {
    this.clients = List.copyOf(clients);
    this.cfg = cfg;
    this.listener = listener;
  }

  public Future<FederatedResult> run() {
    if (started) {
      return Future.failedFuture(new IllegalStateException("a Federation runs once; create a new one"));
    }
    started = true;
    long t0 = System.nanoTime();
    return fanOut("liveness check", ModelServerClient::hello)
        .compose(infos -> {
          checkSchema(infos);
          listener.serversFound(cfg.model(), servers);
          if (cfg.model().iterative() || cfg.model().composite()) {
            firstRoundAtMs = System.currentTimeMillis();
            return cfg.model().composite() ? twoStage(t0) : iterative(t0);
          }
          return cfg.model().exact() ? exact(t0) : averaging(t0);
        })
        .compose(r -> validate(r, t0))
        .onSuccess(listener::finished);
  }

  private void checkSchema(List<ServerInfo> infos) {
    ServerInfo first = infos.get(0);
    for (ServerInfo s : infos) {
      if (!s.target().equals(first.target()) || !s.features().equals(first.features())) {
        throw new IllegalStateException("the servers hold different columns: " + first.url() + " has "
            + first.target() + " ~ " + first.features() + " but " + s.url() + " has " + s.target() + " ~ " + s.features());
      }
    }
    servers = infos;
    target = first.target();
    features = first.features();
  }

  private Future<FederatedResult> exact(long t0) {
    long r0 = System.nanoTime();
    firstRoundAtMs = System.currentTimeMillis();
    return fanOut("local statistics", c -> c.start(cfg.model(), features, cfg.boundary())).map(estimates -> {
      LeastSquares.OlsFit fit = FederatedFit.pooledLeastSquares(estimates);
      history.add(new FederatedResult.Round(1, estimates, fit.coefficients(), Double.NaN, ms(r0)));
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
    Future<List<LocalEstimate>> replies = round == 1
        ? fanOut(model + " round 1", c -> c.start(model, features, boundary))
        : fanOut(model + " round " + round, c -> c.update(model, round, features, beta, boundary));
    return replies.compose(estimates -> {
      ScoreStatistics total = ScoreStatistics.sum(estimates.stream().map(LocalEstimate::score).toList());
      double change = round == 1 ? Double.NaN : WeightedAverage.maxAbsDiff(history.get(history.size() - 1).combined(), beta);
      FederatedResult.Round r = new FederatedResult.Round(round, estimates, beta, change, ms(r0), total.deviance());
      history.add(r);
      listener.round(r);
      return it.accept(total) ? Future.succeededFuture(it) : scoring(model, boundary, it);
    });
  }

  private Future<FederatedResult> averaging(long t0) {
    long r0 = System.nanoTime();
    firstRoundAtMs = System.currentTimeMillis();
    return fanOut("cold start", c -> c.start(cfg.model(), features, cfg.boundary()))
        .compose(estimates -> {
          double[] avg = record(0, estimates, null, r0);
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

  /** One more round for the approximate SGD: the exact pooled least-squares fit, and how far SGD landed from it. */
  private Future<FederatedResult> distanceFromPooled(FederatedResult r) {
    return fanOut("exact reference", c -> c.start(Model.OLS, features, cfg.boundary())).map(estimates ->
        r.withDistanceFromPooled(WeightedAverage.maxAbsDiff(r.coefficients(),
            FederatedFit.pooledLeastSquares(estimates).coefficients())));
  }

  private Future<double[]> epoch(int e, double[] avg) {
    if (e > cfg.epochs()) {
      return Future.succeededFuture(avg);
    }
    long r0 = System.nanoTime();
    return fanOut("epoch " + e, c -> c.update(cfg.model(), e, features, avg, cfg.boundary()))
        .compose(estimates -> epoch(e + 1, record(e, estimates, avg, r0)));
  }

  private double[] record(int epoch, List<LocalEstimate> estimates, double[] previous, long r0) {
    double[] avg = FederatedFit.average(estimates);
    double change = previous == null ? Double.NaN : WeightedAverage.maxAbsDiff(previous, avg);
    FederatedResult.Round round = new FederatedResult.Round(epoch, estimates, avg, change, ms(r0));
    history.add(round);
    listener.round(round);
    return avg;
  }

  /** The validation round: every server's sums at the final estimate, and the pooled figures. */
  private Future<FederatedResult> validate(FederatedResult r, long t0) {
    return fanOut("validation", c -> c.validate(cfg.model(), features, r.coefficients(), cfg.boundary())).map(sums -> {
      List<Validation.Report> perServer = sums.stream().map(Validation::report).toList();
      return r.withValidation(Validation.report(Validation.Sums.add(sums)), perServer, ms(t0));
    });
  }

  /** Calls every server at once; succeeds with the replies in server order, or fails naming every failure. */
  private <T> Future<List<T>> fanOut(String step, Function<ModelServerClient, Future<T>> call) {
    List<Future<T>> calls = new ArrayList<>(clients.size());
    for (ModelServerClient c : clients) {
      calls.add(call.apply(c));
    }
    return Future.join(calls).transform(ar -> {
      List<String> errors = new ArrayList<>();
      List<T> out = new ArrayList<>(calls.size());
      for (Future<T> f : calls) {
        if (f.failed()) {
          errors.add(f.cause().getMessage());
        } else {
          out.add(f.result());
        }
      }
      if (!errors.isEmpty()) {
        return Future.failedFuture(new ServerCallException(step + " failed on " + errors.size() + " of "
            + calls.size() + " servers: " + String.join("; ", errors)));
      }
      return Future.succeededFuture(out);
    });
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }
}
