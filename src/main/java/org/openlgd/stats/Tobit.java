package org.openlgd.stats;

import org.apache.commons.math3.special.Erf;
import org.openlgd.data.Dataset;

/**
 * The two-limit Tobit model: LGD as a normal latent variable y* = x'b + sigma e, e ~ N(0, 1), seen censored at 0
 * and 1 (y = 0 when y* &lt;= 0, y = 1 when y* &gt;= 1, else y = y*). The parameters reported are (b, log sigma), as
 * R's {@code AER::tobit} reports them ({@value #SIGMA} last).
 *
 * <p>The rounds run in Olsen's parametrization (d = b / sigma, t = 1 / sigma), where the log-likelihood is concave:
 * Newton steps on the summed score and observed information never meet an indefinite Hessian, whatever the start.
 * Servers take (b, log sigma), as posted; their statistics are in (d, t). At the estimate, {@link #fit} maps the
 * estimate back and the covariance by the delta method, which at a maximum equals the inverse of the observed
 * information in (b, log sigma). Row weights multiply each row's log-likelihood (case weights, as survreg's).
 */
public final class Tobit {
  public static final String SIGMA = "log_sigma";
  public static final int MAX_ROUNDS = 100;
  public static final double TOLERANCE = 1e-13;
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  /** Below this, log Phi and the Mills ratio come from the tail series (erfc underflows towards -38). */
  private static final double TAIL = -30;

  private Tobit() {
  }

  /** The parameters the servers take, (b, log sigma), from the iteration's (d, t). */
  public static double[] natural(double[] olsen) {
    int k = olsen.length;
    double t = olsen[k - 1];
    double[] out = new double[k];
    for (int j = 0; j < k - 1; j++) {
      out[j] = olsen[j] / t;
    }
    out[k - 1] = 0.0 - Math.log(t); // 0.0 - 0.0 is 0.0 (a plain minus would make it -0.0)
    return out;
  }

  /** One site's statistics at (b, log sigma): score, observed information and meat in (d, t); -2 log-likelihood. */
  public static ScoreStatistics statistics(Dataset d, double[] theta) {
    int p = d.featureCount();
    int k = p + 2;
    if (theta.length != k) {
      throw new IllegalArgumentException("expected " + k + " parameters (intercept, features, log sigma), got "
          + theta.length);
    }
    double t = Math.exp(-theta[k - 1]);
    double[] delta = new double[p + 1];
    for (int j = 0; j <= p; j++) {
      delta[j] = theta[j] * t;
    }
    double[] g = new double[k];
    double[][] info = new double[k][k];
    double[][] meat = new double[k][k];
    double[] z = new double[k];
    double loglik = 0;
    long n = 0;
    for (int i = 0; i < d.rows(); i++) {
      double y = d.y(i);
      if (!(y >= 0 && y <= 1)) {
        throw new EstimationException(d.source() + ": target '" + d.target() + "' is " + y + " in data row " + (i + 1)
            + "; the Tobit model takes LGD in [0, 1] (0 and 1 censored)");
      }
      n++;
      double w = d.weight(i);
      double eta = delta[0];
      z[0] = 1;
      for (int j = 0; j < p; j++) {
        z[j + 1] = d.x(j, i);
        eta += delta[j + 1] * z[j + 1];
      }
      // the row's log-likelihood l, dl/d(eta-part) along the direction z (with its t entry), and d2l along it
      double l;
      double first;
      double second;
      if (y == 0 || y == 1) {
        // censored: l = log Phi(c), c = eta - t (right) or t * 0 - eta (left); z is dc/d(d, t)
        double c = y == 1 ? eta - t : -eta;
        double sign = y == 1 ? 1 : -1;
        for (int j = 0; j <= p; j++) {
          z[j] *= sign;
        }
        z[k - 1] = y == 1 ? -1 : 0;
        double lambda = millsRatio(c);
        l = logPhi(c);
        first = lambda;
        second = -lambda * (lambda + c);
        accumulate(w, z, first, second, g, info, meat, k, 0);
      } else {
        // observed: l = log t - log sqrt(2 pi) - r^2 / 2, r = t y - eta
        double r = t * y - eta;
        l = Math.log(t) - LOG_SQRT_2PI - r * r / 2;
        // along u = (-x, y): dl = -r * u . (dd, dt) + dt / t; d2l = -u u' - e_t e_t' / t^2
        z[k - 1] = y;
        for (int j = 0; j <= p; j++) {
          z[j] = -z[j];
        }
        accumulate(w, z, -r, -1, g, info, meat, k, 1 / t);
      }
      loglik += w * l;
    }
    for (int u = 0; u < k; u++) {
      for (int v = u + 1; v < k; v++) {
        info[u][v] = info[v][u];
        meat[u][v] = meat[v][u];
      }
    }
    return new ScoreStatistics(n, g, info, meat, -2 * loglik, Double.NaN);
  }

