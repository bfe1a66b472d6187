package org.openlgd.model;

/**
 * How one iterative fit went: rows, rounds, convergence, objective and goodness of fit.
 *
 * @param deviance       the objective at the estimate: the binomial deviance, or -2 log-likelihood for beta
 * @param nullDeviance   the intercept-only deviance of a binomial model; NaN for beta
 * @param pseudoRSquared 1 - deviance / null deviance for binomial models; Ferrari and Cribari-Neto's squared
 *                       correlation of logit(y) and the linear predictor for beta
 */
public record StageSummary(Model model, long n, int rounds, boolean converged, double deviance, double nullDeviance,
                           double pseudoRSquared) {
}
