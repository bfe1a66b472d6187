package org.openlgd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.PooledReference;
import org.openlgd.TestServers;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;
import org.openlgd.data.LgdGenerator;
import org.slf4j.LoggerFactory;

@DisplayName("simulate: a federation in one JVM over the local event bus")
class SimulateTest {

  @Test
  @DisplayName("64 servers x 1,000 rows (average): the ols result equals a pooled fit (relative error <= 1e-9)")
  void sixtyFourServers(@TempDir Path dir) throws Exception {
    LgdGenerator.write(dir, 64, 1000, 99);
    List<String> args = new ArrayList<>(List.of("simulate", "--model", "ols", "--json"));
    List<Dataset> parts = new ArrayList<>();
    for (int k = 1; k <= 64; k++) {
      String f = dir.resolve("bank" + k + ".csv").toString();
      args.add("--data");
      args.add(f);
      parts.add(CsvLoader.load(Path.of(f), null, List.of()));
    }
    CliRunner.Run r = CliRunner.cli(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    JsonObject j = new JsonObject(r.lastLine());
    assertThat(j.getInteger("servers")).isEqualTo(64);
    assertThat(j.getLong("n")).isEqualTo(64_000);
    double[] pooled = PooledReference.fit(Dataset.concat("pooled", parts)).estimateRegressionParameters();
    List<String> names = new ArrayList<>(j.getJsonObject("coefficients").fieldNames());
    for (int i = 0; i < pooled.length; i++) {
      double got = j.getJsonObject("coefficients").getDouble(names.get(i));
      assertThat(Math.abs(got - pooled[i]) / Math.abs(pooled[i])).as(names.get(i)).isLessThanOrEqualTo(1e-9);
    }
  }

  @Test
  @DisplayName("sgd in simulation equals sgd over HTTP on the same files")
  void sameAsHttp() throws Exception {
    CliRunner.Run sim = CliRunner.cli("simulate", "--data", "data/bank1.csv", "--data", "data/bank2.csv", "--epochs", "4", "--json");
    assertThat(sim.code()).as(sim.err()).isZero();
    Vertx vertx = Vertx.vertx();
    try {
      String a = TestServers.deploy(vertx, "data/bank1.csv", 1).toCompletionStage().toCompletableFuture().get();
      String b = TestServers.deploy(vertx, "data/bank2.csv", 2).toCompletionStage().toCompletableFuture().get();
      CliRunner.Run http = CliRunner.cli("coordinator", "--servers", a + "," + b, "--epochs", "4", "--json");
      assertThat(new JsonObject(http.lastLine()).getJsonObject("coefficients"))
          .isEqualTo(new JsonObject(sim.lastLine()).getJsonObject("coefficients"));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  @Test
  @DisplayName("federated equals standalone on the same rows for every model")
  void federatedEqualsStandalone() {
    String[] files = {"data/bank1.csv", "data/bank2.csv", "data/bank3.csv", "data/bank4.csv"};
    for (String model : List.of("ols", "fractional-logit", "beta")) {
      List<String> args = new ArrayList<>(List.of("simulate", "--model", model, "--json", "--boundary", "exclude"));
      for (String f : files) {
        args.add("--data");
        args.add(f);
      }
      JsonObject fed = new JsonObject(CliRunner.cli(args.toArray(String[]::new)).lastLine());
      JsonObject alone = new JsonObject(CliRunner.cli("standalone", "--data", String.join(",", files), "--model", model,
          "--boundary", "exclude", "--json").lastLine());
      for (String key : List.of("coefficients", "standardErrors")) {
        for (String name : fed.getJsonObject(key).fieldNames()) {
          double a = fed.getJsonObject(key).getDouble(name);
          double b = alone.getJsonObject(key).getDouble(name);
          assertThat(Math.abs(a - b) / Math.abs(b)).as("%s %s %s", model, key, name).isLessThanOrEqualTo(1e-10);
        }
      }
      assertThat(fed.getInteger("rounds")).isEqualTo(alone.getInteger("rounds"));
    }
  }

  @Test
  @DisplayName("sgd: one server holding the rows gives the standalone passes (to 1e-12)")
  void sgdOneServerEqualsStandalone() {
    JsonObject fed = new JsonObject(CliRunner.cli("simulate", "--data", "data/bank2.csv", "--epochs", "6", "--json").lastLine());
    JsonObject alone = new JsonObject(CliRunner.cli("standalone", "--data", "data/bank2.csv", "--epochs", "6", "--json").lastLine());
    // the same passes; only the row-weighted "average" of one server (n b / n) may touch the last bit
    for (String name : alone.getJsonObject("coefficients").fieldNames()) {
      double a = fed.getJsonObject("coefficients").getDouble(name);
      double b = alone.getJsonObject("coefficients").getDouble(name);
      assertThat(Math.abs(a - b) / Math.abs(b)).as(name).isLessThanOrEqualTo(1e-12);
    }
    assertThat(fed.getDouble("maxAbsDiffFromPooled")).isCloseTo(alone.getDouble("maxAbsDiffFromPooled"),
        Offset.offset(1e-12));
  }

  @Test
  @DisplayName("simulate takes the server options: small files run once the disclosure rules are relaxed; the audit file is written")
  void serverOptions(@TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(Path.of("data/bank1.csv"));
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Files.write(a, List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(3), lines.get(4), lines.get(5),
        lines.get(6), lines.get(7), lines.get(8)));
    Files.write(b, List.of(lines.get(0), lines.get(9), lines.get(10), lines.get(11), lines.get(12), lines.get(13),
        lines.get(14), lines.get(15), lines.get(16)));
    CliRunner.Run strict = CliRunner.cli("simulate", "--data", a.toString(), "--data", b.toString(), "--model", "ols",
        "--record", "false");
    assertThat(strict.code()).isEqualTo(1);
    assertThat(strict.err()).contains("disclosure rule");
    Path audit = dir.resolve("audit.jsonl");
    CliRunner.Run relaxed = CliRunner.cli("simulate", "--data", a.toString(), "--data", b.toString(), "--model", "ols",
        "--min-rows", "1", "--max-parameter-ratio", "1", "--min-category-count", "0", "--audit-file", audit.toString(),
        "--record", "false", "--json");
    assertThat(relaxed.code()).as(relaxed.err()).isZero();
    assertThat(new JsonObject(relaxed.lastLine()).getLong("n")).isEqualTo(16);
    assertThat(Files.readAllLines(audit)).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(l -> assertThat(new JsonObject(l).getInteger("status")).isEqualTo(200));
  }

  @Test
  @DisplayName("a run record that cannot be written is an error on stderr, without its path")
  void unwritableRecord(@TempDir Path dir) throws Exception {
    Path blocked = dir.resolve("not-a-dir");
    Files.writeString(blocked, "a file where the runs folder should be");
    CliRunner.Run r = CliRunner.cli("simulate", "--data", "data/bank1.csv", "--data", "data/bank2.csv", "--epochs", "2",
        "--runs-dir", blocked.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("error: the run record could not be written");
    assertThat(r.out()).contains("Final estimate").doesNotContain("Run record:");
  }

  @Test
  @DisplayName("a bad data file is reported with its place, and nothing runs")
  void badFile(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "LGD,ltv\n0.5,1\nx,2\n");
    CliRunner.Run r = CliRunner.cli("simulate", "--data", "data/bank1.csv", "--data", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("the response LGD holds text ('x' at " + bad + ", line 3, column 1)");
    assertThat(CsvLoader.load(Path.of("data/bank1.csv"), null, List.of()).rows()).isEqualTo(2400);
  }

  @Test
  @DisplayName("a clean run logs no warning: the servers' departures at the end meet no half-closed discovery consumer")
  void cleanRunLogsNoWarning() throws Exception {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    logged.start();
    root.addAppender(logged);
    try {
      for (int k = 0; k < 5; k++) {
        CliRunner.Run r = CliRunner.cli("simulate", "--data", "data/bank1.csv", "--data", "data/bank2.csv", "--data",
            "data/bank3.csv", "--data", "data/bank4.csv", "--record", "false");
        assertThat(r.code()).as(r.err()).isZero();
      }
    } finally {
      root.detachAppender(logged);
    }
    assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
  }
}
