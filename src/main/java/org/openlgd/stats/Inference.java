package org.openlgd.stats;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A coefficient table: estimates with standard errors, test statistics (t with {@code dof} degrees of freedom, or z
 * when {@code dof} is 0), two-sided p-values and 95 % confidence intervals.
 *
 * @param covariance which covariance the standard errors come from, in words
 */
public record Inference(double[] estimates, double[] standardErrors, double[] statistics, double[] pValues,
                        double[] lower, double[] upper, long dof, String covariance) {

  /** Builds the table; {@code dof} > 0 uses Student's t, 0 the normal distribution. */
  public static Inference of(double[] estimates, double[] standardErrors, long dof, String covariance) {
    int k = estimates.length;
    double[] stat = new double[k];
    double[] p = new double[k];
    double[] lo = new double[k];
    double[] hi = new double[k];
    double crit;
    DoubleUnaryOperator lowerTail;
    if (dof > 0) {
      TDistribution t = new TDistribution(null, dof);
      crit = dof >= LARGE_DOF ? cornishFisher(Z975, dof) : refined(t, t.inverseCumulativeProbability(0.975));
      lowerTail = t::cumulativeProbability;
    } else {
      NormalDistribution z = new NormalDistribution(null, 0, 1);
      crit = z.inverseCumulativeProbability(0.975);
      lowerTail = z::cumulativeProbability;
    }
    for (int j = 0; j < k; j++) {
      stat[j] = estimates[j] / standardErrors[j];
      p[j] = Double.isFinite(stat[j]) ? 2 * lowerTail.applyAsDouble(-Math.abs(stat[j])) : Double.NaN;
      lo[j] = estimates[j] - crit * standardErrors[j];
      hi[j] = estimates[j] + crit * standardErrors[j];
    }
    return new Inference(estimates, standardErrors, stat, p, lo, hi, dof, covariance);
  }

  /** The 0.975 quantile of the standard normal distribution. */
  static final double Z975 = 1.959963984540054;
  /**
   * From here on the t quantile is Cornish and Fisher's expansion, whose first omitted term is below 1e-14 here, and
   * commons-math's distribution function, which the Newton steps rest on, has lost digits (1e-12 at 6,000).
   */
  static final long LARGE_DOF = 1_000;

  /**
   * The t quantile with {@code dof} degrees of freedom whose normal quantile is {@code z}, by its expansion in powers
   * of 1/dof to the fourth (Abramowitz and Stegun 26.7.5); used for many degrees of freedom, where commons-math's
   * distribution function loses digits.
   */
  static double cornishFisher(double z, long dof) {
    double v = dof;
    double z2 = z * z;
    double g1 = z * (z2 + 1) / 4;
    double g2 = z * ((5 * z2 + 16) * z2 + 3) / 96;
    double g3 = z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384;
    double g4 = z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160;
    return z + (g1 + (g2 + (g3 + g4 / v) / v) / v) / v;
  }

  /**
   * The 0.975 quantile of {@code t} to the precision of its distribution function: commons-math's inverse stops at an
   * absolute accuracy of 1e-9 (2e-10 off for 1 degree of freedom), so two Newton steps on F(x) = 0.975 follow.
   */
  static double refined(TDistribution t, double x) {
    for (int i = 0; i < 2; i++) {
      x -= (t.cumulativeProbability(x) - 0.975) / t.density(x);
    }
    return x;
  }

  /** Tables side by side (all with the same distribution); the covariance names are joined. */
  public static Inference concat(List<Inference> parts) {
    int k = parts.stream().mapToInt(p -> p.estimates.length).sum();
    double[][] cols = new double[6][k];
    int at = 0;
    for (Inference p : parts) {
      double[][] src = {p.estimates, p.standardErrors, p.statistics, p.pValues, p.lower, p.upper};
      for (int c = 0; c < 6; c++) {
        System.arraycopy(src[c], 0, cols[c], at, src[c].length);
      }
      at += p.estimates.length;
    }
    String names = String.join("; ", parts.stream().map(Inference::covariance).distinct().toList());
    return new Inference(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], parts.get(0).dof, names);
  }

  /** "t" or "z". */
  public String statisticName() {
    return dof > 0 ? "t" : "z";
  }
}
