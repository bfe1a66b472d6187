package org.openlgd.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.Fixtures;
import org.openlgd.cli.CliRunner;

@DisplayName("--meta: each server's own exact fit and their fixed- and random-effects combination")
class MetaRunTest {
  private static CliRunner.Run simulate(String... extra) {
    List<String> args = new ArrayList<>(List.of("simulate", "--json", "--meta"));
    for (int k = 1; k <= 4; k++) {
      args.addAll(List.of("--data", "data/bank" + k + ".csv"));
    }
    args.addAll(List.of(extra));
    return CliRunner.cli(args.toArray(String[]::new));
  }

  private static void close(double actual, double expected, String what) {
    assertThat(actual).as(what).isCloseTo(expected, offset(1e-8 * Math.max(1, Math.abs(expected))));
  }

  @Test
  @DisplayName("ols over the 4 shipped banks: each server's own estimates and SEs equal R's lm on its file, and the "
      + "combination equals metafor's rma (FE and DL) to 1e-8; the pooled fit is unchanged")
  void olsMatchesMetafor() throws Exception {
    JsonObject r = Fixtures.json("meta.json")
        .getJsonObject("coefficients");
    CliRunner.Run run = simulate("--model", "ols");
    assertThat(run.code()).as(run.err()).isZero();
    JsonObject j = new JsonObject(run.lastLine());
    JsonArray servers = j.getJsonObject("meta").getJsonArray("servers");
    assertThat(servers).hasSize(4);
    JsonObject combined = j.getJsonObject("meta").getJsonObject("combined");
    for (String name : r.fieldNames()) {
      JsonObject c = r.getJsonObject(name);
      for (int k = 0; k < 4; k++) {
        JsonObject s = servers.getJsonObject(k);
        assertThat(s.getInteger("id")).isEqualTo(k + 1);
        close(s.getJsonObject("coefficients").getDouble(name), c.getJsonArray("estimates").getDouble(k), name + " " + k);
        close(s.getJsonObject("standardErrors").getDouble(name), c.getJsonArray("standardErrors").getDouble(k),
            name + " se " + k);
      }
      JsonObject m = combined.getJsonObject(name);
      for (String kind : List.of("fixed", "random")) {
        close(m.getJsonObject(kind).getDouble("estimate"), c.getJsonObject(kind).getDouble("estimate"), name + kind);
        close(m.getJsonObject(kind).getDouble("se"), c.getJsonObject(kind).getDouble("se"), name + kind + " se");
        close(m.getJsonObject(kind).getJsonArray("ci").getDouble(0), c.getJsonObject(kind).getDouble("ciLow"), name);
      }
      close(m.getDouble("q"), c.getDouble("q"), name + " Q");
      close(m.getDouble("iSquared"), c.getDouble("i2"), name + " I2");
      close(m.getDouble("tau2"), c.getDouble("tau2"), name + " tau2");
    }
    CliRunner.Run plain = CliRunner.cli("simulate", "--json", "--model", "ols", "--data", "data/bank1.csv", "--data",
        "data/bank2.csv", "--data", "data/bank3.csv", "--data", "data/bank4.csv");
    assertThat(j.getJsonObject("coefficients")).isEqualTo(new JsonObject(plain.lastLine()).getJsonObject("coefficients"));
  }

  @Test
  @DisplayName("servers that refuse their own estimates (--allow-local-estimates false) answer 403; they are left out "
      + "with the reason, and the pooled fit goes on")
  void refused() {
    CliRunner.Run run = simulate("--model", "tobit", "--allow-local-estimates", "false");
    assertThat(run.code()).as(run.err()).isZero();
    JsonObject j = new JsonObject(run.lastLine());
    assertThat(j.getJsonObject("coefficients").getDouble("log_sigma")).isNegative();
    JsonObject meta = j.getJsonObject("meta");
    assertThat(meta.getJsonObject("combined")).isEmpty();
    for (Object s : meta.getJsonArray("servers")) {
      assertThat(((JsonObject) s).getString("error")).contains("403").contains("--allow-local-estimates false");
    }
  }

  @Test
  @DisplayName("tobit's own fits per server converge and combine; --meta is refused with --secure, sgd and two-stage")
  void tobitAndRefusals() {
    CliRunner.Run run = simulate("--model", "tobit");
    assertThat(run.code()).as(run.err()).isZero();
    JsonObject combined = new JsonObject(run.lastLine()).getJsonObject("meta").getJsonObject("combined");
    assertThat(combined.fieldNames()).contains("ltv", "log_sigma");
    assertThat(simulate("--model", "tobit", "--secure").err()).contains("--meta needs fits on some servers").contains("--secure");
    assertThat(simulate("--model", "sgd").err()).contains("approximate");
    assertThat(simulate("--model", "two-stage").err()).contains("stages");
  }

  /** tau2 of the cure logit's intercept from --meta over 40 generated banks with bank effects of sd {@code tau}. */
  private static double[] cureTau2(Path dir, double tau) throws Exception {
    CliRunner.Run gen = CliRunner.cli("generate", "--out", dir.toString(), "--servers", "40", "--rows", "1500",
        "--seed", "41", "--bank-effect-sd", Double.toString(tau));
    assertThat(gen.code()).as(gen.err()).isZero();
    List<String> args = new ArrayList<>(List.of("simulate", "--json", "--meta", "--model", "cure-logit"));
    for (int k = 1; k <= 40; k++) {
      args.addAll(List.of("--data", dir.resolve("bank" + k + ".csv").toString()));
    }
    CliRunner.Run run = CliRunner.cli(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    JsonObject intercept = new JsonObject(run.lastLine()).getJsonObject("meta").getJsonObject("combined")
        .getJsonObject("intercept");
    JsonArray banks = new JsonObject(Files.readString(dir.resolve("truth.json"))).getJsonArray("banks");
    double mean = 0;
    double sq = 0;
    for (int k = 0; k < banks.size(); k++) {
      double u = banks.getJsonObject(k).getDouble("bankEffect", 0.0);
      mean += u / banks.size();
      sq += u * u;
    }
    double drawn = (sq - banks.size() * mean * mean) / (banks.size() - 1);
    return new double[] {intercept.getDouble("tau2"), drawn};
  }

  @Test
  @DisplayName("generate --bank-effect-sd 0.5 over 40 banks: the random-effects tau2 of the cure logit's intercept "
      + "recovers the drawn effects' variance within sampling error (0.1, about three standard errors); without "
      + "effects it stays near 0")
  void recoversHeterogeneity(@TempDir Path dir) throws Exception {
    double[] with = cureTau2(dir.resolve("tau"), 0.5);
    assertThat(with[1]).isBetween(0.1, 0.6);
    assertThat(with[0]).isCloseTo(with[1], offset(0.1));
    double[] without = cureTau2(dir.resolve("none"), 0);
    assertThat(without[1]).isZero();
    assertThat(without[0]).isLessThan(0.05);
  }
}
