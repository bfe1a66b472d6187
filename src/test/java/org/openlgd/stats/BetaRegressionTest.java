package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.Fixtures;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;
import org.openlgd.data.LgdGenerator;
import org.openlgd.model.IterativeFit;
import org.openlgd.model.Model;

@DisplayName("Beta regression (Ferrari and Cribari-Neto), federated Fisher scoring")
class BetaRegressionTest {

  static ScoringIteration.Fit fit(List<Dataset> sites, Covariance se) {
    return IterativeFit.fit(Model.BETA, sites, se, BetaRegression.Boundary.EXCLUDE);
  }

  @Test
  @DisplayName("4 sites match statsmodels BetaModel on the rows with 0 < LGD < 1: estimates and SEs to 1e-6")
  void matchesStatsmodels() throws Exception {
    JsonObject f = Fixtures.json("beta_regression.json");
    ScoringIteration.Fit model = fit(FractionalLogitTest.banks(), Covariance.MODEL);
    assertThat(model.converged()).isTrue();
    assertThat(model.statistics().n()).isEqualTo(f.getLong("n"));
    FractionalLogitTest.assertRelative(model.coefficients(), f.getJsonArray("coefficients"), 1e-6, "coefficient");
    FractionalLogitTest.assertRelative(model.standardErrors(), f.getJsonArray("expectedInformationStandardErrors"), 1e-6, "SE");
    FractionalLogitTest.assertTable(model.inference(), f.getJsonArray("expectedInformationPValues"),
        f.getJsonArray("expectedInformationConfidenceIntervals"), "beta");
    assertThat(-model.statistics().deviance() / 2).isCloseTo(f.getDouble("logLikelihood"), Offset.offset(1e-6));
    assertThat(BetaRegression.pseudoRSquared(model.statistics())).isCloseTo(f.getDouble("pseudoRSquared"),
        Offset.offset(1e-8));
  }

  @Test
  @DisplayName("recovers the generator's severity model (coefficients and precision) within sampling error")
  void recoversTruth(@TempDir Path dir) throws Exception {
    LgdGenerator.write(dir, 4, 10_000, 5);
    List<Dataset> sites = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      sites.add(CsvLoader.load(dir.resolve("bank" + k + ".csv"), null, List.of()));
    }
    ScoringIteration.Fit fit = fit(sites, Covariance.MODEL);
    double[] truth = {LgdGenerator.SEVERITY[0], LgdGenerator.SEVERITY[1], LgdGenerator.SEVERITY[2], LgdGenerator.SEVERITY[3],
        LgdGenerator.SEVERITY[4], Math.log(LgdGenerator.PHI)};
    for (int j = 0; j < truth.length; j++) {
      assertThat(Math.abs(fit.coefficients()[j] - truth[j])).as("parameter %d", j)
          .isLessThan(4 * fit.standardErrors()[j]);
    }
  }

  @Test
  @DisplayName("exact 0s and 1s are refused by default, naming the row")
  void boundary() {
    Dataset d = Dataset.ofRows("LGD", List.of("x"), new double[][] {{1}, {2}, {3}}, new double[] {0.5, 0.0, 0.3});
    assertThatThrownBy(() -> IterativeFit.fit(Model.BETA, List.of(d), null, BetaRegression.Boundary.REFUSE))
        .hasMessageContaining("row 2").hasMessageContaining("0 < y < 1").hasMessageContaining("exclude");
  }
}
