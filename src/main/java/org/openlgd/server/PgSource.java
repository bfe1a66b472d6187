package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.openlgd.config.ServerConfig;
import org.openlgd.data.Table;
import org.openlgd.data.TableBuilder;
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
    ServerConfig.Database db = data.database();
    if (db != null && db.password() != null) {
      options.setPassword(db.password());
    }
    if (db != null) {
      tls(options, db);
    }
    this.query = db == null ? null : db.query();
  }

  /**
   * TLS as libpq's sslmode means it: {@code require} encrypts without checking the certificate (unless a root
   * certificate is given, then as {@code verify-ca}); {@code verify-ca} checks it against the root certificate;
   * {@code verify-full} also checks that it names the host.
   */
  static void tls(PgConnectOptions options, ServerConfig.Database db) {
    if (db.sslMode() != null) {
      options.setSslMode(SslMode.of(db.sslMode()));
    }
    SslMode mode = options.getSslMode();
    if (mode == SslMode.DISABLE) {
      return;
    }
    ClientSSLOptions ssl = new ClientSSLOptions();
    if (db.sslRootCert() != null) {
      ssl.setTrustOptions(new PemTrustOptions().addCertPath(db.sslRootCert()));
    } else if (mode != SslMode.VERIFY_CA && mode != SslMode.VERIFY_FULL) {
      ssl.setTrustAll(true);
    }
    ssl.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
    options.setSslOptions(ssl);
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
    TableBuilder rows = new TableBuilder(describe());
    stream.exceptionHandler(e -> done.tryFail(failure(e, false)));
    stream.endHandler(v -> done.tryComplete(rows.table()));
    stream.handler(row -> {
      try {
        if (!rows.started()) {
          List<String> names = new ArrayList<>();
          for (int c = 0; c < row.size(); c++) {
            names.add(row.getColumnName(c));
          }
          rows.columns(names);
        }
        for (int c = 0; c < row.size(); c++) {
          rows.cell(c, row.getValue(c));
        }
        rows.endRow();
      } catch (IllegalArgumentException e) {
        stream.close();
        done.tryFail(new SourceException(e.getMessage()));
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
    // the client reports a refused certificate as "SSL handshake failed", without its cause
    if (connecting && (e instanceof SSLException || String.valueOf(e.getMessage()).startsWith("SSL"))) {
      return new SourceException(describe() + ": cannot connect over TLS (" + e.getMessage() + "; check "
          + "--db-ssl-mode and --db-ssl-root-cert against the database's certificate)", true);
    }
    boolean unreachable = connecting && (e instanceof ConnectException || e.getCause() instanceof ConnectException);
    return new SourceException(describe() + ": " + (unreachable ? "cannot connect (" + e.getMessage() + ")"
        : e.getMessage()), connecting);
  }
}
