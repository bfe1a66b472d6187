package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;

/**
 * NIST StRD linear least-squares problems, fitted federated (rows split across two sites, each sharing only its R
 * factor). Accuracy is measured as NIST does, by the log relative error (LRE): the number of correct significant
 * digits.
 */
@DisplayName("NIST StRD certified values, federated over 2 sites")
class NistStrdTest {

  private static Dataset load(String name) throws Exception {
    return CsvLoader.load(Path.of("src/test/resources/nist/" + name), null, List.of());
  }

  private static List<Dataset> split(Dataset d, int first) {
    Dataset head = d.head(first);
    double[][] rows = new double[d.rows() - first][d.featureCount()];
    double[] y = new double[d.rows() - first];
    for (int i = first; i < d.rows(); i++) {
      for (int j = 0; j < d.featureCount(); j++) {
        rows[i - first][j] = d.x(j, i);
      }
      y[i - first] = d.y(i);
    }
    return List.of(head, Dataset.ofRows(d.target(), d.features(), rows, y));
  }

  /** Correct significant digits of {@code estimate} against {@code certified}. */
  static double lre(double estimate, double certified) {
    if (estimate == certified) {
      return 16;
    }
    return -Math.log10(Math.abs(estimate - certified) / Math.abs(certified));
  }

  @Test
  @DisplayName("Longley: 7 coefficients, their standard errors, R^2 and residual SD to >= 9 digits")
  void longley() throws Exception {
    LeastSquares.OlsFit fit = LeastSquares.fitFederated(split(load("longley.csv"), 8));
    double[][] certified = {
        {-3482258.63459582, 890420.383607373},
        {15.0618722713733, 84.9149257747669},
        {-0.358191792925910e-01, 0.334910077722432e-01},
        {-2.02022980381683, 0.488399681651699},
        {-1.03322686717359, 0.214274163161675},
        {-0.511041056535807e-01, 0.226073200069370},
        {1829.15146461355, 455.478499142212},
    };
    for (int j = 0; j < 7; j++) {
      assertThat(lre(fit.coefficients()[j], certified[j][0])).as("B%d digits", j).isGreaterThanOrEqualTo(9);
      assertThat(lre(fit.standardErrors()[j], certified[j][1])).as("SD(B%d) digits", j).isGreaterThanOrEqualTo(9);
    }
    assertThat(lre(fit.residualStdError(), 304.854073561965)).as("residual SD digits").isGreaterThanOrEqualTo(9);
    assertThat(lre(fit.rSquared(), 0.995479004577296)).as("R^2 digits").isGreaterThanOrEqualTo(9);
  }

  @Test
  @DisplayName("Wampler1 (degree-5 polynomial): coefficients to >= 6 digits, exact fit")
  void wampler1() throws Exception {
    LeastSquares.OlsFit fit = LeastSquares.fitFederated(split(load("wampler1.csv"), 11));
    for (int j = 0; j < 6; j++) {
      assertThat(lre(fit.coefficients()[j], 1.0)).as("B%d digits", j).isGreaterThanOrEqualTo(6);
      assertThat(fit.standardErrors()[j]).as("SD(B%d)", j).isLessThan(1e-6);
    }
    assertThat(fit.residualStdError()).isLessThan(1e-6);
    assertThat(lre(fit.rSquared(), 1.0)).isGreaterThanOrEqualTo(6);
  }
}
