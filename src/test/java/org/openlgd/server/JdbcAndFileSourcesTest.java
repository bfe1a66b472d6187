package org.openlgd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.ParquetFiles;
import org.openlgd.data.Table;

@ExtendWith(VertxExtension.class)
@DisplayName("JDBC (H2 in process), Parquet (DuckDB) and SAS sources hold the CSV file's rows, bit for bit")
class JdbcAndFileSourcesTest {
  static final String CATEGORICAL = "data/categorical/bank1.csv";
  static final String FORMULA = "LGD ~ ltv + C(collateral) + log(ead) + facility";
  static final String H2_PASSWORD = "s3cret-h2";

  /** The CSV file's server and another source's: same rows, same fingerprint, same OLS to the last bit. */
  static void assertSameAsCsv(SourceServers servers, JsonObject source) throws Exception {
    JsonObject csv = servers.helloAndOls(new JsonObject().put("id", 1).put("data", CATEGORICAL).put("formula", FORMULA)
        .put("weights", "ead"));
    JsonObject other = servers.helloAndOls(source.copy().put("formula", FORMULA).put("weights", "ead"));
    assertThat(other.getJsonObject("hello").getLong("n")).isEqualTo(csv.getJsonObject("hello").getLong("n"));
    assertThat(other.getJsonObject("hello").getString("fingerprint"))
        .isEqualTo(csv.getJsonObject("hello").getString("fingerprint"));
    assertThat(other.getJsonObject("ols").getJsonObject("coefficients"))
        .isEqualTo(csv.getJsonObject("ols").getJsonObject("coefficients"));
  }

