package org.openlgd.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openlgd.api.ServerInfo;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.RunListener;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.DataFormatException;
import org.openlgd.data.Dataset;
import org.openlgd.model.IterativeFit;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.LocalModel;
import org.openlgd.model.Model;
import org.openlgd.model.StageSummary;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Covariance;
import org.openlgd.stats.Inference;
import org.openlgd.stats.LeastSquares;
import org.openlgd.stats.ScoringIteration;
import org.openlgd.stats.Validation;
import org.openlgd.stats.WeightedAverage;

/**
 * The non-federated reference: the same estimators on one data set (several files are pooled), reported like a
 * federated run with one participant. For SGD: a cold-start pass, then {@code epochs} warm-started passes; for the
 * fractional logit the same Newton rounds as a federation.
 */
public final class Standalone {
  private Standalone() {
  }

  public static FederatedResult run(List<String> files, String target, List<String> features, Model model, int epochs,
                                    long seed, double eta0, double tolerance, Covariance se,
                                    BetaRegression.Boundary boundary, RunListener listener) throws DataFormatException {
    long t0 = System.nanoTime();
    List<Dataset> parts = new ArrayList<>();
    for (String f : files) {
      parts.add(CsvLoader.load(Path.of(f), target, features));
    }
    Dataset data = parts.size() == 1 ? parts.get(0) : Dataset.concat(String.join("+", files), parts);
    ServerInfo self = new ServerInfo(data.source(), 0, data.rows(), data.target(), data.features(), data.fingerprint());
    listener.serversFound(model, List.of(self));
    LocalModel local = new LocalModel(data, seed, eta0);
    long startedAt = System.currentTimeMillis();
    List<FederatedResult.Round> history = new ArrayList<>();
    if (model.composite()) {
      List<ScoringIteration.Fit> fits = new ArrayList<>();
      List<StageSummary> summaries = new ArrayList<>();
      for (Model stage : Model.STAGES) {
        BetaRegression.Boundary b = stage == Model.BETA ? BetaRegression.Boundary.EXCLUDE : boundary;
        ScoringIteration it = scoring(stage, b, local, history, listener);
        fits.add(IterativeFit.finish(stage, it, se));
        summaries.add(IterativeFit.summary(stage, it));
      }
      Inference inference = Inference.concat(fits.stream().map(ScoringIteration.Fit::inference).toList());
      FederatedResult r = new FederatedResult(model, data.target(), data.features(), inference.estimates(), data.rows(),
          List.of(self), fits.stream().mapToInt(ScoringIteration.Fit::rounds).sum(),
          fits.stream().allMatch(ScoringIteration.Fit::converged), history, null, inference, Double.NaN, ms(t0), startedAt,
          null, List.of(), List.of(), Double.NaN);
      return finish(r, local, boundary, listener, t0);
    }
    if (model.iterative()) {
      ScoringIteration it = scoring(model, boundary, local, history, listener);
      ScoringIteration.Fit fit = IterativeFit.finish(model, it, se);
      FederatedResult r = new FederatedResult(model, data.target(), data.features(), fit.coefficients(),
          fit.statistics().n(), List.of(self), fit.rounds(), fit.converged(), history, null, fit.inference(),
          fit.statistics().deviance(), ms(t0), startedAt, null, List.of(),
          List.of(IterativeFit.summary(model, it)), Double.NaN);
      return finish(r, local, boundary, listener, t0);
    }
    if (model.exact()) {
      long r0 = System.nanoTime();
      LocalEstimate e = local.start(model, boundary);
      LeastSquares.OlsFit fit = LeastSquares.solve(e.r(), data.rows());
      history.add(new FederatedResult.Round(1, List.of(e), fit.coefficients(), Double.NaN, ms(r0)));
      listener.round(history.get(0));
      FederatedResult r = new FederatedResult(model, data.target(), data.features(), fit.coefficients(), data.rows(),
          List.of(self), 1, true, history, fit, fit.inference(), Double.NaN, ms(t0), startedAt, null, List.of(), List.of(), Double.NaN);
      return finish(r, local, boundary, listener, t0);
    }
    long r0 = System.nanoTime();
    LocalEstimate e = local.start(model, boundary);
    double[] beta = e.coefficients();
    history.add(new FederatedResult.Round(0, List.of(e), beta, Double.NaN, ms(r0)));
    listener.round(history.get(0));
    double lastChange = Double.NaN;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      r0 = System.nanoTime();
      LocalEstimate next = local.update(model, beta, epoch, boundary);
      lastChange = WeightedAverage.maxRelativeChange(beta, next.coefficients());
      double abs = WeightedAverage.maxAbsDiff(beta, next.coefficients());
      beta = next.coefficients();
      history.add(new FederatedResult.Round(epoch, List.of(next), beta, abs, ms(r0)));
      listener.round(history.get(history.size() - 1));
    }
    FederatedResult r = new FederatedResult(model, data.target(), data.features(), beta, data.rows(), List.of(self),
        epochs, epochs > 0 && lastChange <= tolerance, history, null, null, Double.NaN, ms(t0), startedAt, null, List.of(),
        List.of(), WeightedAverage.maxAbsDiff(beta, LeastSquares.fit(data).coefficients()));
    return finish(r, local, boundary, listener, t0);
  }

  /** The scoring rounds of one iterative model on the local rows, recorded like a federation's. */
  private static ScoringIteration scoring(Model model, BetaRegression.Boundary boundary, LocalModel local,
                                          List<FederatedResult.Round> history, RunListener listener) {
    ScoringIteration it = IterativeFit.start(model, local.data().featureCount());
    double[] previous = null;
    LocalEstimate e;
    do {
      long r0 = System.nanoTime();
      double[] beta = it.beta();
      e = it.rounds() == 0 ? local.start(model, boundary) : local.update(model, beta, it.rounds() + 1, boundary);
      history.add(new FederatedResult.Round(it.rounds() + 1, List.of(e), beta,
          previous == null ? Double.NaN : WeightedAverage.maxAbsDiff(previous, beta), ms(r0), e.score().deviance()));
      listener.round(history.get(history.size() - 1));
      previous = beta;
    } while (!it.accept(e.score()));
    return it;
  }

  /** Validates the estimate on the rows, reports and returns the result. */
  private static FederatedResult finish(FederatedResult r, LocalModel local, BetaRegression.Boundary boundary,
                                        RunListener listener, long t0) {
    Validation.Report v = Validation.report(local.validate(r.model(), r.coefficients(), boundary));
    FederatedResult done = r.withValidation(v, List.of(v), ms(t0));
    listener.finished(done);
    return done;
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }
}
