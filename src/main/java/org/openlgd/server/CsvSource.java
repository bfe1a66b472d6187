package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.openlgd.config.ServerConfig;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Table;

/** Rows from a CSV file, every column (numbers, text, missing cells), parsed on a worker thread. */
final class CsvSource implements DataSource {
  private final Vertx vertx;
  private final ServerConfig.Data data;

  CsvSource(Vertx vertx, ServerConfig.Data data) {
    this.vertx = vertx;
    this.data = data;
  }

  @Override
  public Future<Table> load() {
    return vertx.executeBlocking(() -> CsvLoader.table(Path.of(data.source())), false);
  }

  @Override
  public String describe() {
    return data.source();
  }
}
