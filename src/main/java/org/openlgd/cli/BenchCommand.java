package org.openlgd.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.openlgd.api.ModelServerClient;
import org.openlgd.config.Check;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.config.FaultSettings;
import org.openlgd.config.RunOptions;
import org.openlgd.config.ServerConfig;
import org.openlgd.config.Tls;
import org.openlgd.coordinator.EventBusModelServerClient;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.Federation;
import org.openlgd.coordinator.HttpModelServerClient;
import org.openlgd.coordinator.RunListener;
import org.openlgd.data.LgdGenerator;
import org.openlgd.formula.Design;
import org.openlgd.formula.DesignSpec;
import org.openlgd.model.LocalEstimate;
import org.openlgd.ops.Ops;
import org.openlgd.server.ModelServerVerticle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Coordinator-time benchmark: repeated federated runs against servers that are already up, after unmeasured
 * warm-up runs. Servers are started in this JVM with {@code rows} generated rows each, reached over HTTP on
 * loopback ports (on a Vert.x instance of their own) or over the local event bus; {@code --urls} points it at
 * running HTTP servers instead (e.g. separate JVMs). Reports the run time, the round time, and the servers'
 * own estimation time per round, so that the coordination overhead can be told apart from the estimation.
 */
@Command(name = "bench", description = "coordinator time of repeated federated runs after unmeasured warm-up runs: "
    + "against in-JVM servers (over HTTP on loopback or the local event bus), or running ones with --urls")
final class BenchCommand extends Subcommand {
  @Option(names = "--servers", paramLabel = "K", defaultValue = "4", description = "in-JVM servers of generated data")
  int servers;
  @Option(names = "--rows", paramLabel = "N", defaultValue = "100", description = "rows of each in-JVM server")
  int rows;
  @Option(names = "--runs", paramLabel = "R", defaultValue = "200", description = "measured runs")
  int runs;
  @Option(names = "--warmup", paramLabel = "W", defaultValue = "300", description = "unmeasured warm-up runs")
  int warmup;
  @Option(names = "--urls", paramLabel = "URL,...", split = ",", description = "running HTTP servers to measure instead")
  List<String> urls = new ArrayList<>();
  @Option(names = "--data", paramLabel = "FILE", split = ",",
      description = "in-JVM servers on these files (repeat --data); each load's time and heap are reported")
  List<String> data = new ArrayList<>();
  @Mixin
  RunOptions run;

