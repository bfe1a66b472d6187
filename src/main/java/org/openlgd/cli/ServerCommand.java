package org.openlgd.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.openlgd.cluster.Clustering;
import org.openlgd.config.ClusterOptions;
import org.openlgd.config.ClusterSettings;
import org.openlgd.config.ServerConfig;
import org.openlgd.config.ServerOptions;
import org.openlgd.server.ModelServerVerticle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "server", description = "one model server, until the process is stopped (a config file may list "
    + "several under \"instances\", each entry inheriting the file's top-level options); with --cluster it joins the "
    + "Hazelcast cluster and serves the event bus too (--port optional)")
final class ServerCommand extends Subcommand {
  @Mixin
  ServerOptions server;
  @Mixin
  ClusterOptions cluster;

  @Override
  int run() throws Exception {
    List<ServerConfig> configs = new ArrayList<>();
    for (JsonObject i : instances(given)) {
      configs.add(ServerConfig.from(i));
    }
    if (configs.stream().map(c -> c.endpoint().port()).filter(p -> p > 0).distinct().count()
        != configs.stream().filter(c -> c.endpoint().port() > 0).count()) {
      throw new IllegalArgumentException("two instances use the same port");
    }
    ClusterSettings settings = cluster.settings("server");
    if (!settings.enabled() && configs.stream().anyMatch(c -> !c.http())) {
      throw new IllegalArgumentException("--port is required (or --cluster, to serve the event bus only)");
    }
    Vertx vertx = Await.result(Clustering.start(settings));
    CountDownLatch closed = Runs.closeOnShutdown(vertx);
    List<Future<String>> deployments = new ArrayList<>();
    List<ModelServerVerticle> verticles = new ArrayList<>();
    for (ServerConfig c : configs) {
      ModelServerVerticle v = new ModelServerVerticle(c);
      verticles.add(v);
      deployments.add(vertx.deployVerticle(v));
    }
    try {
      Await.result(Future.all(deployments));
    } catch (ExecutionException | IllegalArgumentException e) {
      err.println("openlgd server: " + e.getMessage());
      Await.result(vertx.close());
      return 1;
    }
    for (int k = 0; k < configs.size(); k++) {
      ServerConfig c = configs.get(k);
      String where = c.http() ? "http://" + c.endpoint().host() + ":" + verticles.get(k).actualPort() : "";
      if (settings.enabled()) {
        where += (where.isEmpty() ? "" : " and ") + "the event bus of cluster '"
            + (settings.name() != null ? settings.name() : ClusterSettings.DEFAULT_NAME + " (or as configured)") + "'";
      }
      out.printf("model server %d ready on %s (data %s)%n", c.id(), where, c.data().source());
    }
    out.flush();
    closed.await();
    return -1;
  }

  /**
   * The servers a {@code server} config describes: the top-level options alone, or, when it has an {@code "instances"}
   * array, one server per entry with the top-level options as shared defaults.
   */
  static List<JsonObject> instances(JsonObject conf) {
    List<JsonObject> out = new ArrayList<>();
    Object listed = conf.getValue("instances");
    JsonObject shared = conf.copy();
    shared.remove("instances");
    if (listed == null) {
      out.add(shared);
      return out;
    }
    if (!(listed instanceof JsonArray arr) || arr.isEmpty()) {
      throw new IllegalArgumentException("\"instances\" must be a non-empty array of objects of server options");
    }
    for (Object o : arr) {
      if (!(o instanceof JsonObject inst)) {
        throw new IllegalArgumentException("every entry of \"instances\" must be an object of server options");
      }
      out.add(shared.copy().mergeIn(inst));
    }
    return out;
  }
}
