package org.openlgd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.Fixtures;

@DisplayName("compare: the likelihood-ratio test between two runs")
class CompareTest {
  /** A simulate run over {@code files} recorded under {@code runs}; its record directory. */
  private static String record(Path runs, List<String> files, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("simulate", "--json", "--runs-dir", runs.toString()));
    files.forEach(f -> args.addAll(List.of("--data", f)));
    args.addAll(List.of(extra));
    CliRunner.Run run = CliRunner.cli(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    String id = new JsonObject(run.lastLine()).getString("runId", null);
    try (Stream<Path> s = Files.list(runs)) {
      return s.filter(p -> id == null || p.getFileName().toString().endsWith(id))
          .max(Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow().toString();
    }
  }

  private static final List<String> BANKS = List.of("data/bank1.csv", "data/bank2.csv", "data/bank3.csv",
      "data/bank4.csv");

  @Test
  @DisplayName("tobit with and without months_in_default on the same 4 servers: LR and p equal R's (AER::tobit's "
      + "log-likelihoods, pchisq) to 1e-8; the servers' data fingerprints are the same though the designs differ")
  void matchesR(@TempDir Path runs) throws Exception {
    JsonObject r = Fixtures.json("tobit.json")
        .getJsonObject("lrWithoutMonthsInDefault");
    String full = record(runs.resolve("a"), BANKS, "--model", "tobit");
    String reduced = record(runs.resolve("b"), BANKS, "--model", "tobit", "--formula", "LGD ~ ltv + senior + log_ead");
    CliRunner.Run cmp = CliRunner.cli("compare", "--run", reduced, "--run", full, "--json");
    assertThat(cmp.code()).as(cmp.err()).isZero();
    JsonObject t = new JsonObject(cmp.lastLine());
    assertThat(t.getInteger("df")).isEqualTo(1);
    assertThat(t.getDouble("statistic")).isCloseTo(r.getDouble("statistic"), offset(1e-8 * 804));
    assertThat(t.getDouble("p")).isCloseTo(r.getDouble("p"), offset(1e-6 * r.getDouble("p")));
    assertThat(t.getString("larger")).isEqualTo(full);
  }

  @Test
  @DisplayName("refused: other data (three banks against four), a quasi-likelihood, models that are not nested")
  void refusals(@TempDir Path runs) throws Exception {
    String four = record(runs.resolve("a"), BANKS, "--model", "ols");
    String three = record(runs.resolve("b"), BANKS.subList(0, 3), "--model", "ols", "--formula", "LGD ~ ltv");
    assertThat(CliRunner.cli("compare", "--run", four, "--run", three).err()).contains("servers");
    String quasi = record(runs.resolve("c"), BANKS, "--model", "fractional-logit");
    assertThat(CliRunner.cli("compare", "--run", quasi, "--run", four).err()).contains("no likelihood");
    String ltv = record(runs.resolve("d"), BANKS, "--model", "ols", "--formula", "LGD ~ ltv + senior");
    String ead = record(runs.resolve("e"), BANKS, "--model", "ols", "--formula", "LGD ~ log_ead + months_in_default + senior");
    assertThat(CliRunner.cli("compare", "--run", ltv, "--run", ead).err()).contains("not nested");
  }
}
