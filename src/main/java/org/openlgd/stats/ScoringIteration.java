package org.openlgd.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The coordinator's side of an exact iterative fit (Newton or Fisher scoring on summed {@link ScoreStatistics}):
 * which parameters to evaluate next, and when to stop. Feed it the pooled statistics at {@link #beta()} each round.
 *
 * <p>From the accepted point b with statistics (g, A, D), the next candidate is b + A^-1 g. A candidate whose
 * objective D (deviance, or -2 log-likelihood) is not above D is accepted; otherwise the step is halved (each
 * halving is a round). The fit has converged when two successive accepted points have
 * |D_k - D_(k-1)| / (|D_k| + 0.1) &lt; {@code tolerance}; it stops unconverged after {@code maxRounds} rounds.
 */
public final class ScoringIteration {
  private static final int MAX_HALVINGS = 30;

  private final int maxRounds;
  private final double tolerance;
  private double[] accepted;
  private ScoreStatistics acceptedStats;
  private ScoreStatistics first;
  private double[] step;
  private double[] candidate;
  private int rounds;
  private int halvings;
  private boolean converged;
  private boolean finished;
  private final List<Double> objectives = new ArrayList<>();

  public ScoringIteration(double[] start, int maxRounds, double tolerance) {
    this.candidate = start.clone();
    this.maxRounds = maxRounds;
    this.tolerance = tolerance;
  }

  /** The parameters at which the next round evaluates the statistics. */
  public double[] beta() {
    return candidate.clone();
  }

  public int rounds() {
    return rounds;
  }

  public int maxRounds() {
    return maxRounds;
  }

  public double tolerance() {
    return tolerance;
  }

  /** Takes the pooled statistics at {@link #beta()}; returns true when the fit is finished. */
  public boolean accept(ScoreStatistics total) {
    if (finished) {
      throw new IllegalStateException("the iteration has finished");
    }
    rounds++;
    if (first == null) {
      first = total;
    }
    double d = total.deviance();
    objectives.add(d);
    boolean better = acceptedStats == null
        || (Double.isFinite(d) && d <= acceptedStats.deviance() + 1e-12 * Math.abs(acceptedStats.deviance()));
    if (!better) {
      if (++halvings > MAX_HALVINGS || rounds >= maxRounds) {
        return finish(false);
      }
      for (int j = 0; j < step.length; j++) {
        step[j] /= 2;
      }
      candidate = add(accepted, step);
      return false;
    }
    boolean settled = acceptedStats != null
        && Math.abs(d - acceptedStats.deviance()) / (Math.abs(d) + 0.1) < tolerance;
    accepted = candidate;
    acceptedStats = total;
    halvings = 0;
    if (settled) {
      return finish(true);
    }
    if (rounds >= maxRounds) {
      return finish(false);
    }
    step = Cholesky.solve(total.information(), total.gradient());
    candidate = add(accepted, step);
    return false;
  }

  private boolean finish(boolean ok) {
    converged = ok;
    finished = true;
    return true;
  }

  /** The estimate (the last accepted point). */
  public double[] estimate() {
    return accepted.clone();
  }

  /** The pooled statistics of the first round (at the starting values). */
  public ScoreStatistics first() {
    return first;
  }

  /** The pooled statistics at the estimate. */
  public ScoreStatistics statistics() {
    return acceptedStats;
  }

  public boolean converged() {
    return converged;
  }

  /** The objective of every round, in order. */
  public List<Double> objectives() {
    return List.copyOf(objectives);
  }

  private static double[] add(double[] a, double[] b) {
    double[] out = a.clone();
    for (int j = 0; j < out.length; j++) {
      out[j] += b[j];
    }
    return out;
  }

  /** A finished fit: estimate, covariance and the statistics at the estimate. */
  public record Fit(double[] coefficients, double[][] covariance, ScoreStatistics statistics, int rounds,
                    boolean converged, List<Double> objectives, String covarianceName) {
    /** The fit with a parameter 0 put first, its variance and covariances unknown (NaN): a model's absent intercept. */
    public Fit withZeroFirst() {
      int k = coefficients.length + 1;
      double[] b = new double[k];
      System.arraycopy(coefficients, 0, b, 1, k - 1);
      double[][] c = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          c[i][j] = i == 0 || j == 0 ? Double.NaN : covariance[i - 1][j - 1];
        }
      }
      return new Fit(b, c, statistics, rounds, converged, objectives, covarianceName);
    }

    public double[] standardErrors() {
      double[] se = new double[coefficients.length];
      for (int i = 0; i < se.length; i++) {
        se[i] = Math.sqrt(covariance[i][i]);
      }
      return se;
    }

    /** The coefficient table with z statistics. */
    public Inference inference() {
      return Inference.of(coefficients, standardErrors(), 0, covarianceName);
    }
  }

  /** A^-1 B A^-1 from the statistics at the estimate. */
  public static double[][] sandwich(ScoreStatistics s) {
    double[][] inv = Cholesky.inverse(s.information());
    return multiply(multiply(inv, s.meat()), inv);
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
