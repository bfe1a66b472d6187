package org.openlgd.stats;

import java.util.SplittableRandom;
import org.openlgd.data.Dataset;

/**
 * Linear regression with squared loss by stochastic gradient descent: one shuffled pass over the rows per call
 * ("epoch"), warm-started from given coefficients. This is the estimator of the original openLGD (scikit-learn's
 * {@code SGDRegressor} with {@code max_iter=1}), made scale-free and reproducible:
 *
 * <ul>
 *   <li><b>Standardisation.</b> Features are centred and scaled by this site's mean and standard deviation
 *       for the pass; coefficients come in and go out on the original scale, so sites with different data can
 *       average them. On standardised features the loss is well conditioned and one step size suits all.
 *   <li><b>Learning rate.</b> Step t (counted over all epochs: t = epoch * n + i for the i-th row of the pass)
 *       uses eta_t = eta0 / (1 + eta0 * t). With eta0 = 0.1 the first step moves a tenth of the way, and the
 *       steps then fall like 1/t, the rate under which SGD averages out the noise of single rows. The epoch is
 *       supplied by the caller (0 for a cold start), so a warm start continues the schedule.
 *   <li><b>Shuffling.</b> Rows are visited in a random order drawn from {@code seed} and the epoch, so runs repeat
 *       exactly.
 *   <li>No penalty term.
 * </ul>
 */
public final class LinearSgd {
  /** Default initial step size. */
  public static final double DEFAULT_ETA0 = 0.1;

  private LinearSgd() {
  }

  /**
   * One pass over {@code data}.
   *
   * @param start intercept then one coefficient per feature, on the original scale; {@code null} for zeros
   * @param epoch how many passes came before (0 for a cold start); sets the learning rate and the shuffle
   * @return intercept then coefficients after the pass, on the original scale
   */
  public static double[] pass(Dataset data, double[] start, int epoch, double eta0, long seed) {
    int n = data.rows();
    int p = data.featureCount();
    if (start != null && start.length != p + 1) {
      throw new IllegalArgumentException("expected " + (p + 1) + " starting values, got " + start.length);
    }
    if (!(eta0 > 0) || Double.isInfinite(eta0)) {
      throw new IllegalArgumentException("eta0 must be a positive number, got " + eta0);
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
    double[] mean = new double[p];
    double[] sd = new double[p];
    for (int j = 0; j < p; j++) {
      double m = 0;
      for (int i = 0; i < n; i++) {
        m += data.x(j, i);
      }
      m /= n;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        double d = data.x(j, i) - m;
        ss += d * d;
      }
      mean[j] = m;
      double s = Math.sqrt(ss / n);
      sd[j] = s > 0 ? s : 1.0;
    }
    // to standardised coordinates: theta_j = beta_j * sd_j, theta_0 = beta_0 + sum beta_j mean_j
    double[] theta = new double[p + 1];
    if (start != null) {
      theta[0] = start[0];
      for (int j = 0; j < p; j++) {
        theta[j + 1] = start[j + 1] * sd[j];
        theta[0] += start[j + 1] * mean[j];
      }
    }
    // weighted rows: each step scaled by the row's weight relative to the mean weight, so that the pass minimises the
    // weighted squared loss at the step size of an unweighted pass, whatever the weights' scale
    double[] scale = data.weighted() ? new double[n] : null;
    if (scale != null) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        total += data.weight(i);
      }
      double meanWeight = total / n;
      for (int i = 0; i < n; i++) {
        scale[i] = meanWeight > 0 ? data.weight(i) / meanWeight : 0;
      }
    }
    int[] order = shuffledOrder(n, seed, epoch);
    double[] z = new double[p];
    long t = (long) epoch * n;
    for (int k = 0; k < n; k++, t++) {
      int i = order[k];
      double pred = theta[0];
      for (int j = 0; j < p; j++) {
        z[j] = (data.x(j, i) - mean[j]) / sd[j];
        pred += theta[j + 1] * z[j];
      }
      double step = eta0 / (1 + eta0 * t) * (scale == null ? 1 : scale[i]) * (data.y(i) - pred);
      theta[0] += step;
      for (int j = 0; j < p; j++) {
        theta[j + 1] += step * z[j];
      }
    }
    double[] beta = new double[p + 1];
    beta[0] = theta[0];
    for (int j = 0; j < p; j++) {
      beta[j + 1] = theta[j + 1] / sd[j];
      beta[0] -= beta[j + 1] * mean[j];
    }
    return beta;
  }

  /** A permutation of 0..n-1 that depends only on {@code seed} and {@code epoch} (Fisher-Yates). */
  static int[] shuffledOrder(int n, long seed, int epoch) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }
}
