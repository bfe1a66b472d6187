package org.openlgd.model;

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
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.Fixtures;
import org.openlgd.cli.CliRunner;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;
import org.openlgd.data.LgdGenerator;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.ScoreStatistics;
import org.openlgd.stats.ScoringIteration;

@DisplayName("Two-stage LGD model")
class TwoStageTest {

  private static List<Dataset> banks() throws Exception {
    List<Dataset> out = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      out.add(CsvLoader.load(Path.of("data/bank" + k + ".csv"), null, List.of()));
    }
    return out;
  }

  private static void assertRelative(double[] actual, JsonArray expected, double tol, String what) {
    for (int j = 0; j < expected.size(); j++) {
      double e = expected.getDouble(j);
      assertThat(Math.abs(actual[j] - e) / Math.abs(e)).as("%s %d", what, j).isLessThanOrEqualTo(tol);
    }
  }

  private static List<String> simulateArgs(String... files) {
    List<String> args = new ArrayList<>(List.of("simulate", "--model", "two-stage", "--json"));
    for (String f : files) {
      args.add("--data");
      args.add(f);
    }
    return args;
  }

  @Test
  @DisplayName("the cure and total-loss stages over 4 sites match statsmodels' logistic regressions")
  void logisticStagesMatchStatsmodels() throws Exception {
    JsonObject f = Fixtures.json("fractional_logit.json");
    ScoringIteration.Fit cure = IterativeFit.fit(Model.CURE_LOGIT, banks(), null, BetaRegression.Boundary.REFUSE);
    ScoringIteration.Fit total = IterativeFit.fit(Model.TOTAL_LOSS_LOGIT, banks(), null, BetaRegression.Boundary.REFUSE);
    assertRelative(cure.coefficients(), f.getJsonArray("cureCoefficients"), 1e-8, "cure coefficient");
    assertRelative(cure.standardErrors(), f.getJsonArray("cureStandardErrors"), 1e-6, "cure SE");
    assertRelative(total.coefficients(), f.getJsonArray("totalLossCoefficients"), 1e-8, "total-loss coefficient");
    assertRelative(total.standardErrors(), f.getJsonArray("totalLossStandardErrors"), 1e-6, "total-loss SE");
    assertThat(cure.statistics().n()).isEqualTo(6000);
    ScoringIteration it = IterativeFit.start(Model.CURE_LOGIT, 4);
    List<Dataset> sites = banks();
    boolean done = false;
    while (!done) {
      double[] theta = it.beta();
      done = it.accept(ScoreStatistics.sum(sites.stream()
          .map(d -> IterativeFit.statistics(Model.CURE_LOGIT, d, theta, BetaRegression.Boundary.REFUSE)).toList()));
    }
    StageSummary summary = IterativeFit.summary(Model.CURE_LOGIT, it);
    assertThat(summary.deviance()).isCloseTo(f.getDouble("cureDeviance"), Offset.offset(1e-6));
    assertThat(summary.nullDeviance()).isCloseTo(f.getDouble("cureNullDeviance"), Offset.offset(1e-6));
    assertThat(total.statistics().n()).isLessThan(6000);
  }

  @Test
  @DisplayName("recovers the generator's cure, total-loss and severity parameters within sampling error")
  void recoversTruth(@TempDir Path dir) throws Exception {
    LgdGenerator.write(dir, 4, 10_000, 17);
    String[] files = new String[4];
    for (int k = 1; k <= 4; k++) {
      files[k - 1] = dir.resolve("bank" + k + ".csv").toString();
    }
    CliRunner.Run r = CliRunner.cli(simulateArgs(files).toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    JsonObject j = new JsonObject(r.lastLine());
    JsonObject b = j.getJsonObject("coefficients");
    JsonObject se = j.getJsonObject("standardErrors");
    List<String> names = Model.TWO_STAGE.parameterNames(LgdGenerator.FEATURES);
    assertThat(b.fieldNames()).containsExactlyElementsOf(names);
    double[] truth = new double[names.size()];
    for (int i = 0; i < 5; i++) {
      truth[i] = LgdGenerator.CURE[i];
      truth[5 + i] = LgdGenerator.TOTAL_LOSS[i];
      truth[10 + i] = LgdGenerator.SEVERITY[i];
    }
    truth[15] = Math.log(LgdGenerator.PHI);
    for (int i = 0; i < names.size(); i++) {
      assertThat(Math.abs(b.getDouble(names.get(i)) - truth[i])).as(names.get(i)).isLessThan(4 * se.getDouble(names.get(i)));
    }
    assertThat(j.getJsonObject("validation").getJsonObject("pooled").getDouble("gAuc")).isGreaterThan(0.6);
    assertThat(j.getJsonArray("stages").size()).isEqualTo(3);
    assertThat(j.getJsonArray("stages").getJsonObject(2).getDouble("pseudoRSquared")).isBetween(0.0, 1.0);
  }

  @Test
  @DisplayName("federated equals standalone, and a server refuses to fit two-stage by itself")
  void federatedEqualsStandaloneAndServerRefuses() {
    String[] files = {"data/bank1.csv", "data/bank2.csv", "data/bank3.csv", "data/bank4.csv"};
    JsonObject fed = new JsonObject(CliRunner.cli(simulateArgs(files).toArray(String[]::new)).lastLine());
    JsonObject alone = new JsonObject(CliRunner.cli("standalone", "--data", String.join(",", files), "--model", "two-stage",
        "--json").lastLine());
    for (String name : fed.getJsonObject("coefficients").fieldNames()) {
      double a = fed.getJsonObject("coefficients").getDouble(name);
      double c = alone.getJsonObject("coefficients").getDouble(name);
      assertThat(Math.abs(a - c) / Math.abs(c)).as(name).isLessThanOrEqualTo(1e-10);
    }
    assertThat(fed.getJsonObject("validation").getJsonObject("pooled").getDouble("rmse"))
        .isCloseTo(alone.getJsonObject("validation").getJsonObject("pooled").getDouble("rmse"), Offset.offset(1e-12));
    LocalModel local = new LocalModel(Dataset.ofRows("LGD", List.of("x"), new double[][] {{1}}, new double[] {0.5}), 1, 0.1);
    assertThatThrownBy(() -> local.start(Model.TWO_STAGE, BetaRegression.Boundary.REFUSE)).hasMessageContaining("three models");
  }
}
