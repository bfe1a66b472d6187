package org.openlgd.cli;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.openlgd.coordinator.ConsoleReport;
import org.openlgd.coordinator.CoordinatorConfig;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.RunListener;
import org.openlgd.server.ModelServerVerticle;

/**
 * A federation in one JVM: one model-server verticle per data file (event bus only, no ports) and a coordinator
 * that discovers them on the local event bus. The same protocol and numbers as a cluster, for experiments and
 * tests with many servers.
 */
final class Simulate {
  private Simulate() {
  }

  static int run(Conf c, PrintStream out, PrintStream err) throws Exception {
    List<String> files = c.list("data");
    if (files.isEmpty()) {
      throw new IllegalArgumentException("simulate: give at least one --data FILE (repeat --data for more servers)");
    }
    boolean json = c.flag("json");
    JsonObject coordConf = new JsonObject()
        .put("model", c.string("model", "sgd"))
        .put("epochs", c.intValue("epochs", CoordinatorConfig.DEFAULT_EPOCHS, 0, 1_000_000))
        .put("tol", c.doubleValue("tol", CoordinatorConfig.DEFAULT_TOLERANCE))
        .put("timeout", c.longValue("timeout", CoordinatorConfig.DEFAULT_TIMEOUT_MS, 1, 3_600_000))
        .put("wait-seconds", c.intValue("wait-seconds", CoordinatorConfig.DEFAULT_WAIT_SECONDS, 1, 86_400))
        .put("min-servers", files.size())
        .put("transport", "eventbus")
        .put("verbose", c.flag("verbose"))
        .put("se", c.string("se", null))
        .put("boundary", c.string("boundary", "refuse"));
    CoordinatorConfig.from(coordConf, true); // validate before starting anything
    Vertx vertx = org.openlgd.ops.Ops.vertx();
    try {
      List<Future<String>> servers = new ArrayList<>();
      for (int k = 0; k < files.size(); k++) {
        JsonObject sc = new JsonObject().put("data", files.get(k)).put("id", k + 1).put("audit-log", false)
            .put("model", coordConf.getString("model"));
        copy(c, sc, "target", "features", "eta0");
        servers.add(vertx.deployVerticle(new ModelServerVerticle(), new DeploymentOptions().setConfig(sc)));
      }
      try {
        Future.all(servers).toCompletionStage().toCompletableFuture().get();
      } catch (ExecutionException e) {
        err.println("openlgd simulate: " + e.getCause().getMessage());
        return 1;
      }
      RunListener report = json ? RunListener.NONE : new ConsoleReport(out, "simulate", c.flag("verbose"));
      org.openlgd.coordinator.RunRecord record = Cli.runRecord(c, "simulate", c.json());
      if (record != null) {
        report = RunListener.both(report, record);
      }
      CoordinatorVerticle coordinator = new CoordinatorVerticle(report, true);
      FederatedResult r;
      try {
        r = vertx.deployVerticle(coordinator, new DeploymentOptions().setConfig(coordConf))
            .compose(id -> coordinator.result())
            .toCompletionStage().toCompletableFuture().get();
      } catch (ExecutionException e) {
        err.println("openlgd simulate: " + e.getCause().getMessage());
        return 1;
      } finally {
        Cli.closeRecord(record, json ? err : out);
      }
      if (json) {
        out.println(r.toJson().encode());
      }
      return 0;
    } finally {
      out.flush();
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private static void copy(Conf from, JsonObject to, String... keys) {
    for (String k : keys) {
      Object v = from.json().getValue(k);
      if (v != null) {
        to.put(k, v instanceof JsonArray a ? a.copy() : v);
      }
    }
  }
}