  @Override
  int run() throws Exception {
    Check.range("bench", "servers", servers, 1, 1024);
    Check.range("bench", "rows", rows, 1, 10_000_000);
    Check.range("bench", "runs", runs, 1, 100_000);
    Check.range("bench", "warmup", warmup, 0, 100_000);
    List<String> urls = new ArrayList<>(this.urls);
    List<String> files = List.copyOf(data);
    boolean eventBus = run.transport() == CoordinatorConfig.Transport.EVENTBUS;
    String transport = eventBus ? "eventbus" : "http";
    if (!urls.isEmpty() && eventBus) {
      throw new IllegalArgumentException("--urls lists HTTP servers; it cannot be combined with --transport eventbus");
    }
    CoordinatorConfig cfg = new CoordinatorConfig(List.of(), run.model().model(), run.model().fit("bench"), FaultSettings.DEFAULT,
        new CoordinatorConfig.Discovery(CoordinatorConfig.Transport.HTTP, 1, 0, 0), null, Tls.NONE, -1, run.secure())
        .withDesign(run.serverEffects() ? new DesignSpec(DesignSpec.OWN_COLUMNS, null, Design.Missing.DROP, true) : null);

    Vertx vertx = Ops.vertx();
    Vertx serverVertx = null;
    Path dir = null;
    try {
      List<ModelServerClient> clients = new ArrayList<>();
      String where;
      if (!urls.isEmpty()) {
        where = urls.size() + " running HTTP servers (" + String.join(", ", urls) + ")";
      } else {
        dir = Files.createTempDirectory("openlgd-bench");
        serverVertx = eventBus ? vertx : Ops.vertx();
        where = (files.isEmpty() ? servers + " in-JVM servers x " + rows + " rows" : files.size() + " in-JVM servers on " + files)
            + " over " + (eventBus ? "the local event bus" : "HTTP on loopback");
      }
      List<ModelServerVerticle> started = new ArrayList<>();
      if (!files.isEmpty()) {
        started = loadServers(serverVertx, files, !eventBus, out);
      } else if (urls.isEmpty()) {
        started = startServers(serverVertx, dir, servers, rows, !eventBus);
      }
      if (eventBus) {
        for (ModelServerVerticle v : started) {
          clients.add(new EventBusModelServerClient(vertx.eventBus(), v.key(), "server " + v.key()));
        }
      } else {
        for (ModelServerVerticle v : started) {
          urls.add("http://127.0.0.1:" + v.actualPort());
        }
        WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true));
        for (String u : urls) {
          clients.add(new HttpModelServerClient(client, u));
        }
      }
      int cores = Runtime.getRuntime().availableProcessors();
      double[] runMs = new double[runs];
      List<Double> roundMs = new ArrayList<>();
      List<Double> computeSumMs = new ArrayList<>();
      List<Double> overheadMs = new ArrayList<>();
      for (int i = -warmup; i < runs; i++) {
        FederatedResult r = onContext(vertx, () -> new Federation(vertx, clients, cfg, RunListener.NONE).run());
        if (i < 0) {
          continue;
        }
        runMs[i] = r.coordinatorMs();
        for (FederatedResult.Round round : r.history()) {
          double sum = round.estimates().stream().mapToDouble(LocalEstimate::computeMs).filter(Double::isFinite).sum();
          roundMs.add(round.millis());
          computeSumMs.add(sum);
          overheadMs.add(round.millis() - sum / Math.min(cores, clients.size()));
        }
      }
      Arrays.sort(runMs);
      double[] rounds = sorted(roundMs);
      double[] compute = sorted(computeSumMs);
      double[] overhead = sorted(overheadMs);
      out.printf(Locale.ROOT, "federated %s: %s, %s, %d measured runs after %d warm-up runs, %d cores%n",
          cfg.model(), where, cfg.model().exact() ? "rounds until the model's stopping rule" : cfg.epochs() + " epochs",
          runs, warmup, cores);
      out.printf(Locale.ROOT, "run time (ms):        median %8.3f  p25 %8.3f  p75 %8.3f  min %8.3f  max %8.3f%n",
          q(runMs, 0.5), q(runMs, 0.25), q(runMs, 0.75), runMs[0], runMs[runs - 1]);
      out.printf(Locale.ROOT, "round time (ms):      median %8.3f  p25 %8.3f  p75 %8.3f%n",
          q(rounds, 0.5), q(rounds, 0.25), q(rounds, 0.75));
      out.printf(Locale.ROOT, "estimation per round, summed over servers (ms): median %8.3f%n", q(compute, 0.5));
      out.printf(Locale.ROOT, "coordination overhead per round = round - estimation / min(cores, servers) (ms): median %8.3f  p25 %8.3f  p75 %8.3f%n",
          q(overhead, 0.5), q(overhead, 0.25), q(overhead, 0.75));
      out.println(new JsonObject().put("benchmark", "coordinator-time").put("model", cfg.model().wireName())
          .put("transport", transport).put("secure", cfg.secure()).put("servers", clients.size()).put("rows", files.isEmpty() && (urls.isEmpty() || eventBus) ? rows : null)
          .put("inJvmServers", dir != null).put("epochs", cfg.epochs()).put("runs", runs).put("warmup", warmup)
          .put("medianRunMs", q(runMs, 0.5)).put("p25RunMs", q(runMs, 0.25)).put("p75RunMs", q(runMs, 0.75))
          .put("medianRoundMs", q(rounds, 0.5)).put("medianEstimationSumMs", q(compute, 0.5))
          .put("medianOverheadMs", q(overhead, 0.5)).encode());
      return 0;
    } finally {
      Await.result(vertx.close());
      if (serverVertx != null && serverVertx != vertx) {
        Await.result(serverVertx.close());
      }
      TempDirs.delete(dir);
    }
  }

  /**
   * Deploys one model server per file, one after the other, reporting each file's load time and the heap it takes
   * (used heap after a GC, before and after; and the peak during the load).
   */
  private static List<ModelServerVerticle> loadServers(Vertx vertx, List<String> files, boolean http, PrintStream out)
      throws Exception {
    List<ModelServerVerticle> loaded = new ArrayList<>();
    for (int k = 0; k < files.size(); k++) {
      long before = usedHeapAfterGc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      JsonObject c = new JsonObject().put("data", files.get(k)).put("id", k + 1).put("audit-log", false);
      if (http) {
        c.put("port", 0);
      }
      ModelServerVerticle v = new ModelServerVerticle(ServerConfig.from(c));
      long t0 = System.nanoTime();
      Await.result(vertx.deployVerticle(v));
      double seconds = (System.nanoTime() - t0) / 1e9;
      long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
      long after = usedHeapAfterGc();
      double cells = (double) v.rows() * v.columns();
      out.printf(Locale.ROOT, "load %s: %d rows x %d columns in %.3f s (%.3f s per million rows); heap held %.1f MB"
              + " = %.2f bytes per cell; peak during the load %.1f MB above the start = %.2f bytes per cell%n",
          files.get(k), v.rows(), v.columns(), seconds, seconds * 1e6 / v.rows(), (after - before) / 1e6,
          (after - before) / cells, (peak - before) / 1e6, (peak - before) / cells);
      loaded.add(v);
    }
    return loaded;
  }

  static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** Deploys {@code servers} model servers with exactly {@code rows} generated rows each. */
  private static List<ModelServerVerticle> startServers(Vertx vertx, Path dir, int servers, int rows, boolean http) throws Exception {
    List<ModelServerVerticle> out = new ArrayList<>();
    List<Future<String>> deployed = new ArrayList<>();
    for (LgdGenerator.BankProfile p : LgdGenerator.profiles(servers, rows, 7)) {
      LgdGenerator.BankProfile exact = new LgdGenerator.BankProfile(p.id(), rows, p.ltvMedian(), p.seniorShare(),
          p.logEadMean(), p.meanMonthsInDefault());
      Path file = dir.resolve("bank" + p.id() + ".csv");
      LgdGenerator.writeCsv(file, LgdGenerator.sample(exact, 7));
      JsonObject c = new JsonObject().put("data", file.toString()).put("id", p.id()).put("audit-log", false);
      if (http) {
        c.put("port", 0);
      }
      ModelServerVerticle v = new ModelServerVerticle(ServerConfig.from(c));
      deployed.add(vertx.deployVerticle(v));
      out.add(v);
    }
    Await.result(Future.all(deployed));
    return out;
  }

  /** Runs {@code f} on a context of {@code vertx} (as a verticle would) and waits for its outcome. */
  static <T> T onContext(Vertx vertx, Supplier<Future<T>> f) throws Exception {
    return Await.result(Standalone.onContext(vertx, f));
  }

  private static double[] sorted(List<Double> values) {
    double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a;
  }

  static double q(double[] sorted, double p) {
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
