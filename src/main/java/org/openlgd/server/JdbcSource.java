package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.openlgd.config.ServerConfig;
import org.openlgd.data.Drivers;
import org.openlgd.data.ParquetFiles;
import org.openlgd.data.Table;
import org.openlgd.data.TableBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows from any JDBC database ({@code --data jdbc:...}), and from Parquet files through DuckDB: the query runs on a
 * worker thread in a read-only transaction that is rolled back, and the result set is read forward with a fetch size
 * of {@value #FETCH} rows straight into column buffers, so memory is the finished table's, whatever the result's size.
 *
 * <p>Why plain JDBC and not Vert.x's JDBC client: its row streams (5.0.7) read the whole result into memory first
 * (vert-x3/vertx-jdbc-client#208), which is what a table of a million loans must not do; here the reading is one
 * blocking loop, on a worker, which is what JDBC is.
 */
final class JdbcSource implements DataSource {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSource.class);
  static final int FETCH = 10_000;

  private final Vertx vertx;
  private final String url;
  private final String shown;
  private final Properties properties;
  private final String query;

  private JdbcSource(Vertx vertx, String url, String shown, Properties properties, String query) {
    this.vertx = vertx;
    this.url = url;
    this.shown = shown;
    this.properties = properties;
    this.query = query;
  }

  /** {@code --data jdbc:...} with {@code --query} or {@code --table}; the password from the config. */
  static JdbcSource database(Vertx vertx, ServerConfig.Data data) {
    Properties p = new Properties();
    ServerConfig.Database db = data.database();
    if (db != null && db.password() != null) {
      p.setProperty("password", db.password());
    }
    if (data.source().startsWith("jdbc:duckdb:")) {
      p.setProperty("jdbc_stream_results", "true");
    }
    if (data.source().startsWith("jdbc:postgresql:")) {
      // a server-prepared statement from the first run: rows come in the binary format (doubles as 8 bytes, not
      // text to parse): a 1,000,000 x 11 table loads in 1.8 s instead of 6.0 s
      p.setProperty("prepareThreshold", "-1");
    }
    return new JdbcSource(vertx, data.source(), shown(data.source()), p, db == null ? null : db.query());
  }

  /** {@code --data loans.parquet} or a glob ({@code loans/*.parquet}): every row, read by DuckDB in memory. */
  static JdbcSource parquet(Vertx vertx, ServerConfig.Data data) {
    Properties p = new Properties();
    p.setProperty("jdbc_stream_results", "true");
    String sql = "SELECT * FROM read_parquet(" + ParquetFiles.literal(data.source()) + ")";
    return new JdbcSource(vertx, "jdbc:duckdb:", data.source(), p, sql);
  }

  /** A JDBC URL as shown to users: without its parameters (which may hold a user's settings or secrets). */
  static String shown(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', ';'}) {
      int i = url.indexOf(c);
      if (i >= 0) {
        cut = Math.min(cut, i);
      }
    }
    return url.substring(0, cut);
  }

  @Override
  public String describe() {
    return shown;
  }

  @Override
  public Future<Table> load() {
    if (query == null) {
      return Future.failedFuture(new SourceException(shown + ": no --query or --table"));
    }
    return vertx.executeBlocking(this::read, false);
  }

  private Table read() {
    long t0 = System.nanoTime();
    boolean connected = false;
    try (Connection c = Drivers.forUrl(url, shown).connect(url, properties)) {
      if (c == null) {
        throw new SQLException(shown + ": the driver does not take this URL", "08001");
      }
      connected = true;
      readOnly(c);
      try (PreparedStatement s = c.prepareStatement(query, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        s.setFetchSize(FETCH);
        Table t = rows(s.executeQuery());
        LOG.info("loaded {} rows x {} columns from {} in {} ms", t.rows(), t.names().size(), shown,
            (System.nanoTime() - t0) / 1_000_000);
        return t;
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw failure(e, !connected);
    } catch (IllegalArgumentException e) {
      throw new SourceException(e.getMessage());
    }
  }

  /** A transaction (a cursor needs one in PostgreSQL's driver), read-only where the driver can say so. */
  private static void readOnly(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try {
      c.setReadOnly(true);
    } catch (SQLException notSupported) {
      LOG.debug("the driver cannot mark the connection read-only: {}", notSupported.getMessage());
    }
  }

  private Table rows(ResultSet rs) throws SQLException {
    try (rs) {
      ResultSetMetaData meta = rs.getMetaData();
      int n = meta.getColumnCount();
      boolean[] numeric = new boolean[n];
      List<String> names = new ArrayList<>(n);
      for (int c = 0; c < n; c++) {
        names.add(meta.getColumnLabel(c + 1));
        numeric[c] = isNumeric(meta.getColumnType(c + 1));
      }
      TableBuilder out = new TableBuilder(shown);
      out.columns(names);
      while (rs.next()) {
        for (int c = 0; c < n; c++) {
          if (numeric[c]) {
            double v = rs.getDouble(c + 1);
            out.cell(c, rs.wasNull() ? null : v);
          } else {
            out.cell(c, rs.getObject(c + 1));
          }
        }
        out.endRow();
      }
      return out.table();
    }
  }

  private static boolean isNumeric(int type) {
    switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE,
          Types.DECIMAL, Types.NUMERIC:
        return true;
      default:
        return false;
    }
  }

  /** A failure as a user reads it: authentication, connection, or the database's own words on the query. */
  private SourceException failure(SQLException e, boolean connecting) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String text = firstLine(e.getMessage());
    if (text.startsWith(shown)) {
      return new SourceException(text, connecting);
    }
    if (state.startsWith("28")) {
      return new SourceException(shown + ": authentication failed (SQLSTATE " + state + ")", false);
    }
    boolean unreachable = connecting && (state.startsWith("08") || state.isEmpty());
    return new SourceException(shown + ": " + (unreachable ? "cannot connect (" + text + ")" : text)
        + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), unreachable);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).replaceFirst(";\\s*SQL statement:?\\s*$", "");
  }
}
