package org.openlgd.model;

import java.util.List;
import org.openlgd.stats.BetaRegression.Boundary;
import org.openlgd.stats.LeastSquares;
import org.openlgd.stats.LinearSgd;
import org.openlgd.stats.WeightedAverage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Federated averaging of local SGD passes, the original openLGD's linear model (approximate). A server answers a cold
 * start with one pass from zero, and an update with one pass warm-started from the posted average, continuing the
 * learning-rate schedule at the posted epoch. The coordinator averages the answers weighted by rows, n_k / sum n,
 * over the servers that answered (a quorum suffices), for {@code epochs} epochs after the cold start; then one more
 * round of R factors gives the exact pooled least-squares fit, and the result says how far the average landed from it.
 */
public final class FedAvg implements Family {
  static final FedAvg FAMILY = new FedAvg();
  private static final Logger LOG = LoggerFactory.getLogger(FedAvg.class);

  private FedAvg() {
  }

  @Override
  public Traits traits() {
    return new Traits(ReplyContent.COEFFICIENTS, false, false);
  }

  @Override
  public LocalEstimate start(LocalModel site, Model model, Boundary boundary) {
    return update(site, model, null, 0, boundary);
  }

  @Override
  public LocalEstimate update(LocalModel site, Model model, double[] parameters, int epoch, Boundary boundary) {
    return new LocalEstimate(model, site.data().rows(), epoch,
        LinearSgd.pass(site.data(), parameters, epoch, site.eta0(), site.seed()), null);
  }

  /** n_k b_k, then n_k: the server's part of the weighted average. */
  @Override
  public double[] statistic(LocalEstimate e) {
    if (e.coefficients() == null) {
      throw new IllegalArgumentException("an estimate without coefficients cannot be averaged");
    }
    int p = e.coefficients().length;
    double[] v = new double[p + 1];
    for (int j = 0; j < p; j++) {
      v[j] = e.n() * e.coefficients()[j];
    }
    v[p] = e.n();
    return v;
  }

  @Override
  public String statisticName(LocalEstimate e, int index) {
    return index == e.coefficients().length ? "n" : "n * parameter " + index;
  }

  @Override
  public Protocol protocol(Model model, FitSettings settings, List<String> features) {
    if (!settings.intercept()) {
      throw new IllegalArgumentException("sgd always fits an intercept; a formula without one (- 1, + 0) needs an exact "
          + "model (ols, fractional-logit, beta, two-stage)");
    }
    return new Rounds(model, settings);
  }

  /** Cold start, {@code epochs} epochs, then the exact reference round. */
  private static final class Rounds implements Protocol {
    private final Model model;
    private final FitSettings settings;
    private int asked = -1;
    private boolean referenceAsked;
    private double[] average;
    private double[] before;
    private long n;
    private double distance = Double.NaN;

    Rounds(Model model, FitSettings settings) {
      this.model = model;
      this.settings = settings;
    }

    @Override
    public RoundRequest next() {
      if (asked < settings.epochs()) {
        asked++;
        return asked == 0 ? new RoundRequest("cold start", model, 0, null, settings.boundary())
            : new RoundRequest("epoch " + asked, model, asked, average.clone(), settings.boundary());
      }
      if (!referenceAsked) {
        referenceAsked = true;
        return new RoundRequest("exact reference", Model.OLS, 0, null, settings.boundary());
      }
      return null;
    }

    @Override
    public RoundSummary accept(Replies replies, Aggregator aggregator) {
      if (referenceAsked) {
        reference(replies, aggregator);
        return null;
      }
      double[] total = aggregator.sum(replies.estimates(), LocalEstimate::statistic);
      int p = total.length - 1;
      double[] avg = new double[p];
      for (int j = 0; j < p; j++) {
        avg[j] = total[j] / total[p];
      }
      double change = average == null ? Double.NaN : WeightedAverage.maxAbsDiff(average, avg);
      before = average;
      average = avg;
      n = (long) total[p];
      return new RoundSummary(asked, avg, change, Double.NaN);
    }

    /** The exact pooled fit, reported only when every server answered (never computed on a subset). */
    private void reference(Replies replies, Aggregator aggregator) {
      if (replies.estimates().isEmpty()) {
        return; // the round was not asked (original openLGD servers have no exact statistics)
      }
      if (!replies.complete()) {
        LOG.warn("no distance from the pooled fit: {} of {} servers answered its round", replies.estimates().size(),
            replies.asked());
        return;
      }
      LeastSquares.OlsFit exact = aggregator.pooled(replies.estimates(), true);
      distance = WeightedAverage.maxAbsDiff(average, exact.coefficients());
    }

    @Override
    public Fit result() {
      boolean converged = settings.epochs() > 0 && WeightedAverage.maxRelativeChange(before, average) <= settings.tolerance();
      return new Fit(model, average, n, settings.epochs(), converged, Fit.Details.approximate(distance));
    }
  }
}
