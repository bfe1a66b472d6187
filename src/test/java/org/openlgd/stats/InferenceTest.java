package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.Fixtures;

/**
 * Equivalent mutants PIT reports as surviving here: a third Newton step in {@code refined} ({@code i < 2} as
 * {@code i <= 2}) moves the quantile by less than a rounding error; at exactly 1,000 degrees of freedom
 * ({@code >=} as {@code >}) the Newton and Cornish-Fisher values agree to 1e-14; a sign in the fourth-order
 * Cornish-Fisher term changes the quantile by less than the 1e-13 it is checked to (and than commons-math's own
 * error at those degrees of freedom).
 */
@DisplayName("Inference: coefficient tables against scipy (t and normal)")
class InferenceTest {
  @Test
  @DisplayName("statistics, two-sided p-values and 95 % intervals equal scipy's for z and for t with 1 to 10^6 "
      + "degrees of freedom (p-values to 1e-9 relative, intervals to 1e-12; 1e-9 for 1 degree of freedom)")
  void matchesScipy() {
    for (Object t : Fixtures.json("inference.json").getJsonArray("tables")) {
      JsonObject table = (JsonObject) t;
      long dof = table.getLong("dof");
      List<JsonObject> rows = table.getJsonArray("rows").stream().map(JsonObject.class::cast).toList();
      double[] b = rows.stream().mapToDouble(r -> r.getDouble("estimate")).toArray();
      double[] se = rows.stream().mapToDouble(r -> r.getDouble("se")).toArray();
      Inference inf = Inference.of(b, se, dof, "model-based");
      // scipy's t quantile for 1 degree of freedom is 2.6e-10 off the exact tan(0.475 pi) (see criticalValues)
      double tolerance = dof == 1 ? 1e-9 : 1e-12;
      assertThat(inf.statisticName()).isEqualTo(dof > 0 ? "t" : "z");
      for (int j = 0; j < rows.size(); j++) {
        JsonObject r = rows.get(j);
        String what = "dof " + dof + " row " + j;
        assertThat(inf.statistics()[j]).as(what).isCloseTo(r.getDouble("statistic"), offset(1e-12));
        double p = r.getDouble("p");
        assertThat(inf.pValues()[j]).as(what + " p").isCloseTo(p, offset(1e-9 * p + 1e-300));
        assertThat(inf.lower()[j]).as(what + " lower").isCloseTo(r.getDouble("lower"), offset(tolerance * Math.max(1, Math.abs(r.getDouble("lower")))));
        assertThat(inf.upper()[j]).as(what + " upper").isCloseTo(r.getDouble("upper"), offset(tolerance * Math.max(1, Math.abs(r.getDouble("upper")))));
      }
    }
  }

  @Test
  @DisplayName("the t critical values equal mpmath's 40-digit quantiles to 1e-13 relative, Newton-refined below 1,000 "
      + "degrees of freedom and Cornish-Fisher from there")
  void criticalValuesAgainstMpmath() {
    JsonObject critical = Fixtures.json("inference.json").getJsonObject("critical");
    for (String dof : critical.fieldNames()) {
      double want = critical.getDouble(dof);
      double got = Inference.of(new double[] {0}, new double[] {1}, Long.parseLong(dof), "").upper()[0];
      assertThat(got).as(dof + " degrees of freedom").isCloseTo(want, offset(1e-13 * want));
    }
  }

  @Test
  @DisplayName("the t critical values equal the closed forms for 1 and 2 degrees of freedom to 1e-15 (commons-math's "
      + "inverse alone is 2e-10 off for 1), and tend to the normal's")
  void criticalValues() {
    double p = 0.975;
    double one = Inference.of(new double[] {0}, new double[] {1}, 1, "").upper()[0];
    assertThat(one).isCloseTo(Math.tan(Math.PI * (p - 0.5)), offset(1e-15 * 12.7));
    double two = Inference.of(new double[] {0}, new double[] {1}, 2, "").upper()[0];
    assertThat(two).isCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), offset(1e-15 * 4.3));
    double big = Inference.of(new double[] {0}, new double[] {1}, 100_000_000, "").upper()[0];
    assertThat(big).isCloseTo(Inference.of(new double[] {0}, new double[] {1}, 0, "").upper()[0], offset(1e-7));
    assertThat(Inference.of(new double[] {0}, new double[] {1}, 0, "").upper()[0]).isCloseTo(1.959963984540054, offset(1e-15));
  }

  @Test
  @DisplayName("a standard error of 0 or NaN gives no p-value; tables side by side keep their columns and join the "
      + "covariance names once each")
  void edgesAndConcat() {
    Inference a = Inference.of(new double[] {1, 2}, new double[] {0, Double.NaN}, 10, "robust");
    assertThat(a.pValues()[0]).isNaN();
    assertThat(a.pValues()[1]).isNaN();
    Inference b = Inference.of(new double[] {0.5}, new double[] {0.25}, 10, "robust");
    Inference c = Inference.of(new double[] {-3}, new double[] {1}, 10, "model-based");
    Inference all = Inference.concat(List.of(a, b, c));
    assertThat(all.estimates()).containsExactly(1, 2, 0.5, -3);
    assertThat(all.statistics()[2]).isEqualTo(2);
    assertThat(all.pValues()[3]).isEqualTo(c.pValues()[0]);
    assertThat(all.lower()[2]).isEqualTo(b.lower()[0]);
    assertThat(all.upper()[3]).isEqualTo(c.upper()[0]);
    assertThat(all.standardErrors()[2]).isEqualTo(0.25);
    assertThat(all.dof()).isEqualTo(10);
    assertThat(all.covariance()).isEqualTo("robust; model-based");
  }
}