  /**
   * Adds a row whose log-likelihood depends on (d, t) through the direction {@code z}: l' z to the score, -l'' z z' to
   * the information; {@code invT} (0 for a censored row) is an observed row's log t term, which adds 1/t to dl/dt and
   * 1/t^2 to -d2l/dt2.
   */
  private static void accumulate(double w, double[] z, double first, double second, double[] g, double[][] info,
                                 double[][] meat, int k, double invT) {
    for (int u = 0; u < k; u++) {
      double su = first * z[u] + (u == k - 1 ? invT : 0);
      g[u] += w * su;
      for (int v = 0; v <= u; v++) {
        double sv = first * z[v] + (v == k - 1 ? invT : 0);
        meat[u][v] += w * su * sv;
        info[u][v] -= w * second * z[u] * z[v];
      }
    }
    info[k - 1][k - 1] += w * invT * invT;
  }

  /** log Phi(c), accurate far in the lower tail. */
  static double logPhi(double c) {
    if (c > TAIL) {
      return Math.log(0.5 * Erf.erfc(-c / Math.sqrt(2)));
    }
    return -c * c / 2 - LOG_SQRT_2PI - Math.log(-c) + Math.log(tailSeries(c));
  }

  /** phi(c) / Phi(c), the inverse Mills ratio, accurate far in the lower tail. */
  static double millsRatio(double c) {
    if (c > TAIL) {
      return Math.exp(-c * c / 2 - LOG_SQRT_2PI - logPhi(c));
    }
    return -c / tailSeries(c);
  }

  /**
   * Phi(c) (-c) / phi(c) for c &lt;= {@value #TAIL}: the asymptotic series 1 - 1/c^2 + 3/c^4 - 15/c^6 ..., whose
   * twelfth term is below 1e-20 there.
   */
  private static double tailSeries(double c) {
    double c2 = c * c;
    double term = 1;
    double sum = 1;
    for (int n = 1; n <= 12; n++) {
      term *= -(2 * n - 1) / c2;
      sum += term;
    }
    return sum;
  }

  /** The expected LGD: the censored mean E[min(max(y*, 0), 1)] at linear predictor {@code eta} and scale sigma. */
  public static double censoredMean(double eta, double sigma) {
    double a = -eta / sigma;
    double b = (1 - eta) / sigma;
    double pa = Math.exp(logPhi(a));
    double pb = Math.exp(logPhi(b));
    return (1 - pb) + eta * (pb - pa) + sigma * (density(a) - density(b));
  }

  private static double density(double c) {
    return Math.exp(-c * c / 2 - LOG_SQRT_2PI);
  }

  /** The rounds of a fit, in (d, t): from d = 0, t = 1, at most {@value #MAX_ROUNDS}. */
  public static ScoringIteration iteration(int features) {
    double[] start = new double[features + 2];
    start[features + 1] = 1;
    return new ScoringIteration(start, MAX_ROUNDS, TOLERANCE);
  }

  /**
   * The finished fit in (b, log sigma): the estimate mapped back, the covariance (inverse observed information, or
   * the sandwich when {@code robust}) carried over by the delta method.
   */
  public static ScoringIteration.Fit fit(ScoringIteration it, boolean robust) {
    double[] olsen = it.estimate();
    double[][] c = robust ? ScoringIteration.sandwich(it.statistics()) : Cholesky.inverse(it.statistics().information());
    int k = olsen.length;
    double t = olsen[k - 1];
    // J = d(b, log sigma) / d(d, t): db_j/dd_j = 1/t, db_j/dt = -d_j/t^2, dlog sigma/dt = -1/t
    double[][] jac = new double[k][k];
    for (int j = 0; j < k - 1; j++) {
      jac[j][j] = 1 / t;
      jac[j][k - 1] = -olsen[j] / (t * t);
    }
    jac[k - 1][k - 1] = -1 / t;
    double[][] cov = new double[k][k];
    for (int u = 0; u < k; u++) {
      for (int v = 0; v < k; v++) {
        double s = 0;
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            s += jac[u][a] * c[a][b] * jac[v][b];
          }
        }
        cov[u][v] = s;
      }
    }
    return new ScoringIteration.Fit(natural(olsen), cov, it.statistics(), it.rounds(), it.converged(),
        it.objectives(), robust ? "robust (sandwich)" : "model (inverse observed information)");
  }
}
