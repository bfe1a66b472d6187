package org.openlgd.model;

import org.openlgd.stats.ScoreStatistics;

/**
 * What a site reports for one round: its row count and, depending on the model, coefficients (intercept first)
 * and/or the R factor of its augmented design matrix. Neither holds row-level data.
 *
 * @param coefficients intercept then features; {@code null} when the site cannot fit alone (e.g. too few rows for
 *                     a local OLS fit) but still contributes statistics
 * @param r            upper-triangular R of [1, X, y] for {@link Model#OLS}; {@code null} otherwise
 * @param score        score statistics at the posted parameters, for the scoring models; else null
 * @param computeMs    time the site spent computing it, as it reported (NaN when unknown)
 */
public record LocalEstimate(Model model, long n, int epoch, double[] coefficients, double[][] r,
                            ScoreStatistics score, double computeMs) {
  public LocalEstimate(Model model, long n, int epoch, double[] coefficients, double[][] r) {
    this(model, n, epoch, coefficients, r, null, Double.NaN);
  }
}
