package org.openlgd.model;

import java.util.List;
import org.openlgd.stats.Inference;
import org.openlgd.stats.LeastSquares;

/**
 * A finished fit, as its protocol leaves it.
 *
 * @param coefficients intercept then features (then any extra parameters), by {@link Model#parameterNames}
 * @param n            rows the fit rests on
 * @param rounds       epochs after the cold start (federated averaging) or rounds of statistics (exact models)
 * @param details      what an exact fit adds: coefficient table, least-squares figures, objective, stages; or, for
 *                     federated averaging, its distance from the exact pooled fit
 */
public record Fit(Model model, double[] coefficients, long n, int rounds, boolean converged, Details details,
                  boolean intercept) {
  public Fit(Model model, double[] coefficients, long n, int rounds, boolean converged, Details details) {
    this(model, coefficients, n, rounds, converged, details, true);
  }

  /**
   * Whether parameter {@code name} is reported: a model without an intercept keeps the intercept's place at 0 (the
   * servers compute at it) but does not report it.
   */
  public boolean reported(String name) {
    return intercept || !(name.equals("intercept") || name.endsWith(".intercept"));
  }

  /**
   * @param inference        the coefficient table (SE, t or z, p, 95 % CI) of an exact model; else null
   * @param ols              the pooled least-squares figures (R squared, residual SD) of {@code ols}; else null
   * @param deviance         the objective at the estimate of a single scoring fit; else NaN
   * @param stages           how each scoring fit went (one, or three for two-stage); else none
   * @param maxAbsDiffFromPooled for federated averaging: the largest absolute difference from the exact pooled
   *                         least-squares coefficients; else NaN
   */
  public record Details(Inference inference, LeastSquares.OlsFit ols, double deviance, List<StageSummary> stages,
                        double maxAbsDiffFromPooled) {
    /** An approximate fit, {@code maxAbsDiff} from the exact pooled one (NaN when unknown). */
    public static Details approximate(double maxAbsDiff) {
      return new Details(null, null, Double.NaN, List.of(), maxAbsDiff);
    }

    public static Details leastSquares(LeastSquares.OlsFit ols) {
      return new Details(ols.inference(), ols, Double.NaN, List.of(), Double.NaN);
    }

    public static Details scoring(Inference inference, double deviance, List<StageSummary> stages) {
      return new Details(inference, null, deviance, List.copyOf(stages), Double.NaN);
    }
  }
}
