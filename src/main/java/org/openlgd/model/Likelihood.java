package org.openlgd.model;

import org.openlgd.stats.LeastSquares;

/**
 * A fit's log-likelihood and information criteria, for the models that have a likelihood: AIC = -2 l + 2 k and
 * BIC = -2 l + k ln n, k the parameters estimated (as R's {@code AIC} and {@code BIC} count them: a scale parameter
 * included, an absent intercept not).
 *
 * <ul>
 *   <li>{@code ols}: the Gaussian log-likelihood at the maximum, -n/2 (ln(2 pi RSS / n) + 1); k counts sigma;</li>
 *   <li>{@code beta}, {@code tobit}, {@code cure-logit}, {@code total-loss-logit}: -deviance / 2 (for the logits of
 *       a 0/1 target the deviance is -2 l); k counts log precision and log sigma;</li>
 *   <li>{@code two-stage}: the sum of its three stages' log-likelihoods (the hurdle model's likelihood factors into
 *       them), k their parameters together, n every row;</li>
 *   <li>none for {@code fractional-logit} (a quasi-likelihood) and {@code sgd} (no likelihood at its estimate).</li>
 * </ul>
 *
 * @param parameters k
 * @param n          the rows the fit rests on
 */
public record Likelihood(double logLikelihood, int parameters, long n) {
  public double aic() {
    return -2 * logLikelihood + 2 * parameters;
  }

  public double bic() {
    return -2 * logLikelihood + parameters * Math.log(n);
  }

  /** The fit's likelihood, or null for a model without one. */
  public static Likelihood of(Fit fit) {
    Fit.Details d = fit.details();
    if (d.ols() != null) {
      LeastSquares.OlsFit ols = d.ols();
      double l = -ols.n() / 2.0 * (Math.log(2 * Math.PI * ols.rss() / ols.n()) + 1);
      return new Likelihood(l, ols.coefficients().length - (ols.constant() ? 0 : 1) + 1, ols.n());
    }
    if (d.stages().isEmpty() || d.stages().stream().anyMatch(s -> s.model() == Model.FRACTIONAL_LOGIT)) {
      return null;
    }
    double l = d.stages().stream().mapToDouble(s -> -s.deviance() / 2).sum();
    int absent = fit.intercept() ? 0 : d.stages().size();
    return new Likelihood(l, fit.coefficients().length - absent, fit.n());
  }
}
