package org.openlgd.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Study-level meta-analysis of one coefficient: K servers' own estimates y_k with standard errors s_k, combined by
 * inverse-variance weights (fixed effect) and by DerSimonian and Laird's random effects, as R's
 * {@code metafor::rma(method = "FE")} and {@code rma(method = "DL")} compute them.
 *
 * <p>With w_k = 1 / s_k^2: the fixed-effect estimate sum w y / sum w, its variance 1 / sum w; Cochran's
 * Q = sum w (y - fixed)^2 on K - 1 degrees of freedom (p from the chi-squared distribution); the between-server
 * variance tau^2 = max(0, (Q - (K - 1)) / (sum w - sum w^2 / sum w)); I^2 = max(0, (Q - (K - 1)) / Q) (as a
 * fraction; metafor prints it in percent); the random-effects estimate with weights 1 / (s_k^2 + tau^2). Confidence
 * intervals and p-values from the normal distribution (Wald, 95 %).
 */
public final class MetaAnalysis {
  private static final NormalDistribution NORMAL = new NormalDistribution();
  private static final double Z975 = NORMAL.inverseCumulativeProbability(0.975);

  private MetaAnalysis() {
  }

  /** A pooled estimate with its standard error, 95 % interval, z statistic and two-sided p-value. */
  public record Pooled(double estimate, double se, double ciLow, double ciHigh, double z, double p) {
    static Pooled of(double estimate, double se) {
      double z = estimate / se;
      return new Pooled(estimate, se, estimate - Z975 * se, estimate + Z975 * se, z,
          2 * NORMAL.cumulativeProbability(-Math.abs(z)));
    }
  }

  /**
   * The combination of one coefficient.
   *
   * @param q       Cochran's Q
   * @param qP      its p-value on K - 1 degrees of freedom (NaN for one server)
   * @param iSquared I^2 as a fraction
   * @param tau2    DerSimonian-Laird's between-server variance
   */
  public record Result(Pooled fixed, Pooled random, double q, double qP, double iSquared, double tau2, int servers) {
  }

  /** Combines estimates {@code y} with standard errors {@code se} (all finite, se &gt; 0). */
  public static Result combine(double[] y, double[] se) {
    int k = y.length;
    if (k == 0 || se.length != k) {
      throw new IllegalArgumentException("need one standard error per estimate, and at least one estimate");
    }
    double sw = 0;
    double sw2 = 0;
    double swy = 0;
    for (int i = 0; i < k; i++) {
      if (!(se[i] > 0) || !Double.isFinite(y[i]) || !Double.isFinite(se[i])) {
        throw new IllegalArgumentException("estimate " + i + " has no usable standard error: " + y[i] + " +- " + se[i]);
      }
      double w = 1 / (se[i] * se[i]);
      sw += w;
      sw2 += w * w;
      swy += w * y[i];
    }
    double fixed = swy / sw;
    double q = 0;
    for (int i = 0; i < k; i++) {
      double d = y[i] - fixed;
      q += d * d / (se[i] * se[i]);
    }
    int df = k - 1;
    double qP = df > 0 ? LikelihoodRatio.upperTail(q, df) : Double.NaN;
    double tau2 = df > 0 ? Math.max(0, (q - df) / (sw - sw2 / sw)) : 0;
    double iSquared = df > 0 && q > 0 ? Math.max(0, (q - df) / q) : 0;
    double rw = 0;
    double rwy = 0;
    for (int i = 0; i < k; i++) {
      double w = 1 / (se[i] * se[i] + tau2);
      rw += w;
      rwy += w * y[i];
    }
    return new Result(Pooled.of(fixed, Math.sqrt(1 / sw)), Pooled.of(rwy / rw, Math.sqrt(1 / rw)), q, qP, iSquared,
        tau2, k);
  }
}
