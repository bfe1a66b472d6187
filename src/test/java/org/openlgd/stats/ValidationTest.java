package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.Fixtures;
import org.openlgd.data.Dataset;
import org.openlgd.model.LocalModel;
import org.openlgd.model.Model;

@DisplayName("Validation statistics from additive sums")
class ValidationTest {

  @Test
  @DisplayName("buckets: 0, tenths, 1; predictions clamped")
  void buckets() {
    assertThat(Validation.bucket(0)).isZero();
    assertThat(Validation.bucket(-0.2)).isZero();
    assertThat(Validation.bucket(0.05)).isEqualTo(1);
    assertThat(Validation.bucket(0.1)).isEqualTo(1);
    assertThat(Validation.bucket(0.1000001)).isEqualTo(2);
    assertThat(Validation.bucket(0.95)).isEqualTo(10);
    assertThat(Validation.bucket(1)).isEqualTo(11);
    assertThat(Validation.bucket(1.3)).isEqualTo(11);
  }

  @Test
  @DisplayName("hand-computed figures: RMSE, MAE, R^2, loss shortfall, paired t, Somers' D and gAUC")
  void handComputed() {
    double[] y = {0.0, 0.2, 0.6, 1.0};
    double[] p = {0.1, 0.3, 0.5, 0.7};
    Dataset d = Dataset.ofRows("LGD", List.of("x"), new double[][] {{0}, {1}, {2}, {3}}, y);
    Validation.Report r = Validation.report(Validation.sums(d, i -> p[i], i -> true));
    double[] e = {-0.1, -0.1, 0.1, 0.3};
    double meanE = 0.05;
    double varE = ((0.15 * 0.15) * 2 + 0.05 * 0.05 + 0.25 * 0.25) / 3;
    assertThat(r.rmse()).isCloseTo(Math.sqrt((0.01 + 0.01 + 0.01 + 0.09) / 4), offset(1e-12));
    assertThat(r.mae()).isCloseTo(0.15, offset(1e-12));
    assertThat(r.lossShortfall()).isCloseTo(1 - 1.6 / 1.8, offset(1e-12));
    assertThat(r.rSquared()).isCloseTo(1 - 0.12 / (1.4 - 1.8 * 1.8 / 4), offset(1e-12));
    double t = meanE / Math.sqrt(varE / 4);
    assertThat(r.tStatistic()).isCloseTo(t, offset(1e-12));
    assertThat(r.pValue()).isCloseTo(1 - new TDistribution(3).cumulativeProbability(t), offset(1e-12));
    assertThat(e).hasSize(4);
    // buckets: realised 0,2,6,11; predicted 1,3,5,7: every pair is concordant
    assertThat(r.somersD()).isEqualTo(1.0);
    assertThat(r.gAuc()).isEqualTo(1.0);
  }

  @Test
  @DisplayName("Somers' D of bucket tables with ties, empty rows and columns, one realised bucket, random counts and a "
      + "realistic table equals scipy.stats.somersd to 1e-12 (NaN where scipy has no pair)")
  void somersDAgainstScipy() throws Exception {
    JsonObject f = Fixtures.json("somers_d.json");
    JsonArray cases = f.getJsonArray("cases");
    assertThat(cases).hasSize(5);
    for (int c = 0; c < cases.size(); c++) {
      JsonObject k = cases.getJsonObject(c);
      JsonArray rows = k.getJsonArray("table");
      long[][] table = new long[rows.size()][];
      for (int r = 0; r < table.length; r++) {
        table[r] = rows.getJsonArray(r).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
      }
      double d = BucketTable.somersD(table);
      if (k.getValue("somersD") == null) {
        assertThat(d).as(k.getString("name")).isNaN();
      } else {
        assertThat(d).as(k.getString("name")).isCloseTo(k.getDouble("somersD"), offset(1e-12));
      }
    }
  }

  @Test
  @DisplayName("sums add up: split sites give the pooled figures; OLS validation R^2 equals the fit's")
  void additive() throws Exception {
    List<Dataset> banks = FractionalLogitTest.banks();
    LeastSquares.OlsFit fit = LeastSquares.fitFederated(banks);
    BetaRegression.Boundary refuse = BetaRegression.Boundary.REFUSE;
    List<Validation.Sums> parts = banks.stream()
        .map(b -> new LocalModel(b, 1, 0.1).validate(Model.OLS, fit.coefficients(), refuse)).toList();
    Validation.Report split = Validation.report(Validation.Sums.add(parts));
    Validation.Report pooled = Validation.report(new LocalModel(Dataset.concat("all", banks), 1, 0.1)
        .validate(Model.OLS, fit.coefficients(), refuse));
    assertThat(split.rmse()).isCloseTo(pooled.rmse(), offset(1e-12));
    assertThat(split.gAuc()).isEqualTo(pooled.gAuc());
    assertThat(split.tStatistic()).isCloseTo(pooled.tStatistic(), offset(1e-9));
    assertThat(split.rSquared()).isCloseTo(fit.rSquared(), offset(1e-10));
    assertThat(split.gAuc()).isBetween(0.6, 0.8);
  }
}
