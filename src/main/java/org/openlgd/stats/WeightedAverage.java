package org.openlgd.stats;

import java.util.List;

/** Row-count weighted averaging of parameter vectors (federated averaging). */
public final class WeightedAverage {
  private WeightedAverage() {
  }

  /**
   * sum_k n_k b_k / sum_k n_k, componentwise. All vectors must have the same length and every weight must be
   * positive.
   */
  public static double[] of(List<double[]> vectors, List<Long> weights) {
    if (vectors.isEmpty() || vectors.size() != weights.size()) {
      throw new IllegalArgumentException("need one weight per vector and at least one vector, got "
          + vectors.size() + " vectors and " + weights.size() + " weights");
    }
    int len = vectors.get(0).length;
    double[] sum = new double[len];
    double total = 0;
    for (int k = 0; k < vectors.size(); k++) {
      double[] v = vectors.get(k);
      long w = weights.get(k);
      if (v.length != len) {
        throw new IllegalArgumentException("vector " + k + " has " + v.length + " entries, expected " + len);
      }
      if (w <= 0) {
        throw new IllegalArgumentException("weight " + k + " must be positive, got " + w);
      }
      for (int j = 0; j < len; j++) {
        sum[j] += w * v[j];
      }
      total += w;
    }
    for (int j = 0; j < len; j++) {
      sum[j] /= total;
    }
    return sum;
  }

  /** max_j |a_j - b_j|. */
  public static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int j = 0; j < a.length; j++) {
      m = Math.max(m, Math.abs(a[j] - b[j]));
    }
    return m;
  }

  /** max_j |b_j - a_j| / max(1, |b_j|): the change from {@code a} to {@code b}, relative for large coefficients. */
  public static double maxRelativeChange(double[] a, double[] b) {
    double m = 0;
    for (int j = 0; j < b.length; j++) {
      m = Math.max(m, Math.abs(b[j] - a[j]) / Math.max(1, Math.abs(b[j])));
    }
    return m;
  }

  /** The Euclidean norm of {@code b - a}: the size of a parameter step, ||delta beta||. */
  public static double l2Diff(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double d = b[j] - a[j];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
