package org.openlgd.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * The likelihood-ratio test of a model against a larger one that nests it, fitted on the same rows: LR = 2 (l_large -
 * l_small) on k_large - k_small degrees of freedom, p = P(chi^2 &gt;= LR) from the upper regularized gamma function
 * (accurate far in the tail, where 1 - cdf is 0).
 *
 * @param statistic LR (a tiny negative value from rounding counts as 0)
 * @param df        the parameters the larger model adds
 * @param p         P(chi^2_df &gt;= LR)
 */
public record LikelihoodRatio(double statistic, int df, double p) {

  public static LikelihoodRatio test(double smallLogLik, int smallParameters, double largeLogLik, int largeParameters) {
    int df = largeParameters - smallParameters;
    if (df <= 0) {
      throw new IllegalArgumentException("the larger model must have more parameters (" + largeParameters + " vs "
          + smallParameters + ")");
    }
    double lr = 2 * (largeLogLik - smallLogLik);
    if (lr < 0 && lr > -1e-8 * Math.abs(largeLogLik)) {
      lr = 0;
    }
    return new LikelihoodRatio(lr, df, lr < 0 ? Double.NaN : upperTail(lr, df));
  }

  /**
   * P(chi^2_df &gt;= x), as the upper regularized gamma function Q(df/2, x/2): 1 - cdf would lose every digit below
   * 1e-16.
   */
  public static double upperTail(double x, int df) {
    return Gamma.regularizedGammaQ(df / 2.0, x / 2);
  }
}
