package org.openlgd.model;

import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Covariance;

/**
 * How a fit is to be run, whatever the model.
 *
 * @param epochs    federated-averaging epochs after the cold start (exact models stop by their own rule)
 * @param tolerance federated averaging is reported converged when the last epoch changed no coefficient b by more
 *                  than tolerance * max(1, |b|)
 * @param se        standard errors of the scoring models, or null for the model's default
 * @param boundary  what beta regression does with LGD of exactly 0 or 1
 * @param intercept whether the model has an intercept; without one (a formula's {@code - 1}) the servers still
 *                  compute the intercept's statistics at an intercept of 0, and the coordinator leaves them out
 */
public record FitSettings(int epochs, double tolerance, Covariance se, BetaRegression.Boundary boundary,
                          boolean intercept) {
  public FitSettings(int epochs, double tolerance, Covariance se, BetaRegression.Boundary boundary) {
    this(epochs, tolerance, se, boundary, true);
  }

  /** These settings for a model without an intercept. */
  public FitSettings withoutIntercept() {
    return new FitSettings(epochs, tolerance, se, boundary, false);
  }
}
