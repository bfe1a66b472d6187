package org.openlgd.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.config.RecordOptions;
import org.openlgd.config.RunOptions;
import org.openlgd.config.ServerConfig;
import org.openlgd.config.ServingOptions;
import org.openlgd.ops.Ops;
import org.openlgd.server.ModelServerVerticle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "simulate", description = "a federation in one JVM: one model server per file (event bus only, no "
    + "ports) and the coordinator, which discovers them on the local event bus; the same protocol and numbers as a "
    + "cluster. Every server takes the server options given (disclosure rules, columns, audit trail, ...)")
final class SimulateCommand extends Subcommand {
  @Option(names = "--data", paramLabel = "FILE", split = ",", description = "one server per file; repeat --data for more servers")
  List<String> data = new ArrayList<>();
  @Mixin
  ServingOptions serving;
  @Mixin
  RunOptions run;
  @Mixin
  RecordOptions records;
  @Mixin
  OutputOptions output;

  @Override
  int run() throws Exception {
    List<String> files = data.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (files.isEmpty()) {
      throw new IllegalArgumentException("give at least one --data FILE (repeat --data for more servers)");
    }
    JsonObject coordinator = given.copy();
    if (!coordinator.containsKey("min-servers")) {
      coordinator.put("min-servers", files.size());
    }
    CoordinatorConfig cfg = CoordinatorConfig.from(coordinator, true); // checked before anything starts
    Vertx vertx = Ops.vertx(cfg.port() >= 0); // metrics only where they are served
    List<Future<String>> servers = new ArrayList<>();
    for (int k = 0; k < files.size(); k++) {
      JsonObject server = new JsonObject().put("data", files.get(k)).put("id", k + 1).put("audit-log", false)
          .put("model", cfg.model().wireName());
      for (String key : ServingOptions.names()) {
        if (given.getValue(key) != null) {
          server.put(key, given.getValue(key));
        }
      }
      servers.add(vertx.deployVerticle(new ModelServerVerticle(ServerConfig.from(server))));
    }
    try {
      Await.result(Future.all(servers));
    } catch (ExecutionException | RuntimeException e) {
      err.println("openlgd simulate: " + e.getMessage());
      Await.result(vertx.close());
      return 1;
    }
    return Runs.coordinate(this, vertx, cfg, true, output, Runs.record(records, "simulate", given));
  }
}
