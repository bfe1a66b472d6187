package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openlgd.config.ServerConfig;
import org.openlgd.data.ColumnBuffer;
import org.openlgd.data.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows from PostgreSQL, the reactive way (Vert.x's own pg client): the server's query runs in a read-only
 * transaction and its rows are streamed through a cursor, {@value #FETCH} at a time, straight into column buffers
 * (8 bytes a numeric cell, 4 a text cell; NULL is a missing value). The password comes from the config (a file or
 * PGPASSWORD), never from the URL shown to users.
 */
final class PgSource implements DataSource {
  private static final Logger LOG = LoggerFactory.getLogger(PgSource.class);
  static final int FETCH = 10_000;

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final String query;

  PgSource(Vertx vertx, ServerConfig.Data data) {
    this.vertx = vertx;
    this.options = PgConnectOptions.fromUri(data.source());
    if (data.database() != null && data.database().password() != null) {
      options.setPassword(data.database().password());
    }
    this.query = data.database() == null ? null : data.database().query();
  }

  @Override
  public String describe() {
    return "postgresql://" + options.getUser() + "@" + options.getHost() + ":" + options.getPort() + "/"
        + options.getDatabase();
  }

  @Override
  public Future<Table> load() {
    if (query == null) {
      return Future.failedFuture(new SourceException(describe() + ": no --query or --table"));
    }
    long t0 = System.nanoTime();
    return PgConnection.connect(vertx, options)
        .recover(e -> Future.failedFuture(failure(e, true)))
        .compose(conn -> conn.begin()
            .compose(tx -> conn.prepare(query).compose(ps -> read(ps.createStream(FETCH))).eventually(tx::rollback))
            .recover(e -> Future.failedFuture(e instanceof SourceException ? e : failure(e, false)))
            .eventually(conn::close))
        .onSuccess(t -> LOG.info("loaded {} rows x {} columns from {} in {} ms", t.rows(), t.names().size(), describe(),
            (System.nanoTime() - t0) / 1_000_000));
  }

  private Future<Table> read(RowStream<Row> stream) {
    Promise<Table> done = Promise.promise();
    Map<String, ColumnBuffer> columns = new LinkedHashMap<>();
    List<ColumnBuffer> order = new ArrayList<>();
    stream.exceptionHandler(e -> done.tryFail(failure(e, false)));
    stream.endHandler(v -> {
      Map<String, Table.Column> out = new LinkedHashMap<>();
      columns.forEach((name, b) -> out.put(name, b.column()));
      done.tryComplete(new Table(describe(), out));
    });
    stream.handler(row -> {
      try {
        if (order.isEmpty()) {
          for (int c = 0; c < row.size(); c++) {
            ColumnBuffer b = new ColumnBuffer(row.getColumnName(c));
            if (columns.put(row.getColumnName(c), b) != null) {
              throw new IllegalArgumentException("the query gives two columns named '" + row.getColumnName(c) + "'");
            }
            order.add(b);
          }
        }
        for (int c = 0; c < order.size(); c++) {
          Object v = row.getValue(c);
          order.get(c).add(v == null || v instanceof Number || v instanceof String ? v : v.toString());
        }
      } catch (IllegalArgumentException e) {
        stream.close();
        done.tryFail(new SourceException(describe() + ": " + e.getMessage()));
      }
    });
    return done.future();
  }

  /** A failure as a user reads it, without the password; {@code connecting}: the database could not be reached. */
  private SourceException failure(Throwable e, boolean connecting) {
    if (e instanceof PgException pg) {
      boolean auth = "28P01".equals(pg.getSqlState()) || "28000".equals(pg.getSqlState());
      return new SourceException(describe() + ": " + (auth ? "authentication failed" : pg.getErrorMessage())
          + " (SQLSTATE " + pg.getSqlState() + ")", false);
    }
    boolean unreachable = connecting && (e instanceof ConnectException || e.getCause() instanceof ConnectException);
    return new SourceException(describe() + ": " + (unreachable ? "cannot connect (" + e.getMessage() + ")"
        : e.getMessage()), connecting);
  }
}
