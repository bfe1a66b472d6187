package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;

/** Rows from a CSV file, parsed on a worker thread. */
final class CsvSource implements DataSource {
  private final Vertx vertx;
  private final ServerConfig cfg;

  CsvSource(Vertx vertx, ServerConfig cfg) {
    this.vertx = vertx;
    this.cfg = cfg;
  }

  @Override
  public Future<Dataset> load() {
    return vertx.executeBlocking(() -> CsvLoader.load(Path.of(cfg.data()), cfg.target(), cfg.features()), false);
  }

  @Override
  public String describe() {
    return cfg.data();
  }
}
