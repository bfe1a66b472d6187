package org.openlgd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.data.Dataset;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Covariance;
import org.openlgd.stats.LeastSquares;
import org.openlgd.stats.LinearSgd;
import org.openlgd.stats.ScoringIteration;
import org.openlgd.stats.Validation;

/**
 * Consistency tests of the weighted fits (statsmodels has no weighted beta regression to compare with): a row of
 * whole weight w counts as w copies of it, so integer weights give the fit of the replicated rows, with the same
 * standard errors for the likelihood models. The statsmodels comparisons of weighted OLS and GLMs are in
 * {@code FormulaFederationTest}.
 */
class WeightedFitsTest {
  private static final int ROWS = 400;

  /** Rows with 0 &lt; y &lt; 1 from a logistic mean, weights 1 to 3, split over two sites; and the replicated rows. */
  private static List<List<Dataset>> data() {
    SplittableRandom rnd = new SplittableRandom(7);
    double[][] x = new double[ROWS][2];
    double[] y = new double[ROWS];
    double[] w = new double[ROWS];
    List<double[]> repX = new ArrayList<>();
    List<Double> repY = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      x[i][0] = rnd.nextGaussian();
      x[i][1] = rnd.nextDouble() < 0.4 ? 1 : 0;
      double mu = 1 / (1 + Math.exp(-(-0.3 + 0.8 * x[i][0] - 0.5 * x[i][1])));
      y[i] = Math.min(0.98, Math.max(0.02, mu + 0.15 * rnd.nextGaussian()));
      w[i] = 1 + rnd.nextInt(3);
      for (int k = 0; k < w[i]; k++) {
        repX.add(x[i]);
        repY.add(y[i]);
      }
    }
    List<String> names = List.of("x1", "x2");
    Dataset all = Dataset.ofRows("y", names, x, y);
    Dataset weighted = new Dataset("weighted", "y", names, new double[][] {column(x, 0), column(x, 1)}, y, w);
    Dataset replicated = Dataset.ofRows("y", names, repX.toArray(new double[0][]), repY.stream().mapToDouble(d -> d).toArray());
    assertThat(all.rows()).isEqualTo(ROWS);
    return List.of(List.of(weighted.head(150), tail(weighted, 150)), List.of(replicated));
  }

  private static double[] column(double[][] x, int j) {
    double[] c = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i][j];
    }
    return c;
  }

  private static Dataset tail(Dataset d, int from) {
    return d.filter(i -> i >= from);
  }

  @Test
  @DisplayName("consistency: weighted beta regression, fractional logit and logit with whole weights equal the fits "
      + "of the replicated rows (coefficients and standard errors)")
  void wholeWeightsAreReplicatedRows() {
    List<List<Dataset>> d = data();
    for (Model m : List.of(Model.BETA, Model.FRACTIONAL_LOGIT)) {
      for (Covariance c : List.of(Covariance.MODEL, Covariance.ROBUST)) {
        ScoringIteration.Fit weighted = IterativeFit.fit(m, d.get(0), c, BetaRegression.Boundary.REFUSE);
        ScoringIteration.Fit replicated = IterativeFit.fit(m, d.get(1), c, BetaRegression.Boundary.REFUSE);
        for (int j = 0; j < weighted.coefficients().length; j++) {
          assertThat(weighted.coefficients()[j]).as("%s coefficient %d", m, j)
              .isCloseTo(replicated.coefficients()[j], within(1e-9 * Math.abs(replicated.coefficients()[j]) + 1e-12));
          if (c == Covariance.MODEL && m == Model.BETA) {
            assertThat(weighted.standardErrors()[j]).as("%s standard error %d", m, j)
                .isCloseTo(replicated.standardErrors()[j], within(1e-9 * replicated.standardErrors()[j]));
          }
        }
      }
    }
  }

  @Test
  @DisplayName("consistency: weighted validation figures with whole weights equal those of the replicated rows; the "
      + "t-test and gAUC still count each loan once")
  void weightedValidation() {
    List<List<Dataset>> d = data();
    double[] theta = {-0.3, 0.8, -0.5};
    Validation.Report weighted = Validation.report(Validation.Sums.add(d.get(0).stream().map(s -> Validation.sums(s,
        i -> theta[0] + theta[1] * s.x(0, i) + theta[2] * s.x(1, i), i -> true)).toList()));
    Dataset rep = d.get(1).get(0);
    Validation.Report replicated = Validation.report(Validation.sums(rep,
        i -> theta[0] + theta[1] * rep.x(0, i) + theta[2] * rep.x(1, i), i -> true));
    assertThat(weighted.weighted()).isTrue();
    assertThat(weighted.n()).isEqualTo(ROWS);
    assertThat(weighted.rmse()).isCloseTo(replicated.rmse(), within(1e-12));
    assertThat(weighted.mae()).isCloseTo(replicated.mae(), within(1e-12));
    assertThat(weighted.rSquared()).isCloseTo(replicated.rSquared(), within(1e-12));
    assertThat(weighted.meanPredicted()).isCloseTo(replicated.meanPredicted(), within(1e-12));
    assertThat(weighted.tStatistic()).isNotCloseTo(replicated.tStatistic(), within(1e-6));
  }

  @Test
  @DisplayName("consistency: a weighted SGD pass does not depend on the weights' scale, and unit weights change nothing")
  void weightedSgd() {
    Dataset w = d0();
    double[] ws = new double[w.rows()];
    double[] ones = new double[w.rows()];
    for (int i = 0; i < ws.length; i++) {
      ws[i] = 1000 * w.weight(i);
      ones[i] = 1;
    }
    double[] a = LinearSgd.pass(w, null, 2, 0.01, 5);
    double[] b = LinearSgd.pass(reweighted(w, ws), null, 2, 0.01, 5);
    double[] unit = LinearSgd.pass(reweighted(w, ones), null, 2, 0.01, 5);
    double[] plain = LinearSgd.pass(reweighted(w, null), null, 2, 0.01, 5);
    for (int j = 0; j < a.length; j++) {
      assertThat(b[j]).isCloseTo(a[j], within(1e-12));
      assertThat(unit[j]).isEqualTo(plain[j]);
    }
    assertThat(a).isNotEqualTo(plain);
  }

  private static Dataset d0() {
    List<Dataset> sites = data().get(0);
    return Dataset.concat("weighted", sites);
  }

  private static Dataset reweighted(Dataset d, double[] w) {
    double[][] cols = new double[d.featureCount()][d.rows()];
    double[] y = new double[d.rows()];
    for (int i = 0; i < d.rows(); i++) {
      y[i] = d.y(i);
      for (int j = 0; j < cols.length; j++) {
        cols[j][i] = d.x(j, i);
      }
    }
    return new Dataset("re", d.target(), d.features(), cols, y, w);
  }

  @Test
  @DisplayName("consistency: weighted least squares with whole weights has the coefficients of the replicated rows")
  void weightedLeastSquares() {
    List<List<Dataset>> d = data();
    LeastSquares.OlsFit weighted = LeastSquares.fitFederated(d.get(0));
    LeastSquares.OlsFit replicated = LeastSquares.fitFederated(d.get(1));
    for (int j = 0; j < 3; j++) {
      assertThat(weighted.coefficients()[j]).isCloseTo(replicated.coefficients()[j], within(1e-12));
    }
    assertThat(weighted.rss()).isCloseTo(replicated.rss(), within(1e-9 * replicated.rss()));
  }
}