  /** Copies a CSV file into a new table of a JDBC database: numbers as DOUBLE PRECISION, text as VARCHAR. */
  static void copy(Connection c, String table, Path csv) throws Exception {
    Table t = CsvLoader.table(csv);
    List<String> defs = new ArrayList<>();
    for (String n : t.names()) {
      defs.add("\"" + n + "\" " + (t.column(n) instanceof Table.Numbers ? "DOUBLE PRECISION" : "VARCHAR(100)"));
    }
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (" + String.join(", ", defs) + ")");
    }
    String marks = String.join(", ", Collections.nCopies(t.names().size(), "?"));
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
      for (int i = 0; i < t.rows(); i++) {
        for (int j = 0; j < t.names().size(); j++) {
          insert.setObject(j + 1, t.cell(t.names().get(j), i));
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static Path h2(Path tmp) throws Exception {
    Path pw = tmp.resolve("pw");
    Files.writeString(pw, H2_PASSWORD + "\n");
    try (Connection c = DriverManager.getConnection("jdbc:h2:" + tmp.resolve("banks"), "sa", H2_PASSWORD)) {
      copy(c, "cat1", Path.of(CATEGORICAL));
    }
    return pw;
  }

  @Test
  @DisplayName("an H2 database over JDBC (--data jdbc:h2:... --table, password from a file) equals the CSV file")
  void h2SameAsCsv(Vertx vertx, @TempDir Path tmp) throws Exception {
    Path pw = h2(tmp);
    assertSameAsCsv(new SourceServers(vertx), new JsonObject().put("id", 2)
        .put("data", "jdbc:h2:" + tmp.resolve("banks") + ";USER=sa").put("table", "cat1")
        .put("db-password-file", pw.toString()));
  }

  @Test
  @DisplayName("JDBC failures name the source: a wrong password, an unknown table or column, a text column used as "
      + "a number (row and column named), a missing driver, a password in the URL; a dropped table fails a reload with 422 and the server keeps its rows; the password shows nowhere")
  void jdbcFailures(Vertx vertx, @TempDir Path tmp) throws Exception {
    Path pw = h2(tmp);
    Path wrong = tmp.resolve("wrong");
    Files.writeString(wrong, "not-the-password");
    String url = "jdbc:h2:" + tmp.resolve("banks") + ";USER=sa";
    SourceServers servers = new SourceServers(vertx);
    assertThat(servers.failedStart(new JsonObject().put("data", url).put("table", "cat1")
        .put("db-password-file", wrong.toString())))
        .contains("jdbc:h2:" + tmp.resolve("banks")).contains("authentication failed").doesNotContain("not-the-password");
    assertThat(servers.failedStart(new JsonObject().put("data", url).put("table", "nope")
        .put("db-password-file", pw.toString()))).contains("NOPE").contains("not found").contains("42S02");
    assertThat(servers.failedStart(new JsonObject().put("data", url).put("query", "SELECT \"LGD\", nope FROM cat1")
        .put("db-password-file", pw.toString()))).contains("jdbc:h2:").contains("NOPE").contains("not found");
    assertThat(servers.failedStart(new JsonObject().put("data", url).put("table", "cat1")
        .put("db-password-file", pw.toString()).put("formula", "LGD ~ ltv + log(collateral)")))
        .contains("jdbc:h2:" + tmp.resolve("banks") + ", data row").contains("column 'collateral'");
    assertThat(servers.failedStart(new JsonObject().put("data", "jdbc:nosuchdb://127.0.0.1/x").put("table", "t")))
        .contains("jdbc:nosuchdb://127.0.0.1/x: no JDBC driver");
    assertThat(servers.failedStart(new JsonObject().put("data", url + ";PASSWORD=x").put("table", "cat1")))
        .contains("no password in the --data URL");
    try (Connection c = DriverManager.getConnection("jdbc:h2:" + tmp.resolve("banks"), "sa", H2_PASSWORD);
         Statement s = c.createStatement()) {
      s.execute("CREATE TABLE gone AS SELECT * FROM cat1");
    }
    String base = servers.deploy(new JsonObject().put("data", url).put("table", "gone")
        .put("db-password-file", pw.toString()));
    long n = servers.get(base + "/").getLong("n");
    try (Connection c = DriverManager.getConnection("jdbc:h2:" + tmp.resolve("banks"), "sa", H2_PASSWORD);
         Statement s = c.createStatement()) {
      s.execute("DROP TABLE gone");
    }
    HttpResponse<Buffer> dropped = servers.reload(base);
    assertThat(dropped.statusCode()).isEqualTo(422);
    assertThat(dropped.bodyAsJsonObject().getString("error")).contains("previous data stay in use").contains("GONE");
    assertThat(dropped.bodyAsString()).doesNotContain(H2_PASSWORD);
    assertThat(servers.get(base + "/").getLong("n")).isEqualTo(n).isPositive();
  }

  @Test
  @DisplayName("a Parquet file written by the project's generator (DuckDB) and one written by pyarrow (an independent "
      + "writer, int64 and string columns) each equal the CSV file")
  void parquetSameAsCsv(Vertx vertx, @TempDir Path tmp) throws Exception {
    Path ours = tmp.resolve("bank1.parquet");
    ParquetFiles.fromCsv(Path.of(CATEGORICAL), ours);
    SourceServers servers = new SourceServers(vertx);
    assertSameAsCsv(servers, new JsonObject().put("id", 2).put("data", ours.toString()));
    assertSameAsCsv(servers, new JsonObject().put("id", 3)
        .put("data", "src/test/resources/sources/cat_bank1_pyarrow.parquet"));
  }

  @Test
  @DisplayName("a Parquet glob reads every file it matches; SQL over local files (jdbc:duckdb: --query) filters rows; "
      + "a missing file names the path")
  void parquetGlobAndQuery(Vertx vertx, @TempDir Path tmp) throws Exception {
    ParquetFiles.fromCsv(Path.of(CATEGORICAL), tmp.resolve("a.parquet"));
    ParquetFiles.fromCsv(Path.of("data/categorical/bank2.csv"), tmp.resolve("b.parquet"));
    SourceServers servers = new SourceServers(vertx);
    long n1 = servers.get(servers.deploy(new JsonObject().put("data", tmp + "/a.parquet")) + "/").getLong("n");
    long n2 = servers.get(servers.deploy(new JsonObject().put("data", tmp + "/b.parquet")) + "/").getLong("n");
    String glob = servers.deploy(new JsonObject().put("data", tmp + "/*.parquet"));
    assertThat(servers.get(glob + "/").getLong("n")).isEqualTo(n1 + n2);
    String sql = servers.deploy(new JsonObject().put("data", "jdbc:duckdb:").put("query",
        "SELECT * FROM '" + tmp + "/*.parquet' WHERE facility = 'revolver'").put("formula", "LGD ~ ltv + C(collateral)"));
    JsonObject hello = servers.get(sql + "/");
    assertThat(hello.getLong("n")).isPositive().isLessThan(n1 + n2);
    assertThat(servers.failedStart(new JsonObject().put("data", tmp + "/none.parquet")))
        .contains(tmp + "/none.parquet").contains("No files found");
  }

  @Test
  @DisplayName("a SAS data set that parso cannot read (the one R's haven writes) and a file that is no SAS data set "
      + "fail the server's start with a message naming the file")
  void sasUnreadable(Vertx vertx, @TempDir Path tmp) throws Exception {
    SourceServers servers = new SourceServers(vertx);
    String haven = "src/test/resources/sources/cat_bank1_haven.sas7bdat";
    assertThat(servers.failedStart(new JsonObject().put("data", haven)))
        .contains(haven + ": cannot read it as a SAS data set");
    Path bogus = tmp.resolve("bogus.sas7bdat");
    Files.writeString(bogus, "LGD,ltv\n0.5,1\n");
    assertThat(servers.failedStart(new JsonObject().put("data", bogus.toString())))
        .contains(bogus + ": cannot read it as a SAS data set");
  }
}
