package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.Fixtures;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;
import org.openlgd.model.IterativeFit;
import org.openlgd.model.Model;

@DisplayName("Fractional logit (Papke-Wooldridge), federated Newton")
class FractionalLogitTest {

  /** The statsmodels fixture (see src/test/resources/fixtures/fractional_logit.py). */
  static JsonObject fixture() throws Exception {
    return Fixtures.json("fractional_logit.json");
  }

  static List<Dataset> banks() throws Exception {
    List<Dataset> out = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      out.add(CsvLoader.load(Path.of("data/bank" + k + ".csv"), null, List.of()));
    }
    return out;
  }

  /**
   * The coefficient table against statsmodels': two-sided p-values (to 1e-4 relative: the SEs agree to 1e-6, and a p
   * of e^-z^2/2 magnifies that by z^2) and the 95 % intervals (to 1e-6 of the SE).
   */
  static void assertTable(Inference table, JsonArray pValues, JsonArray intervals, String what) {
    for (int j = 0; j < pValues.size(); j++) {
      double p = pValues.getDouble(j);
      assertThat(table.pValues()[j]).as("%s p-value %d", what, j).isCloseTo(p, Offset.offset(1e-4 * p));
      double se = table.standardErrors()[j];
      assertThat(table.lower()[j]).as("%s lower %d", what, j).isCloseTo(intervals.getJsonArray(j).getDouble(0), Offset.offset(1e-6 * se));
      assertThat(table.upper()[j]).as("%s upper %d", what, j).isCloseTo(intervals.getJsonArray(j).getDouble(1), Offset.offset(1e-6 * se));
    }
  }

  static void assertRelative(double[] actual, JsonArray expected, double tol, String what) {
    for (int j = 0; j < expected.size(); j++) {
      double e = expected.getDouble(j);
      assertThat(Math.abs(actual[j] - e) / Math.abs(e)).as("%s %d: %s vs %s", what, j, actual[j], e).isLessThanOrEqualTo(tol);
    }
  }

  @Test
  @DisplayName("4 sites match statsmodels GLM Binomial pooled: coefficients 1e-8, HC0 and quasi-binomial SEs 1e-6; p-values and intervals of the z-table")
  void matchesStatsmodels() throws Exception {
    JsonObject f = fixture();
    ScoringIteration.Fit robust = IterativeFit.fit(Model.FRACTIONAL_LOGIT, banks(), Covariance.ROBUST, BetaRegression.Boundary.REFUSE);
    ScoringIteration.Fit model = IterativeFit.fit(Model.FRACTIONAL_LOGIT, banks(), Covariance.MODEL, BetaRegression.Boundary.REFUSE);
    assertThat(robust.converged()).isTrue();
    assertThat(robust.rounds()).isLessThanOrEqualTo(10);
    assertRelative(robust.coefficients(), f.getJsonArray("coefficients"), 1e-8, "coefficient");
    assertRelative(robust.standardErrors(), f.getJsonArray("robustStandardErrors"), 1e-6, "robust SE");
    assertRelative(model.standardErrors(), f.getJsonArray("quasiStandardErrors"), 1e-6, "quasi SE");
    assertTable(robust.inference(), f.getJsonArray("robustPValues"), f.getJsonArray("robustConfidenceIntervals"), "robust");
    assertThat(robust.statistics().deviance()).isCloseTo(f.getDouble("deviance"), Offset.offset(1e-6));
    assertThat(robust.statistics().pearson()).isCloseTo(f.getDouble("pearsonChi2"), Offset.offset(1e-6));
  }

  @Test
  @DisplayName("federated equals one site holding every row")
  void federatedEqualsPooled() throws Exception {
    ScoringIteration.Fit fed = IterativeFit.fit(Model.FRACTIONAL_LOGIT, banks(), Covariance.ROBUST, BetaRegression.Boundary.REFUSE);
    ScoringIteration.Fit pooled = IterativeFit.fit(Model.FRACTIONAL_LOGIT, List.of(Dataset.concat("pooled", banks())), Covariance.ROBUST, BetaRegression.Boundary.REFUSE);
    for (int j = 0; j < fed.coefficients().length; j++) {
      assertThat(Math.abs(fed.coefficients()[j] - pooled.coefficients()[j]) / Math.abs(pooled.coefficients()[j])).isLessThan(1e-12);
      assertThat(Math.abs(fed.standardErrors()[j] - pooled.standardErrors()[j]) / pooled.standardErrors()[j]).isLessThan(1e-10);
    }
  }

  @Test
  @DisplayName("targets outside [0, 1] are refused naming the row")
  void refusesNonFractions() {
    Dataset d = Dataset.ofRows("LGD", List.of("x"), new double[][] {{1}, {2}}, new double[] {0.5, 1.2});
    assertThatThrownBy(() -> IterativeFit.fit(Model.FRACTIONAL_LOGIT, List.of(d), Covariance.ROBUST, BetaRegression.Boundary.REFUSE))
        .hasMessageContaining("1.2").hasMessageContaining("row 2").hasMessageContaining("[0, 1]");
  }
}
