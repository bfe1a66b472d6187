package org.openlgd.model;

import org.openlgd.stats.ScoreStatistics;

/**
 * What a site reports for one round: its row count and, depending on the model, coefficients (intercept first),
 * the R factor of its augmented design matrix, or score statistics; in a secure round, only a masked share of them.
 * None holds row-level data.
 *
 * @param coefficients intercept then features; {@code null} when the site cannot fit alone (e.g. too few rows for
 *                     a local OLS fit), or in a secure round
 * @param r            upper-triangular R of [1, X, y] for {@link Model#OLS}; {@code null} otherwise
 * @param score        score statistics at the posted parameters, for the scoring models; else null
 * @param computeMs    time the site spent computing it, as it reported (NaN when unknown)
 * @param share        the masked share that stands for the statistics in a secure round; else null
 */
public record LocalEstimate(Model model, long n, int epoch, double[] coefficients, double[][] r,
                            ScoreStatistics score, double computeMs, Share share) implements Shared {
  public LocalEstimate(Model model, long n, int epoch, double[] coefficients, double[][] r) {
    this(model, n, epoch, coefficients, r, null, Double.NaN, null);
  }

  public LocalEstimate(Model model, long n, int epoch, double[] coefficients, double[][] r, ScoreStatistics score,
                       double computeMs) {
    this(model, n, epoch, coefficients, r, score, computeMs, null);
  }

  /** The statistic vector this answer adds to a round's sum (see {@link Family#statistic}). */
  public double[] statistic() {
    return model.family().statistic(this);
  }
}
