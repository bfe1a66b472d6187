package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Locale;
import org.openlgd.config.DatabaseOptions;
import org.openlgd.config.ServerConfig;
import org.openlgd.data.Table;

/**
 * Where a model server's rows come from. Loading never blocks an event loop. Implementations: {@link CsvSource} (a
 * file, read on a worker thread), {@link OpenNplSource} (an openNPL-style REST API, fetched with the web client),
 * {@link PgSource} (PostgreSQL, streamed by the reactive client), {@link JdbcSource} (any JDBC database, and Parquet
 * through DuckDB, on a worker) and {@link SasSource} (SAS data sets); {@link #of} picks one.
 */
public interface DataSource {
  /** Loads the rows; fails with a message naming the file or URL (and line, column or field) at fault. */
  Future<Table> load();

  /** The source as shown to users. */
  String describe();

  /**
   * The source named by {@code data}: an {@code http(s)://} base URL of an openNPL API, a {@code postgresql://} URL
   * (Vert.x's reactive client) or a {@code jdbc:} URL with a query, a Parquet file or glob (DuckDB), a SAS data set
   * ({@code .sas7bdat}), else a CSV file.
   */
  static DataSource of(Vertx vertx, ServerConfig.Data data) {
    String s = data.source();
    String lower = s.toLowerCase(Locale.ROOT);
    if (s.startsWith("http://") || s.startsWith("https://")) {
      return new OpenNplSource(vertx, data);
    }
    if (DatabaseOptions.isPostgres(s)) {
      return new PgSource(vertx, data);
    }
    if (s.startsWith("jdbc:")) {
      return JdbcSource.database(vertx, data);
    }
    if (lower.endsWith(".parquet")) {
      return JdbcSource.parquet(vertx, data);
    }
    if (lower.endsWith(".sas7bdat")) {
      return new SasSource(vertx, data);
    }
    return new CsvSource(vertx, data);
  }
}
