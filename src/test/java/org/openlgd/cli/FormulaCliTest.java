package org.openlgd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formulas from the command line: simulate (the event bus), standalone, their output, records and errors. */
class FormulaCliTest {
  private static final String FORMULA = "LGD ~ ltv + log(ead) + C(collateral) + facility + senior:ltv";
  private static final String[] BANKS = {"--data", "data/categorical/bank1.csv", "--data", "data/categorical/bank2.csv",
      "--data", "data/categorical/bank3.csv", "--data", "data/categorical/bank4.csv"};

  private static String[] args(String command, String... more) {
    String[] out = new String[1 + (command.equals("simulate") ? BANKS.length : 2) + more.length];
    out[0] = command;
    if (command.equals("simulate")) {
      System.arraycopy(BANKS, 0, out, 1, BANKS.length);
    } else {
      out[1] = "--data";
      out[2] = "data/categorical/bank1.csv,data/categorical/bank2.csv,data/categorical/bank3.csv,data/categorical/bank4.csv";
    }
    System.arraycopy(more, 0, out, out.length - more.length, more.length);
    return out;
  }

  @Test
  @DisplayName("simulate over the event bus and standalone give the same weighted fit; the report shows the formula, "
      + "the levels and reference of each categorical and the rows dropped; the record keeps them")
  void simulateAndStandalone(@TempDir Path runs) throws Exception {
    CliRunner.Run sim = CliRunner.cli(args("simulate", "--model", "fractional-logit", "--formula", FORMULA,
        "--weights", "ead", "--runs-dir", runs.toString()));
    assertThat(sim.code()).as(sim.err()).isZero();
    assertThat(sim.out()).contains("formula " + FORMULA + ", weights ead")
        .contains("C(collateral): cash, guarantee, none, real_estate (reference cash)")
        .contains("facility: mortgage, revolver, term_loan (reference mortgage)")
        .contains("rows dropped for a missing value (--missing drop): 843")
        .contains("C(collateral)[T.guarantee]").contains("senior:ltv");
    CliRunner.Run alone = CliRunner.cli(args("standalone", "--model", "fractional-logit", "--formula", FORMULA,
        "--weights", "ead", "--json"));
    assertThat(alone.code()).as(alone.err()).isZero();
    JsonObject json = new JsonObject(alone.lastLine());
    JsonObject design = json.getJsonObject("design");
    assertThat(design.getString("formula")).isEqualTo(FORMULA);
    assertThat(design.getLong("dropped")).isEqualTo(843);
    assertThat(design.getJsonArray("categoricals").getJsonObject(0).getString("reference")).isEqualTo("cash");
    JsonObject b = json.getJsonObject("coefficients");
    assertThat(b.fieldNames()).contains("C(collateral)[T.none]", "facility[T.revolver]", "log(ead)");
    Path dir;
    try (var list = Files.list(runs)) {
      dir = list.findFirst().orElseThrow();
    }
    JsonObject recorded = new JsonObject(Files.readString(dir.resolve("design.json")));
    assertThat(recorded.getJsonArray("rows")).hasSize(4);
    assertThat(recorded.getJsonArray("columns")).isEqualTo(new JsonArray(b.fieldNames().stream()
        .filter(n -> !n.equals("intercept")).toList()));
    JsonObject result = new JsonObject(Files.readString(dir.resolve("result.json")));
    for (String name : b.fieldNames()) {
      assertThat(result.getJsonObject("coefficients").getDouble(name)).as(name)
          .isCloseTo(b.getDouble(name), within(1e-9 * Math.abs(b.getDouble(name))));
    }
  }

  @Test
  @DisplayName("a bad formula is a usage error (exit code 2) with its position; bad data under --missing error exit 1")
  void errors() {
    CliRunner.Run syntax = CliRunner.cli(args("standalone", "--formula", "LGD ~ ltv +"));
    assertThat(syntax.code()).isEqualTo(2);
    assertThat(syntax.err()).contains("the formula ends too early at character 12").contains("             ^");
    CliRunner.Run column = CliRunner.cli(args("simulate", "--formula", "LGD ~ ltvv", "--record", "false"));
    assertThat(column.code()).isEqualTo(1);
    assertThat(column.err()).contains("unknown column 'ltvv'");
    CliRunner.Run missing = CliRunner.cli(args("standalone", "--formula", "LGD ~ ltv", "--missing", "error"));
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).containsPattern("data/categorical/bank1.csv, line \\d+, column 2: missing value in column 'ltv'");
  }
}
