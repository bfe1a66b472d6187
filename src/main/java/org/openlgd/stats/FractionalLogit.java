package org.openlgd.stats;

import org.openlgd.data.Dataset;

/**
 * The fractional logit of Papke and Wooldridge (1996): E[y | x] = logistic(x'b) for y in [0, 1], estimated by the
 * Bernoulli quasi-likelihood (a binomial GLM with logit link on fractional responses), by Newton's method on
 * additive statistics ({@link ScoreStatistics}).
 *
 * <p>Round k evaluates the statistics at b_k (b_0 = 0), sums them over sites, and either stops, when
 * |D_k - D_(k-1)| / (|D_k| + 0.1) &lt; 1e-10 (D the deviance; see {@link ScoringIteration}), or takes the Newton step
 * b_(k+1) = b_k + A^-1 g, A the information and g the score; at most {@value #MAX_ROUNDS} rounds. Standard
 * errors: robust (HC0 sandwich A^-1 B A^-1, B = sum (y - mu)^2 x x'), the default since the quasi-likelihood is
 * not the true distribution of a fraction; or model-based (quasi-binomial: phi A^-1, phi = Pearson chi2 / (n - p)).
 */
public final class FractionalLogit {
  public static final int MAX_ROUNDS = 25;
  /** The stopping rule's bound on the relative change of the deviance. */
  public static final double TOLERANCE = 1e-10;

  private FractionalLogit() {
  }

  /** Checks that every target value is a fraction in [0, 1]; the message names the first offending row. */
  public static void checkFractions(Dataset d) {
    for (int i = 0; i < d.rows(); i++) {
      double y = d.y(i);
      if (!(y >= 0 && y <= 1)) {
        throw new EstimationException(d.source() + ": target '" + d.target() + "' is " + y + " in data row " + (i + 1)
            + "; the fractional logit needs values in [0, 1]");
      }
    }
  }

  /** The statistics of one site's rows at coefficients {@code beta} (intercept first). */
  public static ScoreStatistics statistics(Dataset d, double[] beta) {
    int p = d.featureCount();
    int k = p + 1;
    if (beta.length != k) {
      throw new IllegalArgumentException("expected " + k + " coefficients, got " + beta.length);
    }
    double[] g = new double[k];
    // lower triangles packed row by row: entry (u, v), v <= u, at u (u + 1) / 2 + v
    double[] a = new double[k * (k + 1) / 2];
    double[] b = new double[k * (k + 1) / 2];
    double[] x = new double[k];
    double dev = 0;
    double pearson = 0;
    double weights = 0;
    x[0] = 1;
    for (int i = 0; i < d.rows(); i++) {
      double wt = d.weight(i);
      weights += wt;
      double eta = beta[0];
      for (int j = 0; j < p; j++) {
        x[j + 1] = d.x(j, i);
        eta += beta[j + 1] * x[j + 1];
      }
      double y = d.y(i);
      double e = Math.exp(-eta);
      double mu = 1 / (1 + e);
      double variance = mu * (1 - mu);
      double w = wt * variance;
      double r = wt * (y - mu);
      double r2 = r * r;
      // -y ln(mu) - (1 - y) ln(1 - mu) = softplus(eta) - y eta, softplus(t) = ln(1 + e^t)
      double softplus = eta > 0 ? eta + Math.log1p(e) : Math.log1p(1 / e);
      double yTerms = y > 0 && y < 1 ? xlogx(y) + xlogx(1 - y) : 0;
      dev += 2 * wt * (yTerms + softplus - y * eta);
      pearson += variance > 0 ? wt * (y - mu) * (y - mu) / variance : 0;
      int at = 0;
      for (int u = 0; u < k; u++) {
        double xu = x[u];
        g[u] += r * xu;
        double wu = w * xu;
        double ru = r2 * xu;
        for (int v = 0; v <= u; v++, at++) {
          a[at] += wu * x[v];
          b[at] += ru * x[v];
        }
      }
    }
    return new ScoreStatistics(d.rows(), g, unpack(a, k), unpack(b, k), dev, pearson,
        d.weighted() ? new double[] {weights} : new double[0]);
  }

  /** The symmetric k x k matrix whose lower triangle is packed in {@code packed}. */
  static double[][] unpack(double[] packed, int k) {
    double[][] m = new double[k][k];
    int at = 0;
    for (int u = 0; u < k; u++) {
      for (int v = 0; v <= u; v++, at++) {
        m[u][v] = packed[at];
        m[v][u] = packed[at];
      }
    }
    return m;
  }

  /**
   * The deviance of the intercept-only model, from the statistics at zero coefficients (the first round): there
   * D(0) = 2 (T + n ln 2) with T = sum [y ln y + (1 - y) ln(1 - y)], and the score's intercept entry is
   * sum y - n / 2; the intercept-only fit has mu = mean y, so D_null = 2 (T - S ln(ybar) - (n - S) ln(1 - ybar)).
   * With weighted rows, n is the sum of the weights (the statistics' one extra sum) and every sum is weighted.
   */
  public static double nullDeviance(ScoreStatistics atZero) {
    double n = atZero.extra().length == 1 ? atZero.extra()[0] : atZero.n();
    double t = atZero.deviance() / 2 - n * Math.log(2);
    double sumY = atZero.gradient()[0] + n / 2;
    double ybar = sumY / n;
    return 2 * (t - xlogxOver(sumY, ybar) - xlogxOver(n - sumY, 1 - ybar));
  }

  /** a ln(b), taken as 0 when a is 0. */
  private static double xlogxOver(double a, double b) {
    return a == 0 ? 0 : a * Math.log(b);
  }

  /** The covariance matrix of the estimate from the statistics at the estimate. */
  public static double[][] covariance(ScoreStatistics total, Covariance type) {
    if (type == Covariance.ROBUST) {
      return ScoringIteration.sandwich(total);
    }
    double[][] inv = Cholesky.inverse(total.information());
    int k = inv.length;
    double phi = total.pearson() / (total.n() - k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        inv[i][j] *= phi;
      }
    }
    return inv;
  }

  /** The rounds of a fit: from zero coefficients, at most {@value #MAX_ROUNDS}. */
  public static ScoringIteration iteration(int features) {
    return new ScoringIteration(new double[features + 1], MAX_ROUNDS, TOLERANCE);
  }

  /** The finished fit of an iteration, with standard errors of the given kind. */
  public static ScoringIteration.Fit fit(ScoringIteration it, Covariance type) {
    return new ScoringIteration.Fit(it.estimate(), covariance(it.statistics(), type), it.statistics(), it.rounds(),
        it.converged(), it.objectives(),
        type == Covariance.ROBUST ? "robust (HC0 sandwich)" : "model (quasi-binomial, Pearson dispersion)");
  }

  private static double xlogx(double v) {
    return v > 0 ? v * Math.log(v) : 0;
  }



}
