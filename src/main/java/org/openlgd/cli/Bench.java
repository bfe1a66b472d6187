package org.openlgd.cli;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openlgd.coordinator.CoordinatorConfig;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.Federation;
import org.openlgd.coordinator.HttpModelServerClient;
import org.openlgd.coordinator.ModelServerClient;
import org.openlgd.coordinator.RunListener;
import org.openlgd.data.LgdGenerator;
import org.openlgd.server.ModelServerVerticle;

/**
 * Coordinator-time benchmark: repeated federated runs over HTTP against servers that are already up. By default it
 * starts {@code servers} model servers with {@code rows} generated rows each in this JVM (on their own Vert.x
 * instance, on free loopback ports); {@code --urls} points it at running servers instead (e.g. separate JVMs).
 * Reports the median, quartiles and extremes of the coordinator time of {@code runs} runs after {@code warmup}
 * unmeasured ones.
 */
final class Bench {
  private Bench() {
  }

  static int run(Conf conf, PrintStream out) throws Exception {
    int servers = conf.intValue("servers", 4, 1, 1024);
    int rows = conf.intValue("rows", 100, 1, 10_000_000);
    int runs = conf.intValue("runs", 200, 1, 100_000);
    int warmup = conf.intValue("warmup", 300, 0, 100_000);
    List<String> urls = conf.list("urls");
    JsonObject coordConf = new JsonObject()
        .put("model", conf.string("model", "sgd"))
        .put("epochs", conf.intValue("epochs", 10, 0, 1_000_000));

    Vertx serverVertx = null;
    Path dir = null;
    Vertx vertx = Vertx.vertx();
    try {
      if (urls.isEmpty()) {
        serverVertx = Vertx.vertx();
        dir = Files.createTempDirectory("openlgd-bench");
        urls = startServers(serverVertx, dir, servers, rows);
      }
      coordConf.put("servers", String.join(",", urls));
      CoordinatorConfig cfg = CoordinatorConfig.from(coordConf);
      WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true));
      List<ModelServerClient> clients = new ArrayList<>();
      for (String u : cfg.servers()) {
        clients.add(new HttpModelServerClient(client, u, cfg.timeoutMs()));
      }
      double[] times = new double[runs];
      FederatedResult last = null;
      for (int i = -warmup; i < runs; i++) {
        FederatedResult r = get(vertx, () -> new Federation(clients, cfg, RunListener.NONE).run());
        if (i >= 0) {
          times[i] = r.coordinatorMs();
          last = r;
        }
      }
      Arrays.sort(times);
      out.printf(Locale.ROOT, "federated %s over HTTP: %d %s, %d epochs, %d measured runs after %d warm-up runs%n",
          cfg.model(), urls.size(), serverVertx == null ? "running servers (" + String.join(", ", urls) + ")"
              : "in-JVM servers x " + rows + " rows", cfg.epochs(), runs, warmup);
      out.printf(Locale.ROOT, "coordinator time per run (ms): median %.2f  p25 %.2f  p75 %.2f  min %.2f  max %.2f%n",
          q(times, 0.5), q(times, 0.25), q(times, 0.75), times[0], times[runs - 1]);
      out.printf(Locale.ROOT, "per round (ms): median %.3f%n", q(times, 0.5) / Math.max(1, last.history().size()));
      out.println(new JsonObject().put("benchmark", "coordinator-time").put("model", cfg.model().wireName())
          .put("servers", urls.size()).put("rows", serverVertx == null ? null : rows)
          .put("inJvmServers", serverVertx != null).put("epochs", cfg.epochs()).put("runs", runs)
          .put("medianMs", q(times, 0.5)).put("p25Ms", q(times, 0.25)).put("p75Ms", q(times, 0.75))
          .put("minMs", times[0]).put("maxMs", times[runs - 1]).encode());
      return 0;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      if (serverVertx != null) {
        serverVertx.close().toCompletionStage().toCompletableFuture().get();
      }
      if (dir != null) {
        try (var files = Files.list(dir)) {
          for (Path p : files.toList()) {
            Files.deleteIfExists(p);
          }
        }
        Files.deleteIfExists(dir);
      }
    }
  }

  private static List<String> startServers(Vertx vertx, Path dir, int servers, int rows) throws Exception {
    List<String> urls = new ArrayList<>();
    for (LgdGenerator.BankProfile p : LgdGenerator.profiles(servers, rows, 7)) {
      LgdGenerator.BankProfile exact = new LgdGenerator.BankProfile(p.id(), rows, p.ltvMedian(), p.seniorShare(),
          p.logEadMean(), p.meanMonthsInDefault());
      Path file = dir.resolve("bank" + p.id() + ".csv");
      LgdGenerator.writeCsv(file, LgdGenerator.sample(exact, 7));
      ModelServerVerticle v = new ModelServerVerticle();
      JsonObject c = new JsonObject().put("port", 0).put("data", file.toString()).put("id", p.id());
      get(vertx, () -> vertx.deployVerticle(v, new DeploymentOptions().setConfig(c)));
      urls.add("http://127.0.0.1:" + v.actualPort());
    }
    return urls;
  }

  /** Runs {@code f} on a context of {@code vertx} (as a verticle would) and waits for its outcome. */
  private static <T> T get(Vertx vertx, java.util.function.Supplier<Future<T>> f) throws Exception {
    io.vertx.core.Promise<T> p = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> f.get().onComplete(p));
    return p.future().toCompletionStage().toCompletableFuture().get();
  }

  private static double q(double[] sorted, double p) {
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
