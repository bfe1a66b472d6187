package org.openlgd.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.server.ModelServerVerticle;

/** Model servers reading a real PostgreSQL server on loopback (a fresh cluster made and removed by the test). */
class PostgresIT {
  private static Postgres pg;
  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    assumeThat(Postgres.binaries()).as("PostgreSQL installed").isNotNull();
    pg = Postgres.start();
    pg.sql("postgres", "CREATE DATABASE banks");
    pg.sql("banks", "CREATE TABLE bank1 (\"LGD\" double precision, ltv double precision, senior double precision, "
            + "log_ead double precision, months_in_default double precision)",
        "\\copy bank1 FROM '" + Path.of("data/bank1.csv").toAbsolutePath() + "' CSV HEADER",
        "CREATE TABLE cat1 (\"LGD\" double precision, ltv double precision, senior integer, ead numeric, "
            + "months_in_default integer, collateral text, facility text)",
        "\\copy cat1 FROM '" + Path.of("data/categorical/bank1.csv").toAbsolutePath() + "' CSV HEADER");
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (pg != null) {
      pg.close();
    }
  }

  private static JsonObject start(JsonObject conf) throws Exception {
    ModelServerVerticle v = new ModelServerVerticle();
    vertx.deployVerticle(v, new DeploymentOptions().setConfig(conf.copy().put("port", 0)))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    WebClient client = WebClient.create(vertx);
    String base = "http://127.0.0.1:" + v.actualPort();
    return Future.all(client.getAbs(base + "/").send(), client.getAbs(base + "/start?model=ols").send())
        .map(all -> new JsonObject().put("hello", all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(0).bodyAsJsonObject())
            .put("ols", all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(1).bodyAsJsonObject()))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a table read from PostgreSQL gives the CSV's rows exactly: the same fingerprint and OLS to the last bit")
  void sameAsCsv(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path pw = tmp.resolve("pw");
    Files.writeString(pw, Postgres.PASSWORD + "\n");
    JsonObject csv = start(new JsonObject().put("id", 1).put("data", "data/bank1.csv"));
    JsonObject db = start(new JsonObject().put("id", 2).put("data", pg.url("banks")).put("table", "bank1")
        .put("db-password-file", pw.toString()));
    assertThat(db.getJsonObject("hello").getString("fingerprint")).isEqualTo(csv.getJsonObject("hello").getString("fingerprint"));
    assertThat(db.getJsonObject("ols").getDouble("intercept")).isEqualTo(csv.getJsonObject("ols").getDouble("intercept"));
    assertThat(db.getJsonObject("ols").getJsonObject("coefficients")).isEqualTo(csv.getJsonObject("ols").getJsonObject("coefficients"));
    JsonObject catCsv = start(new JsonObject().put("id", 3).put("data", "data/categorical/bank1.csv")
        .put("formula", "LGD ~ ltv + C(collateral) + log(ead) + facility").put("weights", "ead"));
    JsonObject catDb = start(new JsonObject().put("id", 4).put("data", pg.url("banks"))
        .put("query", "SELECT * FROM cat1").put("db-password-file", pw.toString())
        .put("formula", "LGD ~ ltv + C(collateral) + log(ead) + facility").put("weights", "ead"));
    assertThat(catDb.getJsonObject("ols").getJsonObject("coefficients"))
        .isEqualTo(catCsv.getJsonObject("ols").getJsonObject("coefficients"));
    assertThat(catDb.getJsonObject("hello").getLong("n")).isEqualTo(catCsv.getJsonObject("hello").getLong("n"));
  }
}
