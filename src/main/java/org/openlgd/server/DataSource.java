package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.openlgd.config.ServerConfig;
import org.openlgd.data.Table;

/**
 * Where a model server's rows come from. Loading never blocks an event loop. Implementations: {@link CsvSource} (a
 * file, read on a worker thread) and {@link OpenNplSource} (an openNPL-style REST API, fetched with the web
 * client); a JDBC source would be the next one, chosen in {@link #of}.
 */
public interface DataSource {
  /** Loads the rows; fails with a message naming the file or URL (and line, column or field) at fault. */
  Future<Table> load();

  /** The source as shown to users. */
  String describe();

  /**
   * The source named by {@code data}: an {@code http(s)://} base URL of an openNPL API, a {@code postgresql://} URL
   * with a query, else a CSV file.
   */
  static DataSource of(Vertx vertx, ServerConfig.Data data) {
    if (data.source().startsWith("http://") || data.source().startsWith("https://")) {
      return new OpenNplSource(vertx, data);
    }
    if (data.source().startsWith("postgresql://") || data.source().startsWith("postgres://")) {
      return new PgSource(vertx, data);
    }
    return new CsvSource(vertx, data);
  }
}
