package org.openlgd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("report: the HTML report of a run record, outside the browser")
class ReportCommandTest {
  private static final String RENDER = "OpenLgd.renderRun(document.getElementById('run'), ";

  @Test
  @DisplayName("a recorded run's report embeds the run as the API gives it (coefficients equal to the run's --json), "
      + "the page's scripts and style, the manifest with markup escaped, and no '</' inside its data; --out writes "
      + "elsewhere; a folder that is not a run record and a missing --run are refused")
  void report(@TempDir Path dir) throws Exception {
    Path runs = dir.resolve("runs");
    CliRunner.Run run = CliRunner.cli("simulate", "--json", "--model", "ols", "--runs-dir", runs.toString(),
        "--formula", "LGD ~ ltv + I(ltv < 0.8)", "--data", "data/bank1.csv", "--data", "data/bank2.csv");
    assertThat(run.code()).as(run.err()).isZero();
    JsonObject result = new JsonObject(run.lastLine());
    Path record;
    try (Stream<Path> s = Files.list(runs)) {
      record = s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    CliRunner.Run made = CliRunner.cli("report", "--run", record.toString());
    assertThat(made.code()).as(made.err()).isZero();
    Path html = record.resolve("report.html");
    assertThat(made.out()).contains("report written to " + html);
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>").contains("<h1>openlgd run report</h1>")
        .contains("function calibrationPlot").contains("renderRun").contains(".plot-area")
        .contains("I(ltv &lt; 0.8)").endsWith("</html>\n");
    int at = page.indexOf(RENDER) + RENDER.length();
    String data = page.substring(at, page.indexOf(");\ndocument.body.setAttribute", at));
    assertThat(data).doesNotContain("</");
    JsonObject embedded = new JsonObject(data.replace("<\\/", "</"));
    assertThat(embedded.getJsonObject("result").getJsonObject("coefficients")).isEqualTo(result.getJsonObject("coefficients"));
    assertThat(embedded.getJsonObject("manifest").getString("command")).isEqualTo("simulate");

    Path elsewhere = dir.resolve("elsewhere.html");
    assertThat(CliRunner.cli("report", "--run", record.toString(), "--out", elsewhere.toString()).code()).isZero();
    assertThat(Files.readString(elsewhere)).isEqualTo(page);
    CliRunner.Run notRecord = CliRunner.cli("report", "--run", dir.toString());
    assertThat(notRecord.code()).isNotZero();
    assertThat(notRecord.err()).contains("is not a run record (no manifest.json in it)");
    CliRunner.Run missing = CliRunner.cli("report");
    assertThat(missing.code()).isNotZero();
    assertThat(missing.err()).contains("--run DIR");
  }
}
