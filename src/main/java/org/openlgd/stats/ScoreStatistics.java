package org.openlgd.stats;

import java.util.Arrays;
import java.util.List;

/**
 * Additive statistics of a binomial-family quasi-likelihood at given coefficients, summed over a site's rows. Sums
 * over sites give the pooled statistics exactly, so a coordinator can take the pooled Newton step without rows.
 *
 * @param n           rows
 * @param gradient    score: sum (y - mu) x
 * @param information Fisher information (the negative Hessian for the canonical link): sum mu (1 - mu) x x'
 * @param meat        the middle of the sandwich: sum (y - mu)^2 x x'
 * @param deviance    2 sum [y ln(y / mu) + (1 - y) ln((1 - y) / (1 - mu))]
 * @param pearson     Pearson chi-squared: sum (y - mu)^2 / (mu (1 - mu))
 * @param extra       further additive sums a model needs (beta regression: those of its pseudo R squared); may be
 *                    empty
 */
public record ScoreStatistics(long n, double[] gradient, double[][] information, double[][] meat, double deviance,
                              double pearson, double[] extra) {
  public ScoreStatistics(long n, double[] gradient, double[][] information, double[][] meat, double deviance,
                         double pearson) {
    this(n, gradient, information, meat, deviance, pearson, new double[0]);
  }

  /**
   * The statistics as one vector to add up across sites: n, gradient, information and meat (row by row), deviance,
   * Pearson chi-squared, extra sums.
   */
  public double[] toVector() {
    int k = gradient.length;
    double[] v = new double[1 + k + 2 * k * k + 2 + extra.length];
    v[0] = n;
    System.arraycopy(gradient, 0, v, 1, k);
    for (int i = 0; i < k; i++) {
      System.arraycopy(information[i], 0, v, 1 + k + i * k, k);
      System.arraycopy(meat[i], 0, v, 1 + k + k * k + i * k, k);
    }
    int at = 1 + k + 2 * k * k;
    v[at] = deviance;
    v[at + 1] = Double.isNaN(pearson) ? 0 : pearson;
    System.arraycopy(extra, 0, v, at + 2, extra.length);
    return v;
  }

  /** The statistics of {@link #toVector} with {@code k} parameters (the extra sums are what follows). */
  public static ScoreStatistics fromVector(double[] v, int k) {
    int at = 1 + k + 2 * k * k;
    if (v.length < at + 2) {
      throw new IllegalArgumentException("a vector of " + v.length + " entries is not the statistics of " + k + " parameters");
    }
    int extras = v.length - at - 2;
    double[][] a = new double[k][];
    double[][] b = new double[k][];
    for (int i = 0; i < k; i++) {
      a[i] = Arrays.copyOfRange(v, 1 + k + i * k, 1 + k + (i + 1) * k);
      b[i] = Arrays.copyOfRange(v, 1 + k + k * k + i * k, 1 + k + k * k + (i + 1) * k);
    }
    return new ScoreStatistics((long) v[0], Arrays.copyOfRange(v, 1, 1 + k), a, b, v[at], v[at + 1],
        Arrays.copyOfRange(v, at + 2, at + 2 + extras));
  }

  /** These statistics without the first parameter's entries (a model without an intercept fixed at 0). */
  public ScoreStatistics withoutFirst() {
    int k = gradient.length - 1;
    double[][] a = new double[k][];
    double[][] b = new double[k][];
    for (int i = 0; i < k; i++) {
      a[i] = Arrays.copyOfRange(information[i + 1], 1, k + 1);
      b[i] = Arrays.copyOfRange(meat[i + 1], 1, k + 1);
    }
    return new ScoreStatistics(n, Arrays.copyOfRange(gradient, 1, k + 1), a, b, deviance, pearson, extra);
  }

  /** The name of entry {@code index} of {@link #toVector} for {@code k} parameters. */
  public static String vectorName(int k, int index) {
    int at = 1 + k + 2 * k * k;
    if (index == 0) {
      return "n";
    } else if (index <= k) {
      return "gradient[" + (index - 1) + "]";
    } else if (index < at) {
      int m = (index - 1 - k) % (k * k);
      return (index - 1 - k < k * k ? "information" : "meat") + "[" + m / k + "][" + m % k + "]";
    }
    return index == at ? "deviance" : index == at + 1 ? "pearson" : "extra[" + (index - at - 2) + "]";
  }

  /** The sum over sites. */
  public static ScoreStatistics sum(List<ScoreStatistics> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no statistics to add");
    }
    int k = parts.get(0).gradient.length;
    long n = 0;
    double[] g = new double[k];
    double[][] a = new double[k][k];
    double[][] b = new double[k][k];
    double dev = 0;
    double pearson = 0;
    double[] extra = new double[parts.get(0).extra.length];
    for (ScoreStatistics s : parts) {
      if (s.extra.length != extra.length) {
        throw new IllegalArgumentException("statistics with different extra sums: " + s.extra.length + " vs " + extra.length);
      }
      for (int i = 0; i < extra.length; i++) {
        extra[i] += s.extra[i];
      }
      if (s.gradient.length != k) {
        throw new IllegalArgumentException("statistics of different sizes: " + s.gradient.length + " vs " + k);
      }
      n += s.n;
      dev += s.deviance;
      pearson += s.pearson;
      for (int i = 0; i < k; i++) {
        g[i] += s.gradient[i];
        for (int j = 0; j < k; j++) {
          a[i][j] += s.information[i][j];
          b[i][j] += s.meat[i][j];
        }
      }
    }
    return new ScoreStatistics(n, g, a, b, dev, pearson, extra);
  }
}
