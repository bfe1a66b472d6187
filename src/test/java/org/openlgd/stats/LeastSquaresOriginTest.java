package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.Fixtures;
import org.openlgd.data.Dataset;

@DisplayName("Least squares with a constant and through the origin, against statsmodels; rank deficiency; --se names")
class LeastSquaresOriginTest {
  private static final JsonObject FIXTURE = Fixtures.json("ols_origin.json");

  private static Dataset data() {
    JsonArray x = FIXTURE.getJsonArray("x");
    double[][] rows = new double[x.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = x.getJsonArray(i).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }
    double[] y = FIXTURE.getJsonArray("y").stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    return Dataset.ofRows("LGD", List.of("x1", "x2"), rows, y);
  }

  private static void matches(LeastSquares.OlsFit fit, JsonObject want, int skip) {
    Inference inf = fit.inference();
    for (int j = 0; j < want.getJsonArray("params").size(); j++) {
      String what = "coefficient " + j;
      assertThat(fit.coefficients()[j + skip]).as(what).isCloseTo(want.getJsonArray("params").getDouble(j), offset(1e-12));
      assertThat(fit.standardErrors()[j + skip]).as(what + " se").isCloseTo(want.getJsonArray("bse").getDouble(j), offset(1e-12));
      double p = want.getJsonArray("pvalues").getDouble(j);
      assertThat(inf.pValues()[j + skip]).as(what + " p").isCloseTo(p, offset(1e-9 * p + 1e-15));
    }
    assertThat(fit.rSquared()).isCloseTo(want.getDouble("rsquared"), offset(1e-12));
    assertThat(fit.residualStdError()).isCloseTo(want.getDouble("scale"), offset(1e-12));
    assertThat(inf.dof()).isEqualTo((long) (double) want.getDouble("dfResid"));
  }

  @Test
  @DisplayName("with a constant and through the origin (intercept 0 without a standard error, uncentered R^2, n - 2 "
      + "degrees of freedom): coefficients, SEs, p-values, R^2 and residual SD equal statsmodels' to 1e-12")
  void matchesStatsmodels() {
    double[][] r = LeastSquares.localR(data());
    matches(LeastSquares.solve(r, 30), FIXTURE.getJsonObject("constant"), 0);
    LeastSquares.OlsFit origin = LeastSquares.solve(r, 30, false);
    assertThat(origin.coefficients()[0]).isZero();
    assertThat(origin.standardErrors()[0]).isNaN();
    assertThat(origin.constant()).isFalse();
    matches(origin, FIXTURE.getJsonObject("origin"), 1);
  }

  @Test
  @DisplayName("a column that repeats another, or fewer rows than coefficients, is refused as rank deficient")
  void rankDeficient() {
    double[][] rows = {{1, 2}, {2, 4}, {3, 6}, {4, 8}};
    Dataset d = Dataset.ofRows("LGD", List.of("a", "b"), rows, new double[] {0.1, 0.2, 0.4, 0.3});
    assertThatThrownBy(() -> LeastSquares.solve(LeastSquares.localR(d), 4)).isInstanceOf(LeastSquares.SingularMatrixException.class)
        .hasMessageContaining("rank deficient");
    Dataset two = Dataset.ofRows("LGD", List.of("a", "b"), new double[][] {{1, 0}, {0, 1}}, new double[] {0.1, 0.2});
    assertThatThrownBy(() -> LeastSquares.solve(LeastSquares.localR(two), 2)).isInstanceOf(LeastSquares.SingularMatrixException.class);
    assertThatThrownBy(() -> LeastSquares.solve(new double[][] {{1}}, 1)).hasMessageContaining("too small");
  }

  @Test
  @DisplayName("--se takes robust or model, in any case and with spaces; anything else is refused naming it")
  void covarianceNames() {
    assertThat(Covariance.parse(" Robust ")).isEqualTo(Covariance.ROBUST);
    assertThat(Covariance.parse("model")).isEqualTo(Covariance.MODEL);
    assertThat(Covariance.MODEL.wireName()).isEqualTo("model");
    assertThatThrownBy(() -> Covariance.parse("hc3")).hasMessageContaining("'hc3'");
  }
}
