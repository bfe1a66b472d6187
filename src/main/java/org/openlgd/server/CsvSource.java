package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.openlgd.config.ServerConfig;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rows from a CSV file, every column (numbers, text, missing cells), parsed on a worker thread. */
final class CsvSource implements DataSource {
  private static final Logger LOG = LoggerFactory.getLogger(CsvSource.class);
  private final Vertx vertx;
  private final ServerConfig.Data data;

  CsvSource(Vertx vertx, ServerConfig.Data data) {
    this.vertx = vertx;
    this.data = data;
  }

  @Override
  public Future<Table> load() {
    long t0 = System.nanoTime();
    return vertx.executeBlocking(() -> CsvLoader.table(Path.of(data.source())), false)
        .onSuccess(t -> LOG.info("loaded {} rows x {} columns from {} in {} ms", t.rows(), t.names().size(),
            data.source(), (System.nanoTime() - t0) / 1_000_000));
  }

  @Override
  public String describe() {
    return data.source();
  }
}
