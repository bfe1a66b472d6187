package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.PooledReference;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;

@DisplayName("Least squares from R factors (TSQR)")
class LeastSquaresTest {

  static List<Dataset> shippedBanks() throws Exception {
    List<Dataset> banks = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      banks.add(CsvLoader.load(Path.of("data/bank" + k + ".csv"), null, List.of()));
    }
    return banks;
  }

  static void assertRelativelyClose(double[] actual, double[] expected, double tol) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int j = 0; j < expected.length; j++) {
      double rel = Math.abs(actual[j] - expected[j]) / Math.max(Math.abs(expected[j]), 1e-300);
      assertThat(rel).as("entry %d: %s vs %s", j, actual[j], expected[j]).isLessThanOrEqualTo(tol);
    }
  }

  @Test
  @DisplayName("R'R equals A'A")
  void rFactor() {
    double[][] a = {{1, 2, 3, 4, 5}, {2, -1, 0.5, 3, 7}, {0, 0, 1, 1, 0}};
    double[][] copy = {a[0].clone(), a[1].clone(), a[2].clone()};
    double[][] r = Qr.r(copy);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double ata = 0;
        for (int k = 0; k < 5; k++) {
          ata += a[i][k] * a[j][k];
        }
        double rtr = 0;
        for (int k = 0; k < 3; k++) {
          rtr += r[k][i] * r[k][j];
        }
        assertThat(rtr).isCloseTo(ata, Offset.offset(1e-12 * Math.max(1, Math.abs(ata))));
      }
      assertThat(r[i][i]).isGreaterThanOrEqualTo(0);
      for (int j = 0; j < i; j++) {
        assertThat(r[i][j]).isZero();
      }
    }
  }

  @Test
  @DisplayName("federated fit of the four shipped banks equals the pooled fit to 1e-9 (coefficients, SEs, R^2)")
  void federatedEqualsPooled() throws Exception {
    List<Dataset> banks = shippedBanks();
    LeastSquares.OlsFit fed = LeastSquares.fitFederated(banks);
    OLSMultipleLinearRegression ref = PooledReference.fit(Dataset.concat("pooled", banks));
    assertRelativelyClose(fed.coefficients(), ref.estimateRegressionParameters(), 1e-9);
    assertRelativelyClose(fed.standardErrors(), ref.estimateRegressionParametersStandardErrors(), 1e-9);
    assertThat(fed.rSquared()).isCloseTo(ref.calculateRSquared(), Offset.offset(1e-12));
    assertThat(fed.residualStdError()).isCloseTo(ref.estimateRegressionStandardError(), Offset.offset(1e-12));
    assertThat(fed.n()).isEqualTo(6000);
  }

  @Test
  @DisplayName("one site with fewer rows than coefficients still contributes exactly")
  void tinySite() throws Exception {
    List<Dataset> banks = shippedBanks();
    Dataset tiny = banks.get(3).head(2);
    List<Dataset> sites = List.of(banks.get(0), tiny);
    LeastSquares.OlsFit fed = LeastSquares.fitFederated(sites);
    OLSMultipleLinearRegression ref = PooledReference.fit(Dataset.concat("pooled", sites));
    assertRelativelyClose(fed.coefficients(), ref.estimateRegressionParameters(), 1e-9);
    assertThatThrownBy(() -> LeastSquares.fit(tiny)).isInstanceOf(LeastSquares.SingularMatrixException.class);
  }

  @Test
  @DisplayName("a constant feature makes the problem singular with a clear message")
  void singular() {
    Dataset d = Dataset.ofRows("Y", List.of("a", "b"), new double[][] {{1, 5}, {2, 5}, {3, 5}, {4, 5}}, new double[] {1, 2, 2, 3});
    assertThatThrownBy(() -> LeastSquares.fit(d)).isInstanceOf(LeastSquares.SingularMatrixException.class)
        .hasMessageContaining("rank deficient");
  }

  @Test
  @DisplayName("badly scaled, nearly collinear data: split and pooled agree with Commons Math")
  void illConditioned() {
    int n = 400;
    double[][] rows = new double[n][3];
    double[] y = new double[n];
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      double t = 1e5 + i;
      rows[i][0] = t;
      rows[i][1] = t * t / 1e5 + rnd.nextGaussian() * 1e-2;
      rows[i][2] = rnd.nextGaussian();
      y[i] = 3 + 2e-3 * rows[i][0] - 1e-3 * rows[i][1] + 0.5 * rows[i][2] + rnd.nextGaussian();
    }
    Dataset all = Dataset.ofRows("Y", List.of("a", "b", "c"), rows, y);
    List<Dataset> parts = List.of(
        Dataset.ofRows("Y", List.of("a", "b", "c"), Arrays.copyOfRange(rows, 0, 150), Arrays.copyOfRange(y, 0, 150)),
        Dataset.ofRows("Y", List.of("a", "b", "c"), Arrays.copyOfRange(rows, 150, 400), Arrays.copyOfRange(y, 150, 400)));
    double[] pooled = LeastSquares.fit(all).coefficients();
    double[] fed = LeastSquares.fitFederated(parts).coefficients();
    assertRelativelyClose(fed, pooled, 1e-7);
    assertRelativelyClose(fed, PooledReference.fit(all).estimateRegressionParameters(), 1e-5);
  }
}
