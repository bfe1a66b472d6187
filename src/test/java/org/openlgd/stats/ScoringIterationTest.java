package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An equivalent mutant PIT reports as surviving: a subtraction for the addition in the private matrix product negates
 * both products of the sandwich A^-1 B A^-1, which leaves it unchanged.
 */
@DisplayName("ScoringIteration: Newton steps, step halving, convergence and failure, on objectives known by hand")
class ScoringIterationTest {
  /** The statistics of D(b) = 2 sum_j (b_j - c_j)^2 / w_j: gradient -dD/2db, information d2D/2db2 (exact Newton). */
  private static ScoreStatistics quadratic(double[] b, double[] c, double[] w) {
    int k = b.length;
    double[] g = new double[k];
    double[][] a = new double[k][k];
    double d = 0;
    for (int j = 0; j < k; j++) {
      g[j] = -2 * (b[j] - c[j]) / w[j];
      a[j][j] = 2 / w[j];
      d += 2 * (b[j] - c[j]) * (b[j] - c[j]) / w[j];
    }
    return new ScoreStatistics(100, g, a, a, d, 0);
  }

  private static ScoringIteration run(ScoringIteration it, Function<double[], ScoreStatistics> at) {
    while (!it.accept(at.apply(it.beta()))) {
      assertThat(it.rounds()).isLessThanOrEqualTo(it.maxRounds());
    }
    return it;
  }

