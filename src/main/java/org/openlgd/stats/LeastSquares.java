package org.openlgd.stats;

import java.util.List;
import org.openlgd.data.Dataset;

/**
 * Exact linear least squares with an intercept, computed from R factors so that a federation of sites gives
 * the same answer as one fit on all their rows pooled.
 *
 * <p>Each site factorises its augmented matrix A = [1, X, y] (n x (p+2)) as A = QR and shares only R, which
 * carries the same information as the cross-products A'A (n, sums, sums of squares and cross-products) but
 * is better conditioned. The coordinator stacks the sites' R factors and factorises again: the result is the
 * R factor of all rows. With R = [[R11, r], [0, rho]] (R11 of size p+1), the coefficients solve R11 b = r,
 * the residual sum of squares is rho^2, and the total sum of squares about the mean is the squared norm of
 * the target column of R below its first entry.
 */
public final class LeastSquares {
  private LeastSquares() {
  }

  /**
   * The R factor of [1, X, y] for the rows of {@code data}; with weighted rows, of W^(1/2) [1, X, y] (weighted least
   * squares: the fit minimises sum w e^2, and the total sum of squares is taken about the weighted mean).
   */
  public static double[][] localR(Dataset data) {
    int n = data.rows();
    int p = data.featureCount();
    double[][] cols = new double[p + 2][n];
    double[] root = new double[n];
    for (int i = 0; i < n; i++) {
      root[i] = data.weighted() ? Math.sqrt(data.weight(i)) : 1;
    }
    System.arraycopy(root, 0, cols[0], 0, n);
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < n; i++) {
        cols[j + 1][i] = root[i] * data.x(j, i);
      }
    }
    for (int i = 0; i < n; i++) {
      cols[p + 1][i] = root[i] * data.y(i);
    }
    return Qr.r(cols);
  }

  /** Solves the least-squares problem whose augmented R factor (from {@link #localR} or combined) is given. */
  public static OlsFit solve(double[][] r, long n) {
    return solve(r, n, true);
  }

  /**
   * As {@link #solve(double[][], long)}; without a {@code constant}, the fit through the origin: the R factor of
   * [X, y] is the R factor of the given one without its first column (R'R = A'A, so dropping a column of A drops a
   * row and column of R'R), the intercept is reported as 0 with no standard error, and the total sum of squares is
   * taken about 0 (uncentered, as statsmodels does for a model without a constant).
   */
  public static OlsFit solve(double[][] r, long n, boolean constant) {
    if (!constant) {
      int k = r.length;
      double[][] cols = new double[k - 1][k];
      for (int j = 1; j < k; j++) {
        for (int i = 0; i < k; i++) {
          cols[j - 1][i] = r[i][j];
        }
      }
      OlsFit free = fit(Qr.r(cols), n, false);
      double[] b = new double[k - 1];
      double[] se = new double[k - 1];
      se[0] = Double.NaN;
      System.arraycopy(free.coefficients(), 0, b, 1, k - 2);
      System.arraycopy(free.standardErrors(), 0, se, 1, k - 2);
      return new OlsFit(b, se, free.rss(), free.tss(), free.rSquared(), free.residualStdError(), n, false);
    }
    return fit(r, n, true);
  }

  private static OlsFit fit(double[][] r, long n, boolean constant) {
    int k = r.length;
    int q = k - 1; // number of coefficients, intercept included
    if (q < 1) {
      throw new IllegalArgumentException("R factor too small");
    }
    double maxDiag = 0;
    for (int i = 0; i < q; i++) {
      maxDiag = Math.max(maxDiag, Math.abs(r[i][i]));
    }
    for (int i = 0; i < q; i++) {
      if (!(Math.abs(r[i][i]) > maxDiag * 1e-13)) {
        throw new SingularMatrixException("the design matrix is rank deficient (column " + i
            + " is a linear combination of earlier ones, or there are fewer rows than coefficients)");
      }
    }
    double[] beta = new double[q];
    for (int i = q - 1; i >= 0; i--) {
      double s = r[i][q];
      for (int c = i + 1; c < q; c++) {
        s -= r[i][c] * beta[c];
      }
      beta[i] = s / r[i][i];
    }
    double rss = r[q][q] * r[q][q];
    double tss = 0;
    for (int row = constant ? 1 : 0; row <= q; row++) {
      tss += r[row][q] * r[row][q];
    }
    long dof = n - q;
    double sigma2 = dof > 0 ? rss / dof : Double.NaN;
    // (R11'R11)^-1 = R11^-1 R11^-T; standard error i = sigma * ||row i of R11^-1||
    double[][] inv = upperInverse(r, q);
    double[] se = new double[q];
    for (int i = 0; i < q; i++) {
      double s = 0;
      for (int c = i; c < q; c++) {
        s += inv[i][c] * inv[i][c];
      }
      se[i] = Math.sqrt(sigma2 * s);
    }
    double r2 = tss > 0 ? 1 - rss / tss : Double.NaN;
    return new OlsFit(beta, se, rss, tss, r2, Math.sqrt(sigma2), n, true);
  }

  /** Inverse of the leading q x q block of upper-triangular {@code r}. */
  private static double[][] upperInverse(double[][] r, int q) {
    double[][] inv = new double[q][q];
    for (int col = 0; col < q; col++) {
      inv[col][col] = 1 / r[col][col];
      for (int row = col - 1; row >= 0; row--) {
        double s = 0;
        for (int c = row + 1; c <= col; c++) {
          s += r[row][c] * inv[c][col];
        }
        inv[row][col] = -s / r[row][row];
      }
    }
    return inv;
  }

  /** Pooled fit of several data sets through their R factors (what a federation computes). */
  public static OlsFit fitFederated(List<Dataset> sites) {
    List<double[][]> rs = sites.stream().map(LeastSquares::localR).toList();
    long n = sites.stream().mapToLong(Dataset::rows).sum();
    return solve(Qr.combine(rs), n);
  }

  public static OlsFit fit(Dataset data) {
    return solve(localR(data), data.rows());
  }

  /**
   * Result of a least-squares fit; arrays hold the intercept first, then the features in order.
   *
   * @param constant false for a fit through the origin: its intercept is 0, with no standard error
   */
  public record OlsFit(double[] coefficients, double[] standardErrors, double rss, double tss, double rSquared,
                       double residualStdError, long n, boolean constant) {
    /** The coefficient table with t statistics on n - p degrees of freedom (p the coefficients estimated). */
    public Inference inference() {
      return Inference.of(coefficients, standardErrors, n - coefficients.length + (constant ? 0 : 1),
          "classical (homoskedastic)");
    }
  }

  /** The design matrix has no unique least-squares solution. */
  public static final class SingularMatrixException extends EstimationException {
    public SingularMatrixException(String message) {
      super(message);
    }
  }
}
