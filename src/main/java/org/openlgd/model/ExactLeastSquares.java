package org.openlgd.model;

import java.util.List;
import org.openlgd.stats.BetaRegression.Boundary;
import org.openlgd.stats.LeastSquares;

/**
 * Exact linear least squares: each server shares the R factor of its {@code [1, X, y]} (with its own fit, when it has
 * rows enough); the coordinator stacks the factors into the R factor of all rows and solves the pooled problem in one
 * round. Every server must answer.
 */
public final class ExactLeastSquares implements Family {
  static final ExactLeastSquares FAMILY = new ExactLeastSquares();

  private ExactLeastSquares() {
  }

  @Override
  public Traits traits() {
    return new Traits(ReplyContent.R_FACTOR, true, false);
  }

  /** The R factor, and the local fit unless the server's rows alone do not determine one. */
  @Override
  public LocalEstimate start(LocalModel site, Model model, Boundary boundary) {
    double[][] r = LeastSquares.localR(site.data());
    double[] beta;
    try {
      beta = LeastSquares.solve(r, site.data().rows()).coefficients();
    } catch (LeastSquares.SingularMatrixException e) {
      beta = null;
    }
    return new LocalEstimate(model, site.data().rows(), 0, beta, r);
  }

  /** The posted parameters are not needed: the answer is the cold start's. */
  @Override
  public LocalEstimate update(LocalModel site, Model model, double[] parameters, int epoch, Boundary boundary) {
    return start(site, model, boundary);
  }

  @Override
  public Protocol protocol(Model model, FitSettings settings, List<String> features) {
    return new Protocol() {
      private boolean asked;
      private LeastSquares.OlsFit fit;

      @Override
      public RoundRequest next() {
        if (asked) {
          return null;
        }
        asked = true;
        return new RoundRequest("local statistics", model, 0, null, settings.boundary());
      }

      @Override
      public RoundSummary accept(Replies replies, Aggregator aggregator) {
        fit = aggregator.pooled(replies.estimates(), settings.intercept());
        return new RoundSummary(1, fit.coefficients(), Double.NaN, Double.NaN);
      }

      @Override
      public Fit result() {
        return new Fit(model, fit.coefficients(), fit.n(), 1, true, Fit.Details.leastSquares(fit), settings.intercept());
      }
    };
  }
}