  @Test
  @DisplayName("a quadratic objective: one Newton step lands on the minimum, the next round confirms it (converged "
      + "after 3 rounds), the objectives are recorded in order, and the first statistics are those at the start")
  void newtonOnAQuadratic() {
    double[] c = {1.5, -2};
    double[] w = {1, 4};
    ScoringIteration it = run(new ScoringIteration(new double[] {0, 0}, 25, 1e-10), b -> quadratic(b, c, w));
    assertThat(it.converged()).isTrue();
    assertThat(it.rounds()).isEqualTo(3);
    assertThat(it.estimate()).containsExactly(new double[] {1.5, -2}, offset(1e-15));
    assertThat(it.objectives().get(0)).isCloseTo(2 * 1.5 * 1.5 + 2 * 4 / 4.0, offset(1e-15));
    assertThat(it.objectives().get(1)).isCloseTo(0, offset(1e-15));
    assertThat(it.first().deviance()).isEqualTo(it.objectives().get(0));
    assertThat(it.statistics().deviance()).isEqualTo(it.objectives().get(2));
    assertThat(it.tolerance()).isEqualTo(1e-10);
    assertThatThrownBy(() -> it.accept(quadratic(it.beta(), c, w))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("finished");
  }

  @Test
  @DisplayName("a step that raises the objective is halved, each halving one round, from the accepted point")
  void stepHalving() {
    // information 3 times too small: the first step overshoots to b = 3, D = 2 (3 - 1)^2 = 8 > D(0) = 2
    Function<double[], ScoreStatistics> at = b -> {
      ScoreStatistics s = quadratic(b, new double[] {1}, new double[] {1});
      return new ScoreStatistics(s.n(), s.gradient(), new double[][] {{2 / 3.0}}, s.meat(), s.deviance(), 0);
    };
    ScoringIteration it = new ScoringIteration(new double[] {0}, 200, 1e-12);
    assertThat(it.accept(at.apply(it.beta()))).isFalse();
    assertThat(it.beta()).containsExactly(new double[] {3}, offset(1e-12));
    assertThat(it.accept(at.apply(it.beta()))).isFalse(); // rejected: halved from the accepted 0
    assertThat(it.beta()).containsExactly(new double[] {1.5}, offset(1e-12));
    assertThat(it.estimate()).containsExactly(0.0);
    assertThat(it.accept(at.apply(it.beta()))).isFalse(); // D(1.5) = 0.5 < 2: accepted
    assertThat(it.estimate()).containsExactly(new double[] {1.5}, offset(1e-12));
    assertThat(it.beta()).containsExactly(new double[] {0}, offset(1e-12)); // the next full step, from 1.5
    run(it, at);
    assertThat(it.converged()).isTrue();
    assertThat(it.estimate()[0]).isCloseTo(1, offset(1e-5));
  }

  @Test
  @DisplayName("a NaN objective is a failed step; a fit that keeps failing stops unconverged after 30 halvings, and "
      + "one that is cut off by its rounds stops unconverged at the last accepted point")
  void failures() {
    ScoringIteration nan = new ScoringIteration(new double[] {0}, 100, 1e-12);
    nan.accept(quadratic(nan.beta(), new double[] {1}, new double[] {1}));
    int rounds = 1;
    while (!nan.accept(new ScoreStatistics(1, new double[] {0}, new double[][] {{1}}, new double[][] {{1}}, Double.NaN, 0))) {
      rounds++;
    }
    assertThat(nan.converged()).isFalse();
    assertThat(rounds + 1).isEqualTo(1 + 31);
    assertThat(nan.estimate()).containsExactly(0.0);

    ScoringIteration cut = run(new ScoringIteration(new double[] {0}, 2, 1e-12),
        b -> quadratic(b, new double[] {3}, new double[] {1}));
    assertThat(cut.converged()).isFalse();
    assertThat(cut.rounds()).isEqualTo(2);
    assertThat(cut.estimate()).containsExactly(new double[] {3}, offset(1e-12));

    ScoringIteration cutWhileHalving = new ScoringIteration(new double[] {0}, 2, 1e-12);
    cutWhileHalving.accept(quadratic(cutWhileHalving.beta(), new double[] {3}, new double[] {1}));
    assertThat(cutWhileHalving.accept(new ScoreStatistics(1, new double[] {0}, new double[][] {{1}},
        new double[][] {{1}}, 1e9, 0))).isTrue();
    assertThat(cutWhileHalving.converged()).isFalse();
  }

  @Test
  @DisplayName("convergence is relative: |D_k - D_k-1| / (|D_k| + 0.1) below the tolerance")
  void relativeConvergence() {
    // D falls by 1 per round from 1e6: relative change 1e-6 stops at tolerance 1e-5, not at 1e-7
    double[] d = {1e6};
    Function<double[], ScoreStatistics> falling = b -> {
      d[0] -= 1;
      return new ScoreStatistics(1, new double[] {1}, new double[][] {{1}}, new double[][] {{1}}, d[0], 0);
    };
    ScoringIteration loose = run(new ScoringIteration(new double[] {0}, 10, 1e-5), falling);
    assertThat(loose.converged()).isTrue();
    assertThat(loose.rounds()).isEqualTo(2);
    ScoringIteration tight = run(new ScoringIteration(new double[] {0}, 10, 1e-7), falling);
    assertThat(tight.converged()).isFalse();
    assertThat(tight.rounds()).isEqualTo(10);
  }

  @Test
  @DisplayName("the sandwich A^-1 B A^-1 and a fit with a parameter 0 put first (variances unknown)")
  void sandwichAndZeroFirst() {
    ScoreStatistics s = new ScoreStatistics(5, new double[] {0, 0}, new double[][] {{2, 0}, {0, 4}},
        new double[][] {{8, 2}, {2, 32}}, 1, 0);
    double[][] v = ScoringIteration.sandwich(s);
    assertThat(v[0]).containsExactly(new double[] {2, 0.25}, offset(1e-15));
    assertThat(v[1]).containsExactly(new double[] {0.25, 2}, offset(1e-15));
    ScoringIteration.Fit fit = new ScoringIteration.Fit(new double[] {1, 2}, v, s, 4, true, List.of(1.0), "robust");
    assertThat(fit.standardErrors()).containsExactly(new double[] {Math.sqrt(2), Math.sqrt(2)}, offset(1e-15));
    ScoringIteration.Fit z = fit.withZeroFirst();
    assertThat(z.coefficients()).containsExactly(0, 1, 2);
    assertThat(z.covariance()[0][0]).isNaN();
    assertThat(z.covariance()[1][2]).isCloseTo(0.25, offset(1e-15));
    assertThat(z.covariance()[2][0]).isNaN();
    assertThat(z.rounds()).isEqualTo(4);
    assertThat(fit.inference().statisticName()).isEqualTo("z");
    assertThat(fit.inference().statistics()[1]).isCloseTo(2 / Math.sqrt(2), offset(1e-15));
  }
}
