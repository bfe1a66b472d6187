package org.openlgd.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.cli.CliRunner;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;
import org.openlgd.model.IterativeFit;
import org.openlgd.model.LocalModel;
import org.openlgd.model.Model;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Calibration;
import org.openlgd.stats.Covariance;
import org.openlgd.stats.LeastSquares;
import org.openlgd.stats.Validation;

@DisplayName("--cross-validate servers: leave one server out")
class CrossValidationTest {
  private static final BetaRegression.Boundary REFUSE = BetaRegression.Boundary.REFUSE;

  private static List<Dataset> banks() throws Exception {
    List<Dataset> out = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      out.add(CsvLoader.load(Path.of("data/bank" + k + ".csv"), null, List.of()));
    }
    return out;
  }

  private static JsonArray heldOut(String model) {
    List<String> args = new ArrayList<>(List.of("simulate", "--json", "--cross-validate", "servers", "--model", model));
    for (int k = 1; k <= 4; k++) {
      args.addAll(List.of("--data", "data/bank" + k + ".csv"));
    }
    CliRunner.Run run = CliRunner.cli(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    return new JsonObject(run.lastLine()).getJsonObject("crossValidation").getJsonArray("servers");
  }

  private static void same(JsonObject got, Validation.Report want, String what) {
    assertThat(got.getLong("n")).isEqualTo(want.n());
    double[][] pairs = {{got.getDouble("rmse"), want.rmse()}, {got.getDouble("mae"), want.mae()},
        {got.getDouble("rSquared"), want.rSquared()}, {got.getDouble("meanPredicted"), want.meanPredicted()},
        {got.getDouble("pairedT"), want.tStatistic()}, {got.getDouble("somersD"), want.somersD()}};
    for (double[] p : pairs) {
      assertThat(p[0]).as(what).isCloseTo(p[1], offset(1e-9 * Math.max(1, Math.abs(p[1]))));
    }
  }

  @Test
  @DisplayName("tobit and ols: each held-out server's figures equal a fit on the other three files (in one place) "
      + "validated on its file, to 1e-9")
  void equalsStandaloneOnTheOthers() throws Exception {
    List<Dataset> banks = banks();
    JsonArray tobit = heldOut("tobit");
    JsonArray ols = heldOut("ols");
    for (int k = 0; k < 4; k++) {
      List<Dataset> others = new ArrayList<>(banks);
      Dataset held = others.remove(k);
      LocalModel site = new LocalModel(held, 1, 0.1);
      double[] t = IterativeFit.fit(Model.TOBIT, others, Covariance.MODEL, REFUSE).coefficients();
      same(tobit.getJsonObject(k).getJsonObject("heldOut"), Validation.report(site.validate(Model.TOBIT, t, REFUSE)),
          "tobit, server " + (k + 1));
      double[] o = LeastSquares.fitFederated(others).coefficients();
      same(ols.getJsonObject(k).getJsonObject("heldOut"), Validation.report(site.validate(Model.OLS, o, REFUSE)),
          "ols, server " + (k + 1));
      assertThat(ols.getJsonObject(k).getLong("fittedOn")).isEqualTo(6000 - held.rows());
    }
  }

  @Test
  @DisplayName("with two servers each fit on the other is a fit on one server's rows: marked local, refused by "
      + "--allow-local-estimates false and reported; --cross-validate takes only servers and not --secure")
  void refusals() {
    CliRunner.Run run = CliRunner.cli("simulate", "--json", "--cross-validate", "servers", "--model", "ols",
        "--allow-local-estimates", "false", "--data", "data/bank1.csv", "--data", "data/bank2.csv");
    assertThat(run.code()).as(run.err()).isZero();
    for (Object s : new JsonObject(run.lastLine()).getJsonObject("crossValidation").getJsonArray("servers")) {
      assertThat(((JsonObject) s).getString("error")).contains("403");
    }
    assertThat(CliRunner.cli("simulate", "--cross-validate", "banks", "--data", "data/bank1.csv").err())
        .contains("--cross-validate takes servers");
    assertThat(CliRunner.cli("simulate", "--cross-validate", "servers", "--secure", "--model", "ols", "--data",
        "data/bank1.csv", "--data", "data/bank2.csv", "--data", "data/bank3.csv").err()).contains("--secure");
  }

  @Test
  @DisplayName("the pooled calibration points of a tobit run over 4 servers (no disclosure minimum) equal those of "
      + "the four files in one place at the run's estimate; with the default minimum every point has 3 loans or more")
  void pooledCalibration() throws Exception {
    List<String> args = new ArrayList<>(List.of("simulate", "--json", "--model", "tobit", "--min-category-count", "1"));
    for (int k = 1; k <= 4; k++) {
      args.addAll(List.of("--data", "data/bank" + k + ".csv"));
    }
    CliRunner.Run run = CliRunner.cli(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    JsonObject j = new JsonObject(run.lastLine());
    double[] theta = j.getJsonObject("coefficients").stream().mapToDouble(e -> ((Number) e.getValue()).doubleValue())
        .toArray();
    Dataset all = Dataset.concat("pooled", banks());
    List<Calibration.Point> expected = new LocalModel(all, 1, 0.1).validate(Model.TOBIT, theta, REFUSE).calibration()
        .points();
    JsonArray got = j.getJsonObject("validation").getJsonArray("calibration");
    assertThat(got).hasSize(expected.size());
    for (int k = 0; k < got.size(); k++) {
      JsonObject g = got.getJsonObject(k);
      Calibration.Point e = expected.get(k);
      assertThat(g.getInteger("group")).isEqualTo(e.group());
      assertThat(g.getLong("n")).isEqualTo(e.n());
      assertThat(g.getDouble("meanPredicted")).isCloseTo(e.meanPredicted(), offset(1e-12));
      assertThat(g.getDouble("meanRealised")).isCloseTo(e.meanRealised(), offset(1e-12));
      if (Double.isNaN(e.ciHigh())) {
        assertThat(g.getValue("ciHigh")).isNull(); // a single loan: no interval
      } else {
        assertThat(g.getDouble("ciHigh")).isCloseTo(e.ciHigh(), offset(1e-9));
      }
    }
  }
}
