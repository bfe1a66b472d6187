package org.openlgd.stats;

import java.util.ArrayList;
import java.util.List;
import org.openlgd.data.Dataset;

/**
 * The fractional logit of Papke and Wooldridge (1996): E[y | x] = logistic(x'b) for y in [0, 1], estimated by the
 * Bernoulli quasi-likelihood (a binomial GLM with logit link on fractional responses), by Newton's method on
 * additive statistics ({@link ScoreStatistics}).
 *
 * <p>Round k evaluates the statistics at b_k (b_0 = 0), sums them over sites, and either stops, when
 * |D_k - D_(k-1)| / (|D_k| + 0.1) &lt; {@value #TOLERANCE} (D the deviance), or takes the Newton step
 * b_(k+1) = b_k + A^-1 g, A the information and g the score; at most {@value #MAX_ROUNDS} rounds. Standard
 * errors: robust (HC0 sandwich A^-1 B A^-1, B = sum (y - mu)^2 x x'), the default since the quasi-likelihood is
 * not the true distribution of a fraction; or model-based (quasi-binomial: phi A^-1, phi = Pearson chi2 / (n - p)).
 */
public final class FractionalLogit {
  public static final double TOLERANCE = 1e-10;
  public static final int MAX_ROUNDS = 25;

  private FractionalLogit() {
  }

  /** Which covariance the standard errors come from. */
  public enum Covariance {
    ROBUST("robust"), MODEL("model");

    private final String wireName;

    Covariance(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Covariance parse(String s) {
      for (Covariance c : values()) {
        if (c.wireName.equalsIgnoreCase(s.trim())) {
          return c;
        }
      }
      throw new IllegalArgumentException("--se must be robust or model, got '" + s + "'");
    }
  }

