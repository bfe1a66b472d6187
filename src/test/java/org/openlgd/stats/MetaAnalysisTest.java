package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.Fixtures;

@DisplayName("Study-level meta-analysis: fixed effect and DerSimonian-Laird random effects")
class MetaAnalysisTest {
  static final JsonObject METAFOR = Fixtures.json("meta.json");

  static double[] doubles(JsonArray a) {
    return a.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
  }

  /** {@code actual} within 1e-8 of {@code expected}, relative (absolute below 1). */
  static void close(double actual, double expected, String what) {
    assertThat(actual).as(what).isCloseTo(expected, offset(1e-8 * Math.max(1, Math.abs(expected))));
  }

  static void samePooled(MetaAnalysis.Pooled p, JsonObject r, String what) {
    close(p.estimate(), r.getDouble("estimate"), what + " estimate");
    close(p.se(), r.getDouble("se"), what + " se");
    close(p.ciLow(), r.getDouble("ciLow"), what + " ci low");
    close(p.ciHigh(), r.getDouble("ciHigh"), what + " ci high");
    close(p.z(), r.getDouble("z"), what + " z");
    assertThat(p.p()).as(what + " p").isCloseTo(r.getDouble("p"), offset(1e-8 * r.getDouble("p")));
  }

  @Test
  @DisplayName("the four banks' own OLS estimates, combined per coefficient, equal metafor's rma FE and DL to 1e-8: "
      + "estimates, SEs, CIs, z, p, Cochran's Q and its p, I^2, tau^2")
  void matchesMetafor() {
    JsonObject all = METAFOR.getJsonObject("coefficients");
    assertThat(all.fieldNames()).hasSize(5);
    for (String name : all.fieldNames()) {
      JsonObject c = all.getJsonObject(name);
      MetaAnalysis.Result m = MetaAnalysis.combine(doubles(c.getJsonArray("estimates")),
          doubles(c.getJsonArray("standardErrors")));
      samePooled(m.fixed(), c.getJsonObject("fixed"), name + " fixed");
      samePooled(m.random(), c.getJsonObject("random"), name + " random");
      close(m.q(), c.getDouble("q"), name + " Q");
      close(m.qP(), c.getDouble("qp"), name + " Q p");
      close(m.iSquared(), c.getDouble("i2"), name + " I2");
      close(m.tau2(), c.getDouble("tau2"), name + " tau2");
    }
  }

  @Test
  @DisplayName("equal estimates: Q = 0, tau^2 = 0, I^2 = 0, and random effects equal the fixed effect")
  void homogeneous() {
    MetaAnalysis.Result m = MetaAnalysis.combine(new double[] {0.3, 0.3, 0.3}, new double[] {0.1, 0.2, 0.05});
    assertThat(m.q()).isZero();
    assertThat(m.tau2()).isZero();
    assertThat(m.iSquared()).isZero();
    assertThat(m.random().estimate()).isEqualTo(m.fixed().estimate());
    assertThat(m.random().se()).isEqualTo(m.fixed().se());
  }
}
