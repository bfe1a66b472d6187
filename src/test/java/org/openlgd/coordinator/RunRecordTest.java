package org.openlgd.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.TestServers;

@DisplayName("Run records: manifest, rounds.jsonl, result")
class RunRecordTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Runs a coordinator over {@code files} with a record under {@code runs}; returns the record's directory. */
  private Path run(Path runs, List<String> files, JsonObject extra) throws Exception {
    StringBuilder urls = new StringBuilder();
    for (int k = 0; k < files.size(); k++) {
      urls.append(k == 0 ? "" : ",").append(await(TestServers.deploy(vertx, files.get(k), k + 1)));
    }
    JsonObject conf = new JsonObject().put("servers", urls.toString()).put("model", "fractional-logit")
        .put("token", "do-not-write-me").mergeIn(extra);
    RunRecord record = new RunRecord(runs, "coordinator", conf);
    CoordinatorVerticle c = new CoordinatorVerticle(record);
    await(vertx.deployVerticle(c, new DeploymentOptions().setConfig(conf))
        .compose(id -> c.result()).recover(e -> Future.succeededFuture()));
    record.close();
    return record.directory();
  }

  @Test
  @DisplayName("one line per round with the documented fields; manifest without secrets; result.json = --json result")
  void files(@TempDir Path runs) throws Exception {
    Path dir = run(runs, List.of("data/bank1.csv", "data/bank2.csv"), new JsonObject());
    assertThat(dir.getFileName().toString()).matches("\\d{8}-\\d{6}-run-[0-9a-f-]+");
    JsonObject result = new JsonObject(Files.readString(dir.resolve("result.json")));
    assertThat(result.getString("status")).isEqualTo("succeeded");
    List<String> lines = Files.readAllLines(dir.resolve("rounds.jsonl"));
    assertThat(lines).hasSize(result.getInteger("rounds"));
    for (int i = 0; i < lines.size(); i++) {
      JsonObject l = new JsonObject(lines.get(i));
      assertThat(l.fieldNames()).containsExactlyInAnyOrder("round", "epoch", "participants", "absent", "millis", "stepNorm",
          "maxAbsChange", "deviance", "parameters");
      assertThat(l.getInteger("epoch")).isEqualTo(i + 1);
      assertThat(l.getJsonArray("participants")).hasSize(2);
      assertThat(l.getJsonArray("participants").getJsonObject(0).getLong("n")).isEqualTo(2400);
      assertThat(l.getJsonArray("absent")).isEmpty();
      assertThat(l.getDouble("deviance")).isPositive();
      assertThat(l.getJsonObject("parameters").fieldNames()).containsExactly("intercept", "ltv", "senior", "log_ead",
          "months_in_default");
      if (i > 0) {
        assertThat(l.getDouble("stepNorm")).isPositive();
      }
    }
    JsonObject last = new JsonObject(lines.get(lines.size() - 1)).getJsonObject("parameters");
    assertThat(last.getDouble("ltv")).isEqualTo(result.getJsonObject("coefficients").getDouble("ltv"));

    JsonObject manifest = new JsonObject(Files.readString(dir.resolve("manifest.json")));
    assertThat(manifest.getString("runId")).isEqualTo(result.getString("runId"));
    assertThat(manifest.getJsonObject("config").getString("token")).isEqualTo("(removed)");
    assertThat(Files.readString(dir.resolve("manifest.json"))).doesNotContain("do-not-write-me");
    assertThat(manifest.getString("configSha256")).hasSize(64);
    assertThat(manifest.getJsonObject("code").getString("version")).isNotBlank();
    assertThat(manifest.getJsonArray("servers")).hasSize(2);
    assertThat(manifest.getJsonArray("servers").getJsonObject(0).getString("fingerprint")).hasSize(16);
  }

  @Test
  @DisplayName("same config and data: same numbers and config hash; changed data: that server's fingerprint changes")
  void reproducibleAndFingerprinted(@TempDir Path runs, @TempDir Path data) throws Exception {
    Path changed = data.resolve("bank2.csv");
    List<String> rows = Files.readAllLines(Path.of("data/bank2.csv"));
    rows.set(1, rows.get(1).replaceFirst("^[^,]*", "0.123"));
    Files.write(changed, rows);
    Path a = run(runs, List.of("data/bank1.csv", "data/bank2.csv"), new JsonObject());
    Path b = run(runs, List.of("data/bank1.csv", "data/bank2.csv"), new JsonObject());
    Path c = run(runs, List.of("data/bank1.csv", changed.toString()), new JsonObject());
    JsonObject ma = new JsonObject(Files.readString(a.resolve("manifest.json")));
    JsonObject mb = new JsonObject(Files.readString(b.resolve("manifest.json")));
    JsonObject mc = new JsonObject(Files.readString(c.resolve("manifest.json")));
    assertThat(new JsonObject(Files.readString(a.resolve("result.json"))).getJsonObject("coefficients"))
        .isEqualTo(new JsonObject(Files.readString(b.resolve("result.json"))).getJsonObject("coefficients"));
    assertThat(Files.readAllLines(a.resolve("rounds.jsonl")).size()).isEqualTo(Files.readAllLines(b.resolve("rounds.jsonl")).size());
    String fa1 = ma.getJsonArray("servers").getJsonObject(0).getString("fingerprint");
    String fa2 = ma.getJsonArray("servers").getJsonObject(1).getString("fingerprint");
    assertThat(mb.getJsonArray("servers").getJsonObject(1).getString("fingerprint")).isEqualTo(fa2);
    assertThat(mc.getJsonArray("servers").getJsonObject(0).getString("fingerprint")).isEqualTo(fa1);
    assertThat(mc.getJsonArray("servers").getJsonObject(1).getString("fingerprint")).isNotEqualTo(fa2);
    assertThat(new JsonObject(Files.readString(c.resolve("result.json"))).getJsonObject("coefficients"))
        .isNotEqualTo(new JsonObject(Files.readString(a.resolve("result.json"))).getJsonObject("coefficients"));
  }

  @Test
  @DisplayName("a failed run leaves result.json with status failed and the error")
  void failedRun(@TempDir Path runs) throws Exception {
    Path dir = run(runs, List.of("data/bank1.csv"), new JsonObject().put("model", "beta"));
    JsonObject result = new JsonObject(Files.readString(dir.resolve("result.json")));
    assertThat(result.getString("status")).isEqualTo("failed");
    assertThat(result.getString("error")).contains("beta");
  }
}
