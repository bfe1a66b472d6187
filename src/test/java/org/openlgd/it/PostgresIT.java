package org.openlgd.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.server.SourceServers;
import org.slf4j.LoggerFactory;

/** Model servers reading a real PostgreSQL server on loopback (a fresh cluster made and removed by the test). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresIT {
  private static Postgres pg;
  private static Vertx vertx;
  private static SourceServers servers;

  private static final ListAppender<ILoggingEvent> LOGGED = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    if (Postgres.binaries() == null && System.getenv("OPENLGD_REQUIRE_UPSTREAM") != null) {
      throw new IllegalStateException("PostgreSQL is not installed; scripts/install-test-deps.sh installs it");
    }
    assumeThat(Postgres.binaries()).as("PostgreSQL installed (apt-get install postgresql)").isNotNull();
    LOGGED.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(LOGGED);
    pg = Postgres.start();
    pg.sql("postgres", "CREATE DATABASE banks");
    pg.sql("banks", "CREATE TABLE bank1 (\"LGD\" double precision, ltv double precision, senior double precision, "
            + "log_ead double precision, months_in_default double precision)",
        "CREATE TABLE cat1 (\"LGD\" double precision, ltv double precision, senior integer, ead numeric, "
            + "months_in_default integer, collateral text, facility text)");
    pg.copy("banks", "bank1", Path.of("data/bank1.csv"));
    pg.copy("banks", "cat1", Path.of("data/categorical/bank1.csv"));
    vertx = Vertx.vertx();
    servers = new SourceServers(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(LOGGED);
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (pg != null) {
      pg.close();
    }
  }

  private static String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + pg.port() + "/banks?user=" + Postgres.USER;
  }

  @Test
  @Order(2)
  @DisplayName("TLS to the database: verify-full with the server's CA reads over TLS (the query sees its own "
      + "connection encrypted); disable reads in clear; another CA is refused, naming the source")
  void tls(@TempDir Path tmp) throws Exception {
    Path pw = Postgres.passwordFile(tmp);
    String overTls = "SELECT * FROM bank1 WHERE (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid())";
    JsonObject conf = new JsonObject().put("data", pg.url("banks")).put("query", overTls)
        .put("db-password-file", pw.toString());
    JsonObject verified = servers.helloAndOls(conf.copy().put("id", 21).put("db-ssl-mode", "verify-full")
        .put("db-ssl-root-cert", pg.certificate(true).toString()));
    assertThat(verified.getJsonObject("hello").getLong("n")).isEqualTo(2400);
    assertThat(servers.helloAndOls(conf.copy().put("id", 22).put("db-ssl-mode", "require")).getJsonObject("hello").getLong("n"))
        .isEqualTo(2400);
    assertThat(servers.failedStart(conf.copy().put("id", 23).put("db-ssl-mode", "disable"))).isNotEqualTo("started");
    assertThat(servers.failedStart(conf.copy().put("id", 24).put("db-ssl-mode", "verify-full")
        .put("db-ssl-root-cert", pg.certificate(false).toString()))).contains(pg.url("banks")).contains("cannot connect");
  }

  @Test
  @Order(2)
  @DisplayName("a 1,000,000-row table x 11 columns streams into a server JVM with -Xmx128m")
  void millionRows(@TempDir Path tmp) throws Exception {
    StringBuilder cols = new StringBuilder("random() AS \"LGD\"");
    for (int j = 1; j <= 10; j++) {
      cols.append(", random() AS x").append(j);
    }
    pg.sql("banks", "CREATE TABLE big AS SELECT " + cols + " FROM generate_series(1, 1000000)");
    Path pw = Postgres.passwordFile(tmp);
    ServerJvm server = new ServerJvm(8, pg.url("banks"), List.of("--table", "big", "--db-password-file", pw.toString()));
    try (server) { // closed (killed by PID) even when it does not come up
      server.launch().awaitUp(120);
      JsonObject hello = servers.get(server.url() + "/");
      assertThat(hello.getLong("n")).isEqualTo(1_000_000);
      assertThat(hello.getJsonArray("features")).hasSize(10);
    }
  }

  @Test
  @Order(3)
  @DisplayName("a wrong password and an unknown table fail the server's start with the documented message; a dropped "
      + "table (422) and a stopped database (503) fail a reload, and the server keeps serving its rows; the password "
      + "is in no log line and no reply")
  void failures(@TempDir Path tmp) throws Exception {
    Path pw = Postgres.passwordFile(tmp);
    Path wrong = tmp.resolve("wrong");
    Files.writeString(wrong, "not-the-password");
    assertThat(servers.failedStart(new JsonObject().put("id", 5).put("data", pg.url("banks")).put("table", "bank1")
        .put("db-password-file", wrong.toString()))).contains("authentication failed").contains("28P01")
        .doesNotContain("not-the-password");
    assertThat(servers.failedStart(new JsonObject().put("id", 6).put("data", pg.url("banks")).put("table", "nope")
        .put("db-password-file", pw.toString()))).contains("relation \"nope\" does not exist");
    pg.sql("banks", "CREATE TABLE gone AS SELECT * FROM bank1");
    String base = servers.deploy(new JsonObject().put("id", 7).put("data", pg.url("banks")).put("table", "gone")
        .put("db-password-file", pw.toString()));
    pg.sql("banks", "DROP TABLE gone");
    HttpResponse<Buffer> dropped = servers.reload(base);
    assertThat(dropped.statusCode()).isEqualTo(422);
    assertThat(dropped.bodyAsJsonObject().getString("error")).contains("previous data stay in use").contains("gone");
    String jdbcBase = servers.deploy(new JsonObject().put("id", 8).put("data", jdbcUrl())
        .put("table", "bank1").put("db-password-file", pw.toString()));
    pg.stop();
    HttpResponse<Buffer> jdbcStopped = servers.reload(jdbcBase);
    assertThat(jdbcStopped.statusCode()).isEqualTo(503);
    assertThat(jdbcStopped.bodyAsJsonObject().getString("error")).contains("jdbc:postgresql://").contains("cannot connect");
    HttpResponse<Buffer> stopped = servers.reload(base);
    assertThat(stopped.statusCode()).isEqualTo(503);
    assertThat(stopped.bodyAsJsonObject().getString("error")).contains("cannot connect");
    assertThat(servers.get(base + "/").getLong("n")).isEqualTo(2400);
    for (HttpResponse<Buffer> r : List.of(dropped, stopped, jdbcStopped)) {
      assertThat(r.bodyAsString()).doesNotContain(Postgres.PASSWORD);
    }
    assertThat(LOGGED.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(Postgres.PASSWORD));
  }

  @Test
  @Order(1)
  @DisplayName("a table read from PostgreSQL, by the reactive client and by JDBC, gives the CSV's rows exactly: the same "
      + "fingerprint and OLS to the last bit")
  void sameAsCsv(@TempDir Path tmp) throws Exception {
    Path pw = Postgres.passwordFile(tmp);
    JsonObject csv = servers.helloAndOls(new JsonObject().put("id", 1).put("data", "data/bank1.csv"));
    JsonObject db = servers.helloAndOls(new JsonObject().put("id", 2).put("data", pg.url("banks")).put("table", "bank1")
        .put("db-password-file", pw.toString()));
    assertThat(db.getJsonObject("hello").getString("fingerprint")).isEqualTo(csv.getJsonObject("hello").getString("fingerprint"));
    assertThat(db.getJsonObject("ols").getDouble("intercept")).isEqualTo(csv.getJsonObject("ols").getDouble("intercept"));
    assertThat(db.getJsonObject("ols").getJsonObject("coefficients")).isEqualTo(csv.getJsonObject("ols").getJsonObject("coefficients"));
    JsonObject jdbc = servers.helloAndOls(new JsonObject().put("id", 5).put("data", jdbcUrl()).put("table", "bank1")
        .put("db-password-file", pw.toString()));
    assertThat(jdbc.getJsonObject("hello").getString("fingerprint")).isEqualTo(csv.getJsonObject("hello").getString("fingerprint"));
    assertThat(jdbc.getJsonObject("ols").getJsonObject("coefficients")).isEqualTo(csv.getJsonObject("ols").getJsonObject("coefficients"));
    JsonObject catCsv = servers.helloAndOls(new JsonObject().put("id", 3).put("data", "data/categorical/bank1.csv")
        .put("formula", "LGD ~ ltv + C(collateral) + log(ead) + facility").put("weights", "ead"));
    JsonObject catDb = servers.helloAndOls(new JsonObject().put("id", 4).put("data", pg.url("banks"))
        .put("query", "SELECT * FROM cat1").put("db-password-file", pw.toString())
        .put("formula", "LGD ~ ltv + C(collateral) + log(ead) + facility").put("weights", "ead"));
    assertThat(catDb.getJsonObject("ols").getJsonObject("coefficients"))
        .isEqualTo(catCsv.getJsonObject("ols").getJsonObject("coefficients"));
    assertThat(catDb.getJsonObject("hello").getLong("n")).isEqualTo(catCsv.getJsonObject("hello").getLong("n"));
  }
}
