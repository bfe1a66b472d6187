package org.openlgd.stats;

/** Cholesky factorisation of a symmetric positive-definite matrix, for solves and inverses. */
public final class Cholesky {
  private Cholesky() {
  }

  /** Lower-triangular L with A = L L'; fails with a clear message when A is not positive definite. */
  public static double[][] factor(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = a[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      if (!(d > 1e-14 * Math.abs(a[j][j])) || !(d > 0)) {
        throw new LeastSquares.SingularMatrixException("the information matrix is singular (coefficient " + j
            + " is not identified: a constant or collinear feature, or too few rows)");
      }
      l[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < n; i++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = s / l[j][j];
      }
    }
    return l;
  }

  /** x with A x = b. */
  public static double[] solve(double[][] a, double[] b) {
    return solveFactored(factor(a), b);
  }

  private static double[] solveFactored(double[][] l, double[] b) {
    int n = b.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }

  /** A^-1. */
  public static double[][] inverse(double[][] a) {
    int n = a.length;
    double[][] l = factor(a);
    double[][] inv = new double[n][n];
    for (int c = 0; c < n; c++) {
      double[] e = new double[n];
      e[c] = 1;
      double[] col = solveFactored(l, e);
      for (int r = 0; r < n; r++) {
        inv[r][c] = col[r];
      }
    }
    return inv;
  }
}
