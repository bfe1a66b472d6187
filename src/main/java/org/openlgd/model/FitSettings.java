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
 */
public record FitSettings(int epochs, double tolerance, Covariance se, BetaRegression.Boundary boundary) {
}
