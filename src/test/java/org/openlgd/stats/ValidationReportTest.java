package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.Fixtures;
import org.openlgd.data.Dataset;

@DisplayName("Validation sums and figures against numpy and scipy, split over sites")
class ValidationReportTest {
  private static final JsonObject FIXTURE = Fixtures.json("validation_report.json");

  private static double[] array(String name) {
    JsonArray a = FIXTURE.getJsonArray(name);
    return a.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
  }

  /** The fixture's loans in {@code parts} sites of consecutive rows, weighted or not; the prediction is column 0. */
  private static List<Validation.Sums> sites(int parts, boolean weighted) {
    double[] y = array("y");
    double[] p = array("p");
    double[] w = array("w");
    List<Validation.Sums> out = new ArrayList<>();
    int per = y.length / parts;
    for (int s = 0; s < parts; s++) {
      int from = s * per;
      int to = s == parts - 1 ? y.length : from + per;
      double[][] cols = {Arrays.copyOfRange(p, from, to)};
      Dataset d = new Dataset("site" + s, "LGD", List.of("p"), cols, Arrays.copyOfRange(y, from, to),
          weighted ? Arrays.copyOfRange(w, from, to) : null);
      out.add(Validation.sums(d, i -> d.x(0, i), i -> true));
    }
    return out;
  }

  private static void close(double actual, double expected, String what) {
    assertThat(actual).as(what).isCloseTo(expected, offset(1e-12 * Math.max(1, Math.abs(expected))));
  }

  /** The figures numpy gives weighted and unweighted alike. */
  private static void sameFigures(Validation.Report r, JsonObject want, String at) {
    close(r.rmse(), want.getDouble("rmse"), at + "rmse");
    close(r.mae(), want.getDouble("mae"), at + "mae");
    close(r.rSquared(), want.getDouble("rSquared"), at + "R2");
    close(r.meanRealised(), want.getDouble("meanRealised"), at + "mean y");
    close(r.meanPredicted(), want.getDouble("meanPredicted"), at + "mean p");
    close(r.lossShortfall(), want.getDouble("lossShortfall"), at + "loss shortfall");
  }

  @Test
  @DisplayName("unweighted: RMSE, MAE, R^2, the means, the paired t-test (t and one-sided p), the loss shortfall and "
      + "the histogram equal numpy/scipy, whether the loans sit at one site or three")
  void plain() {
    JsonObject want = FIXTURE.getJsonObject("plain");
    for (int parts : new int[] {1, 3}) {
      Validation.Sums s = Validation.Sums.add(sites(parts, false));
      Validation.Report r = Validation.report(s);
      String at = parts + " sites: ";
      assertThat(r.n()).isEqualTo(60);
      sameFigures(r, want, at);
      close(r.tStatistic(), want.getDouble("t"), at + "t");
      assertThat(r.pValue()).as(at + "p").isCloseTo(want.getDouble("p"), offset(1e-10));
      assertThat(r.weighted()).isFalse();
      long[] histogram = s.histogram();
      JsonArray h = FIXTURE.getJsonArray("histogram");
      for (int b = 0; b < h.size(); b++) {
        assertThat(histogram[b]).as(at + "histogram " + b).isEqualTo(h.getLong(b));
      }
      assertThat(Arrays.stream(s.calibration().n()).sum()).isEqualTo(60);
      assertThat(r.gAuc()).isCloseTo((1 + r.somersD()) / 2, offset(1e-15));
    }
  }

  @Test
  @DisplayName("weighted by exposure: RMSE, MAE, R^2, the means and the loss shortfall equal numpy's weighted figures "
      + "over one site or four; the t-test counts each loan once")
  void weighted() {
    JsonObject want = FIXTURE.getJsonObject("weighted");
    for (int parts : new int[] {1, 4}) {
      Validation.Report r = Validation.report(Validation.Sums.add(sites(parts, true)));
      String at = parts + " sites: ";
      assertThat(r.weighted()).isTrue();
      sameFigures(r, want, at);
      close(r.tStatistic(), FIXTURE.getJsonObject("plain").getDouble("t"), at + "t");
    }
  }

  @Test
  @DisplayName("the additive vector: sums of sites' vectors read back as the sums of the sites; every entry named")
  void vector() {
    List<Validation.Sums> parts = sites(3, true);
    double[] total = new double[parts.get(0).toVector().length];
    for (Validation.Sums s : parts) {
      double[] v = s.toVector();
      for (int i = 0; i < v.length; i++) {
        total[i] += v[i];
      }
    }
    Validation.Sums back = Validation.Sums.fromVector(total);
    Validation.Sums added = Validation.Sums.add(parts);
    assertThat(back.toVector()).containsExactly(added.toVector(), offset(1e-9));
    assertThat(Validation.report(back)).isEqualTo(Validation.report(added));
    assertThat(Validation.Sums.vectorName(0)).isEqualTo("validation n");
    assertThat(Validation.Sums.vectorName(6)).isEqualTo("validation sumAbsE");
    assertThat(Validation.Sums.vectorName(7)).isEqualTo("validation table[0][0]");
    assertThat(Validation.Sums.vectorName(7 + 12 + 3)).isEqualTo("validation table[1][3]");
    assertThat(Validation.Sums.vectorName(Validation.CALIBRATION_AT + 4 * 5 + 2)).isEqualTo("validation calibration[5].sumY");
    assertThat(Validation.Sums.vectorName(Validation.HISTOGRAM_AT + 11)).isEqualTo("validation histogram[11]");
    assertThat(Validation.Sums.vectorName(total.length - 1)).startsWith("validation ").doesNotContain("histogram");
    Validation.Sums unweighted = Validation.Sums.add(List.of(parts.get(0), sites(1, false).get(0)));
    assertThat(unweighted.weighted()).isNull();
    assertThat(Validation.Sums.add(List.of()).n()).isZero();
    assertThat(Validation.report(Validation.Sums.add(List.of())).rmse()).isNaN();
  }
}
