package org.openlgd.stats;

import org.apache.commons.math3.special.Gamma;
import org.openlgd.data.Dataset;

/**
 * Beta regression (Ferrari and Cribari-Neto 2004): y | x ~ Beta(mu phi, (1 - mu) phi) with mean
 * mu = logistic(x'b) and constant precision phi = exp(g). Parameters are (b, g), g = log(phi) being the last entry
 * ("log_precision"). Fitted by Fisher scoring on additive statistics (score, expected information, outer products of
 * the row scores, -2 log-likelihood as objective), from b = 0, g = 0; see {@link ScoringIteration}.
 *
 * <p>The beta distribution lives on the open interval: a target of exactly 0 or 1 is refused with the row named
 * ({@link Boundary#REFUSE}, the default), or such rows are left out ({@link Boundary#EXCLUDE}: the fit is then that of
 * the severity stage, 0 &lt; LGD &lt; 1, of a two-stage model). Standard errors: model-based, the inverse expected
 * information (default), or robust (sandwich).
 */
public final class BetaRegression {
  public static final int MAX_ROUNDS = 50;
  /**
   * The stopping rule's bound on the relative change of -2 log-likelihood. Tighter than the fractional logit's:
   * Fisher scoring converges linearly here, and the estimate should be accurate to about 1e-9.
   */
  public static final double TOLERANCE = 1e-13;
  public static final String PRECISION = "log_precision";

  /** What to do with targets of exactly 0 or 1. */
  public enum Boundary {
    REFUSE("refuse"), EXCLUDE("exclude");

    private final String wireName;

    Boundary(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Boundary parse(String s) {
      for (Boundary b : values()) {
        if (b.wireName.equalsIgnoreCase(s.trim())) {
          return b;
        }
      }
      throw new IllegalArgumentException("boundary must be refuse or exclude, got '" + s + "'");
    }
  }

  private BetaRegression() {
  }

  /** The statistics of one site's rows at parameters (b, g). */
  public static ScoreStatistics statistics(Dataset d, double[] theta, Boundary boundary) {
    int p = d.featureCount();
    int k = p + 2;
    if (theta.length != k) {
      throw new IllegalArgumentException("expected " + k + " parameters (intercept, features, log precision), got " + theta.length);
    }
    double phi = Math.exp(theta[k - 1]);
    double psiPhi = Gamma.digamma(phi);
    double triPhi = Gamma.trigamma(phi);
    double lgPhi = Gamma.logGamma(phi);
    double[] g = new double[k];
    double[][] info = new double[k][k];
    double[][] meat = new double[k][k];
    double[] x = new double[p + 1];
    double[] s = new double[k];
    double loglik = 0;
    long n = 0;
    // sums for the pseudo R squared: logit(y) and eta, their squares and product
    double sg = 0;
    double sg2 = 0;
    double se = 0;
    double se2 = 0;
    double sge = 0;
    x[0] = 1;
    for (int i = 0; i < d.rows(); i++) {
      double y = d.y(i);
      if (!(y > 0 && y < 1)) {
        if (boundary == Boundary.EXCLUDE && (y == 0 || y == 1)) {
          continue;
        }
        throw new EstimationException(d.source() + ": target '" + d.target() + "' is " + y + " in data row " + (i + 1)
            + "; beta regression needs 0 < y < 1 (use boundary exclude to fit only the rows strictly inside)");
      }
      n++;
      double wt = d.weight(i);
      double eta = theta[0];
      for (int j = 0; j < p; j++) {
        x[j + 1] = d.x(j, i);
        eta += theta[j + 1] * x[j + 1];
      }
      double mu = 1 / (1 + Math.exp(-eta));
      double dmu = mu * (1 - mu);
      double a = mu * phi;
      double b = (1 - mu) * phi;
      double lny = Math.log(y);
      double ln1y = Math.log1p(-y);
      double psiA = Gamma.digamma(a);
      double psiB = Gamma.digamma(b);
      double triA = Gamma.trigamma(a);
      double triB = Gamma.trigamma(b);
      loglik += wt * (lgPhi - Gamma.logGamma(a) - Gamma.logGamma(b) + (a - 1) * lny + (b - 1) * ln1y);
      double ystar = lny - ln1y;
      sg += ystar;
      sg2 += ystar * ystar;
      se += eta;
      se2 += eta * eta;
      sge += ystar * eta;
      double mustar = psiA - psiB;
      double scoreEta = wt * phi * (ystar - mustar) * dmu;
      double scoreG = wt * phi * (mu * (ystar - mustar) + ln1y - psiB + psiPhi);
      double wEta = wt * phi * phi * (triA + triB) * dmu * dmu;
      double wEtaG = wt * phi * phi * dmu * (triA * mu - triB * (1 - mu));
      double wG = wt * phi * phi * (mu * mu * triA + (1 - mu) * (1 - mu) * triB - triPhi);
      for (int u = 0; u <= p; u++) {
        s[u] = scoreEta * x[u];
      }
      s[k - 1] = scoreG;
      for (int u = 0; u < k; u++) {
        g[u] += s[u];
        for (int v = 0; v <= u; v++) {
          meat[u][v] += s[u] * s[v];
        }
      }
      for (int u = 0; u <= p; u++) {
        for (int v = 0; v <= u; v++) {
          info[u][v] += wEta * x[u] * x[v];
        }
        info[k - 1][u] += wEtaG * x[u];
      }
      info[k - 1][k - 1] += wG;
    }
    for (int u = 0; u < k; u++) {
      for (int v = u + 1; v < k; v++) {
        info[u][v] = info[v][u];
        meat[u][v] = meat[v][u];
      }
    }
    return new ScoreStatistics(n, g, info, meat, -2 * loglik, Double.NaN, new double[] {sg, sg2, se, se2, sge});
  }

  /**
   * Ferrari and Cribari-Neto's pseudo R squared: the squared sample correlation between logit(y) and the linear
   * predictor, from the extra sums of the statistics at the estimate.
   */
  public static double pseudoRSquared(ScoreStatistics s) {
    double[] e = s.extra();
    if (e.length != 5 || s.n() < 2) {
      return Double.NaN;
    }
    double n = s.n();
    double cov = e[4] - e[0] * e[2] / n;
    double vg = e[1] - e[0] * e[0] / n;
    double ve = e[3] - e[2] * e[2] / n;
    return vg > 0 && ve > 0 ? cov * cov / (vg * ve) : Double.NaN;
  }

  /** The rounds of a fit: from b = 0 and phi = 1, at most {@value #MAX_ROUNDS}. */
  public static ScoringIteration iteration(int features) {
    return new ScoringIteration(new double[features + 2], MAX_ROUNDS, TOLERANCE);
  }

  /** The finished fit; {@code robust} selects the sandwich instead of the inverse expected information. */
  public static ScoringIteration.Fit fit(ScoringIteration it, boolean robust) {
    double[][] cov = robust ? ScoringIteration.sandwich(it.statistics()) : Cholesky.inverse(it.statistics().information());
    return new ScoringIteration.Fit(it.estimate(), cov, it.statistics(), it.rounds(), it.converged(), it.objectives(),
        robust ? "robust (sandwich)" : "model (inverse expected information)");
  }

}
