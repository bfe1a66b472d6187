package org.openlgd.cli;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.openlgd.config.DataNodeConfig;
import org.openlgd.config.DataNodeOptions;
import org.openlgd.datanode.DataNodeVerticle;
import org.openlgd.ops.Ops;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "datanode", description = "serve a CSV file as an openNPL-style REST API (the data backend of the "
    + "original's second demo), until the process is stopped")
final class DataNodeCommand extends Subcommand {
  @Mixin
  DataNodeOptions node;

  @Override
  int run() throws Exception {
    DataNodeConfig cfg = node.config("datanode");
    Vertx vertx = Ops.vertx();
    CountDownLatch closed = Runs.closeOnShutdown(vertx);
    DataNodeVerticle verticle = new DataNodeVerticle(cfg);
    try {
      Await.result(vertx.deployVerticle(verticle));
    } catch (ExecutionException | RuntimeException e) {
      err.println("openlgd datanode: " + e.getMessage());
      Await.result(vertx.close());
      return 1;
    }
    out.printf("data node ready on http://%s:%d/api/npl_data/counterparties (data %s)%n", cfg.host(), verticle.actualPort(),
        cfg.data());
    out.flush();
    closed.await();
    return -1;
  }
}
