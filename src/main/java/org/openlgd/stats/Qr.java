package org.openlgd.stats;

import java.util.List;

/**
 * Householder QR factorisation, returning only the upper-triangular factor R. Used for least squares by
 * "tall-skinny QR" (TSQR): the R factors of row blocks, stacked and factorised again, give the R factor of all
 * rows, so a federation can solve the pooled least-squares problem exactly from each site's R.
 */
public final class Qr {
  private Qr() {
  }

  /**
   * The R factor (k x k, upper triangular) of the m x k matrix whose columns are {@code columns} (column-major,
   * each of length m). The input is overwritten. When m &lt; k the missing rows of R are zero.
   */
  public static double[][] r(double[][] columns) {
    int k = columns.length;
    int m = k == 0 ? 0 : columns[0].length;
    int steps = Math.min(m, k);
    for (int j = 0; j < steps; j++) {
      double[] a = columns[j];
      double scale = 0;
      for (int i = j; i < m; i++) {
        scale = Math.max(scale, Math.abs(a[i]));
      }
      if (scale == 0) {
        continue;
      }
      double norm2 = 0;
      for (int i = j; i < m; i++) {
        double t = a[i] / scale;
        norm2 += t * t;
      }
      double norm = scale * Math.sqrt(norm2);
      double alpha = a[j] > 0 ? -norm : norm;
      // Householder vector v = a[j..m) - alpha e1, stored in place; v'v = 2 norm (norm + |a_jj|)
      a[j] -= alpha;
      double vtv = -2 * alpha * a[j];
      if (vtv == 0) {
        a[j] = alpha;
        continue;
      }
      for (int c = j + 1; c < k; c++) {
        double[] b = columns[c];
        double dot = 0;
        for (int i = j; i < m; i++) {
          dot += a[i] * b[i];
        }
        double s = 2 * dot / vtv;
        if (s != 0) {
          for (int i = j; i < m; i++) {
            b[i] -= s * a[i];
          }
        }
      }
      a[j] = alpha;
    }
    double[][] r = new double[k][k];
    for (int c = 0; c < k; c++) {
      for (int row = 0; row <= c && row < m; row++) {
        r[row][c] = columns[c][row];
      }
    }
    // Sign convention: non-negative diagonal, so that R is unique for full-rank input.
    for (int row = 0; row < k; row++) {
      if (r[row][row] < 0) {
        for (int c = row; c < k; c++) {
          r[row][c] = -r[row][c];
        }
      }
    }
    return r;
  }

  /** The R factor of the row-wise stack of several k x k R factors (the TSQR reduction step). */
  public static double[][] combine(List<double[][]> factors) {
    if (factors.isEmpty()) {
      throw new IllegalArgumentException("no R factors to combine");
    }
    int k = factors.get(0).length;
    int m = k * factors.size();
    double[][] cols = new double[k][m];
    int at = 0;
    for (double[][] r : factors) {
      if (r.length != k) {
        throw new IllegalArgumentException("R factors differ in size: " + r.length + " vs " + k);
      }
      for (int row = 0; row < k; row++) {
        if (r[row].length != k) {
          throw new IllegalArgumentException("R factor row " + row + " has " + r[row].length + " entries, expected " + k);
        }
        for (int c = 0; c < k; c++) {
          cols[c][at + row] = r[row][c];
        }
      }
      at += k;
    }
    return r(cols);
  }
}