  /** Checks that every target value is a fraction in [0, 1]; the message names the first offending row. */
  public static void checkFractions(Dataset d) {
    for (int i = 0; i < d.rows(); i++) {
      double y = d.y(i);
      if (!(y >= 0 && y <= 1)) {
        throw new IllegalArgumentException(d.source() + ": target '" + d.target() + "' is " + y + " in data row " + (i + 1)
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
    double[][] a = new double[k][k];
    double[][] b = new double[k][k];
    double[] x = new double[k];
    double dev = 0;
    double pearson = 0;
    x[0] = 1;
    for (int i = 0; i < d.rows(); i++) {
      double eta = beta[0];
      for (int j = 0; j < p; j++) {
        x[j + 1] = d.x(j, i);
        eta += beta[j + 1] * x[j + 1];
      }
      double y = d.y(i);
      double mu = 1 / (1 + Math.exp(-eta));
      double w = mu * (1 - mu);
      double r = y - mu;
      // -y ln(mu) - (1 - y) ln(1 - mu) = y softplus(-eta) + (1 - y) softplus(eta)
      dev += 2 * (xlogx(y) + xlogx(1 - y) + y * softplus(-eta) + (1 - y) * softplus(eta));
      pearson += w > 0 ? r * r / w : 0;
      for (int u = 0; u < k; u++) {
        g[u] += r * x[u];
        double wu = w * x[u];
        double ru = r * r * x[u];
        for (int v = 0; v <= u; v++) {
          a[u][v] += wu * x[v];
          b[u][v] += ru * x[v];
        }
      }
    }
    for (int u = 0; u < k; u++) {
      for (int v = u + 1; v < k; v++) {
        a[u][v] = a[v][u];
        b[u][v] = b[v][u];
      }
    }
    return new ScoreStatistics(d.rows(), g, a, b, dev, pearson);
  }

  /** b + A^-1 g. */
  public static double[] newtonStep(double[] beta, ScoreStatistics total) {
    double[] delta = Cholesky.solve(total.information(), total.gradient());
    double[] next = beta.clone();
    for (int j = 0; j < next.length; j++) {
      next[j] += delta[j];
    }
    return next;
  }

  /** The stopping rule on the deviance of two successive rounds. */
  public static boolean converged(double previousDeviance, double deviance) {
    return Math.abs(deviance - previousDeviance) / (Math.abs(deviance) + 0.1) < TOLERANCE;
  }

  /** The covariance matrix of the estimate from the statistics at the estimate. */
  public static double[][] covariance(ScoreStatistics total, Covariance type) {
    double[][] inv = Cholesky.inverse(total.information());
    int k = inv.length;
    if (type == Covariance.MODEL) {
      double phi = total.pearson() / (total.n() - k);
      double[][] out = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          out[i][j] = phi * inv[i][j];
        }
      }
      return out;
    }
    return multiply(multiply(inv, total.meat()), inv);
  }

  /** A fit, with the rounds it took. */
  public record Fit(double[] coefficients, double[][] covariance, ScoreStatistics statistics, int rounds,
                    boolean converged, List<Double> deviances) {
    public double[] standardErrors() {
      double[] se = new double[coefficients.length];
      for (int i = 0; i < se.length; i++) {
        se[i] = Math.sqrt(covariance[i][i]);
      }
      return se;
    }

    /** The coefficient table with z statistics; {@code type} names the covariance used. */
    public Inference inference(Covariance type) {
      return Inference.of(coefficients, standardErrors(), 0,
          type == Covariance.ROBUST ? "robust (HC0 sandwich)" : "model (quasi-binomial, Pearson dispersion)");
    }
  }

  /**
   * The coordinator's side of the rounds: which coefficients to evaluate next, and when to stop. Feed it the pooled
   * statistics at {@link #beta()} each round.
   */
  public static final class Iteration {
    private double[] beta;
    private double previous = Double.NaN;
    private int rounds;
    private boolean converged;
    private ScoreStatistics last;
    private final List<Double> deviances = new ArrayList<>();

    /** Starts from zero coefficients; {@code k} counts the intercept. */
    public Iteration(int k) {
      beta = new double[k];
    }

    /** The coefficients at which the next round evaluates the statistics (the estimate once finished). */
    public double[] beta() {
      return beta.clone();
    }

    public int rounds() {
      return rounds;
    }

    /** Takes the pooled statistics at {@link #beta()}; returns true when the fit is finished. */
    public boolean accept(ScoreStatistics total) {
      rounds++;
      deviances.add(total.deviance());
      converged = rounds > 1 && FractionalLogit.converged(previous, total.deviance());
      if (converged || rounds == MAX_ROUNDS) {
        last = total;
        return true;
      }
      previous = total.deviance();
      beta = newtonStep(beta, total);
      return false;
    }

    /** The finished fit. */
    public Fit fit(Covariance type) {
      if (last == null) {
        throw new IllegalStateException("the iteration has not finished");
      }
      return new Fit(beta.clone(), covariance(last, type), last, rounds, converged, List.copyOf(deviances));
    }
  }

  /** The federated fit over several sites' rows, computed in one place (the reference for tests and standalone). */
  public static Fit fit(List<Dataset> sites, Covariance type) {
    for (Dataset d : sites) {
      checkFractions(d);
    }
    Iteration it = new Iteration(sites.get(0).featureCount() + 1);
    boolean done = false;
    while (!done) {
      double[] beta = it.beta();
      List<ScoreStatistics> parts = new ArrayList<>();
      for (Dataset d : sites) {
        parts.add(statistics(d, beta));
      }
      done = it.accept(ScoreStatistics.sum(parts));
    }
    return it.fit(type);
  }

  private static double xlogx(double v) {
    return v > 0 ? v * Math.log(v) : 0;
  }

  private static double softplus(double t) {
    return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int m = b[0].length;
    double[][] out = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < b.length; k++) {
        double aik = a[i][k];
        for (int j = 0; j < m; j++) {
          out[i][j] += aik * b[k][j];
        }
      }
    }
    return out;
  }
}
