package org.openlgd.cli;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.openlgd.cluster.ClusterSettings;
import org.openlgd.cluster.Clustering;
import org.openlgd.coordinator.ConsoleReport;
import org.openlgd.coordinator.CoordinatorConfig;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.RunListener;
import org.openlgd.data.DataFormatException;
import org.openlgd.data.LgdGenerator;
import org.openlgd.server.ModelServerVerticle;
import org.openlgd.server.ServerConfig;
import org.openlgd.stats.LinearSgd;

/**
 * The commands of {@code openlgd.jar}. Each returns a process exit code: 0 success, 1 the work failed, 2 bad usage
 * or configuration; -1 means "keep running" (a server).
 */
public final class Cli {
  static final String USAGE = """
      usage: java -jar openlgd.jar <command> [-conf FILE] [options]

      models (--model): sgd (federated averaging, the original openLGD), ols, fractional-logit, beta, two-stage
      (exact), cure-logit and total-loss-logit (the logistic stages of two-stage)

      commands:
        standalone  --data FILE[,FILE...] [--target COL] [--features A,B] [--model M] [--epochs N] [--se robust|model]
                    [--boundary refuse|exclude] [--json]
                    fit on local data (several files are pooled): the non-federated reference
        server      --port P --data FILE [--id N] [--target COL] [--features A,B] [--model M] [--host H]
                    one model server; a config file may list several under "instances"
                    [--cluster [--cluster-name N] [--cluster-config FILE] [--cluster-host H]]
                    with --cluster it joins the Hazelcast cluster and serves the event bus too (--port optional)
                    trust: [--token T | --token-file F] [--open-liveness false] [--min-rows N]
                    [--max-parameter-ratio R] [--min-category-count C] [--audit-file F]
                    [--tls-keystore P12 --tls-keystore-password PW [--tls-truststore P12 --tls-truststore-password PW]]
                    (a trust store makes the server require client certificates: mutual TLS)
        coordinator --servers URL[,URL...] [--model M] [--epochs N] [--se robust|model] [--boundary refuse|exclude]
                    [--timeout MS] [--json] [--verbose]
                    run one federated estimation against running servers; or, in a cluster, against the
                    servers it discovers: --cluster [--transport eventbus|http] [--min-servers K] [--wait-seconds S]
                    faults: [--min-servers K] (quorum of an sgd round; default all) [--round-timeout MS]
                    [--retries N] [--retry-backoff MS]; records: [--runs-dir runs] [--record false];
                    [--port P] serves /health, /metrics, /openapi.yaml while it runs; trust: [--token T | --token-file F]
                    [--tls-truststore P12 --tls-truststore-password PW] [--tls-keystore P12 --tls-keystore-password PW]
                    cluster event-bus TLS (servers and coordinator): [--cluster-tls-keystore P12 ...-password PW
                    --cluster-tls-truststore P12 ...-password PW]
        simulate    --data FILE --data FILE ... [--model M] [--epochs N] [--se ..] [--boundary ..] [--json] [--verbose]
                    one model server per file and the coordinator in this JVM, over the local event bus
        datanode    --port P --data FILE [--page-size N] [--fields OLD=NEW,...] [--host H]
                    serve a CSV file as an openNPL-style REST API (the data backend of the second demo)
        generate    --out DIR [--servers K] [--rows N] [--seed S] [--noise Z]
                    write synthetic LGD data for K banks (N rows on average each; Z extra covariates
                    z1..zZ without effect)
        bench       [--servers K] [--rows N] [--epochs N] [--runs R] [--warmup W] [--model M]
                    [--transport http|eventbus] [--urls URL,...] [--data FILE --data FILE ...]
                    coordinator time of repeated federated runs (in-JVM servers, or running ones with --urls)
        dashboard   --port P (--servers URL,... | --cluster) [--runs-dir runs] [coordinator options]
                    web page: servers and their status, start runs, live convergence plots, coefficient table,
                    validation, past runs; REST /api/runs, /api/runs/ID, /api/servers, /api/events (SSE)
        report      --run DIR [--out FILE]
                    a self-contained HTML report (plots and tables) of one run record (default DIR/report.html)
        soak        --urls URL,... [--pids PID,...] [--rounds 1000] [--sample 100] [--epochs 9]
                    federated runs back to back against running servers; heap (after GC) and threads of every JVM
                    sampled every --sample rounds; fails on a failed round or growth beyond the bounds

      Every option can also come from the JSON file given with -conf (keys are the long option names);
      options on the command line override it.
      """;

  private static final Map<String, Map<String, Boolean>> OPTIONS = new LinkedHashMap<>();

  static {
    OPTIONS.put("standalone", opts("data", "target", "features", "model", "epochs", "seed", "eta0", "tol", "se", "boundary",
        "!json", "!verbose"));
    OPTIONS.put("server", opts("port", "data", "id", "target", "features", "model", "host", "seed", "eta0", "body-limit",
        "fetch-concurrency", "fetch-retries", "fetch-timeout", "data-token", "token", "token-file", "open-liveness",
        "min-rows", "max-parameter-ratio", "min-category-count", "audit-file", "audit-log", "tls-keystore", "tls-keystore-password", "tls-keystore-password-file", "tls-truststore",
        "tls-truststore-password", "tls-truststore-password-file", "cluster-tls-keystore", "cluster-tls-keystore-password", "cluster-tls-keystore-password-file",
        "cluster-tls-truststore", "cluster-tls-truststore-password", "cluster-tls-truststore-password-file",
        "!cluster", "cluster-name", "cluster-config", "cluster-host"));
    OPTIONS.put("coordinator", opts("servers", "model", "epochs", "timeout", "tol", "se", "boundary", "token", "token-file",
        "!json", "!verbose",
        "!cluster", "cluster-name", "cluster-config", "cluster-host", "transport", "min-servers", "wait-seconds",
        "round-timeout", "retries", "retry-backoff", "runs-dir", "record", "port", "tls-keystore", "tls-keystore-password", "tls-keystore-password-file", "tls-truststore",
        "tls-truststore-password", "tls-truststore-password-file", "cluster-tls-keystore", "cluster-tls-keystore-password", "cluster-tls-keystore-password-file",
        "cluster-tls-truststore", "cluster-tls-truststore-password", "cluster-tls-truststore-password-file"));
    OPTIONS.put("simulate", opts("data", "target", "features", "model", "epochs", "eta0", "tol", "se", "boundary", "timeout",
        "runs-dir", "record",
        "wait-seconds", "!json", "!verbose"));
    OPTIONS.put("dashboard", opts("port", "host", "servers", "runs-dir", "model", "epochs", "timeout", "round-timeout",
        "retries", "retry-backoff", "min-servers", "wait-seconds", "transport", "token", "token-file", "se", "boundary",
        "tls-keystore", "tls-keystore-password", "tls-keystore-password-file", "tls-truststore", "tls-truststore-password",
        "tls-truststore-password-file", "!cluster", "cluster-name", "cluster-config", "cluster-host"));
    OPTIONS.put("report", opts("run", "out"));
    OPTIONS.put("datanode", opts("port", "host", "data", "page-size", "fields"));
    OPTIONS.put("generate", opts("out", "servers", "rows", "seed", "noise"));
    OPTIONS.put("soak", opts("urls", "pids", "rounds", "sample", "model", "epochs", "heap-bound-mb", "thread-bound"));
    OPTIONS.put("bench", opts("servers", "rows", "epochs", "runs", "warmup", "model", "urls", "transport", "data", "se",
        "boundary"));
  }

  private Cli() {
  }

  private static Map<String, Boolean> opts(String... names) {
    Map<String, Boolean> m = new LinkedHashMap<>();
    for (String n : names) {
      if (n.startsWith("!")) {
        m.put(n.substring(1), false);
      } else {
        m.put(n, true);
      }
    }
    return m;
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      (args.length == 0 ? err : out).print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String command = args[0];
    Map<String, Boolean> options = OPTIONS.get(command);
    if (options == null) {
      err.println("openlgd: unknown command '" + command + "'");
      err.print(USAGE);
      return 2;
    }
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    if (java.util.Arrays.asList(rest).contains("--help") || java.util.Arrays.asList(rest).contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    try {
      JsonObject conf = CommandLine.parse(command, rest, options);
      return switch (command) {
        case "standalone" -> standalone(new Conf(conf, command), out);
        case "server" -> server(conf, out, err);
        case "coordinator" -> coordinator(conf, out, err);
        case "simulate" -> Simulate.run(new Conf(conf, command), out, err);
        case "generate" -> generate(new Conf(conf, command), out);
        case "datanode" -> datanode(conf, out, err);
        case "dashboard" -> dashboard(conf, out, err);
        case "report" -> org.openlgd.report.Report.run(new Conf(conf, command), out);
        case "bench" -> Bench.run(new Conf(conf, command), out);
        case "soak" -> Soak.run(new Conf(conf, command), out);
        default -> 2;
      };
    } catch (IllegalArgumentException e) {
      err.println("openlgd " + command + ": " + e.getMessage());
      return 2;
    } catch (DataFormatException e) {
      err.println("openlgd " + command + ": " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("openlgd " + command + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    }
  }

  private static int standalone(Conf c, PrintStream out) throws DataFormatException, ExecutionException {
    List<String> files = c.list("data");
    if (files.isEmpty()) {
      throw new IllegalArgumentException("standalone: --data FILE is required");
    }
    boolean json = c.flag("json");
    RunListener report = json ? RunListener.NONE : new ConsoleReport(out, "standalone", c.flag("verbose"));
    JsonObject fit = new JsonObject();
    for (String key : List.of("model", "epochs", "tol", "se", "boundary")) {
      if (c.json().getValue(key) != null) {
        fit.put(key, c.json().getValue(key));
      }
    }
    FederatedResult r = Standalone.run(files, c.string("target", null), c.list("features"), fit, c.longValue("seed", 1),
        c.doubleValue("eta0", LinearSgd.DEFAULT_ETA0), report);
    if (json) {
      out.println(r.toJson().encode());
    }
    return 0;
  }

  /** Starts every configured server in one JVM and keeps running until the process is stopped. */
  private static int server(JsonObject conf, PrintStream out, PrintStream err) throws Exception {
    List<JsonObject> instances = serverInstances(conf);
    List<ServerConfig> configs = new ArrayList<>();
    for (JsonObject i : instances) {
      configs.add(ServerConfig.from(i));
    }
    if (configs.stream().map(ServerConfig::port).filter(p -> p != 0).distinct().count()
        != configs.stream().filter(sc -> sc.port() != 0).count()) {
      throw new IllegalArgumentException("server: two instances use the same port");
    }
    ClusterSettings cluster = ClusterSettings.from(conf, "server");
    if (!cluster.enabled() && configs.stream().anyMatch(sc -> !sc.http())) {
      throw new IllegalArgumentException("server: --port is required (or --cluster, to serve the event bus only)");
    }
    Vertx vertx = Clustering.start(cluster).toCompletionStage().toCompletableFuture().get();
    CountDownLatch closed = closeOnShutdown(vertx);
    List<Future<String>> deployments = new ArrayList<>();
    List<ModelServerVerticle> verticles = new ArrayList<>();
    for (int k = 0; k < configs.size(); k++) {
      ModelServerVerticle v = new ModelServerVerticle();
      verticles.add(v);
      deployments.add(vertx.deployVerticle(v, new DeploymentOptions().setConfig(instances.get(k))));
    }
    try {
      Future.all(deployments).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      err.println("openlgd server: " + e.getCause().getMessage());
      return 1;
    }
    for (int k = 0; k < configs.size(); k++) {
      ServerConfig sc = configs.get(k);
      String where = sc.http() ? "http://" + sc.host() + ":" + verticles.get(k).actualPort() : "";
      if (cluster.enabled()) {
        where += (where.isEmpty() ? "" : " and ") + "the event bus of cluster '" + clusterName(cluster) + "'";
      }
      out.printf("model server %d ready on %s (data %s)%n", sc.id(), where, sc.data());
    }
    out.flush();
    closed.await();
    return -1;
  }

  /**
   * The servers a {@code server} config describes: the top-level options alone, or, when it has an
   * {@code "instances"} array, one server per entry with the top-level options as shared defaults.
   */
  static List<JsonObject> serverInstances(JsonObject conf) {
    List<JsonObject> instances = new ArrayList<>();
    Object listed = conf.getValue("instances");
    JsonObject shared = conf.copy();
    shared.remove("instances");
    if (listed == null) {
      instances.add(shared);
      return instances;
    }
    if (!(listed instanceof JsonArray arr) || arr.isEmpty()) {
      throw new IllegalArgumentException("server: \"instances\" must be a non-empty array of objects of server options");
    }
    for (Object o : arr) {
      if (!(o instanceof JsonObject inst)) {
        throw new IllegalArgumentException("server: every entry of \"instances\" must be an object of server options");
      }
      instances.add(shared.copy().mergeIn(inst));
    }
    return instances;
  }

  /**
   * Closes {@code vertx} (undeploying its verticles, leaving a cluster) when the JVM is asked to stop; the latch opens
   * once that is done.
   */
  private static CountDownLatch closeOnShutdown(Vertx vertx) {
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get();
      } catch (Exception ignored) {
        // exiting anyway
      }
      closed.countDown();
    }, "openlgd-shutdown"));
    return closed;
  }

  /** Serves the web dashboard until the process is stopped. */
  private static int dashboard(JsonObject conf, PrintStream out, PrintStream err) throws Exception {
    ClusterSettings cluster = ClusterSettings.from(conf, "dashboard");
    org.openlgd.dashboard.DashboardConfig.from(conf, cluster.enabled()); // validate before starting anything
    Vertx vertx;
    try {
      vertx = Clustering.start(cluster).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      err.println("openlgd dashboard: cannot join the cluster: " + e.getCause().getMessage());
      return 1;
    }
    CountDownLatch closed = closeOnShutdown(vertx);
    org.openlgd.dashboard.DashboardVerticle dashboard = new org.openlgd.dashboard.DashboardVerticle();
    try {
      vertx.deployVerticle(dashboard, new DeploymentOptions().setConfig(conf)).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      err.println("openlgd dashboard: " + e.getCause().getMessage());
      vertx.close();
      return 1;
    }
    out.printf("dashboard ready on http://%s:%d/%n", new Conf(conf, "dashboard").string("host", "127.0.0.1"),
        dashboard.actualPort());
    out.flush();
    closed.await();
    return -1;
  }

  /** Serves a CSV as an openNPL-style API until the process is stopped. */
  private static int datanode(JsonObject conf, PrintStream out, PrintStream err) throws Exception {
    Vertx vertx = org.openlgd.ops.Ops.vertx();
    CountDownLatch closed = closeOnShutdown(vertx);
    org.openlgd.datanode.DataNodeVerticle node = new org.openlgd.datanode.DataNodeVerticle();
    try {
      vertx.deployVerticle(node, new DeploymentOptions().setConfig(conf)).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      err.println("openlgd datanode: " + e.getCause().getMessage());
      return 1;
    }
    out.printf("data node ready on http://%s:%d/api/npl_data/counterparties (data %s)%n",
        new Conf(conf, "datanode").string("host", "127.0.0.1"), node.actualPort(), conf.getValue("data"));
    out.flush();
    closed.await();
    return -1;
  }

  private static int coordinator(JsonObject conf, PrintStream out, PrintStream err) throws Exception {
    long startedAt = System.currentTimeMillis();
    Conf c = new Conf(conf, "coordinator");
    ClusterSettings cluster = ClusterSettings.from(conf, "coordinator");
    CoordinatorConfig cfg = CoordinatorConfig.from(conf, cluster.enabled());
    conf.put("wait-until-ms", startedAt + cfg.waitMs());
    boolean json = c.flag("json");
    RunListener report = json ? RunListener.NONE : new ConsoleReport(out, "coordinator", cfg.verbose());
    org.openlgd.coordinator.RunRecord record = runRecord(c, "coordinator", conf);
    if (record != null) {
      report = RunListener.both(report, record);
    }
    Vertx vertx;
    try {
      vertx = Clustering.start(cluster).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      err.println("openlgd coordinator: cannot join the cluster: " + e.getCause().getMessage());
      return 1;
    }
    try {
      CoordinatorVerticle coordinator = new CoordinatorVerticle(report);
      FederatedResult r = vertx.deployVerticle(coordinator, new DeploymentOptions().setConfig(conf))
          .compose(id -> coordinator.result())
          .toCompletionStage().toCompletableFuture().get();
      if (json) {
        out.println(r.toJson().encode());
      }
      return 0;
    } catch (ExecutionException e) {
      err.println("openlgd coordinator: " + e.getCause().getMessage());
      return 1;
    } finally {
      closeRecord(record, json ? err : out);
      out.flush();
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  /** The run record of a coordinating command: under --runs-dir (runs), unless --record false. */
  static org.openlgd.coordinator.RunRecord runRecord(Conf c, String command, JsonObject conf) {
    if (conf.containsKey("record") && !c.flag("record")) {
      return null;
    }
    return new org.openlgd.coordinator.RunRecord(java.nio.file.Path.of(c.string("runs-dir", "runs")), command, conf);
  }

  /** Waits for the record's files and says where they are. */
  static void closeRecord(org.openlgd.coordinator.RunRecord record, PrintStream to) {
    if (record != null) {
      record.close();
      if (record.directory() != null) {
        to.println("Run record: " + record.directory());
      }
    }
  }

  private static String clusterName(ClusterSettings cluster) {
    return cluster.name() != null ? cluster.name() : ClusterSettings.DEFAULT_NAME + " (or as configured)";
  }

  private static int generate(Conf c, PrintStream out) throws Exception {
    String dir = c.string("out", null);
    if (dir == null) {
      throw new IllegalArgumentException("generate: --out DIR is required");
    }
    int servers = c.intValue("servers", 4, 1, 10_000);
    int rows = c.intValue("rows", 1500, 1, 100_000_000);
    long seed = c.longValue("seed", 2026);
    int noise = c.intValue("noise", 0, 0, 1000);
    List<Path> files = LgdGenerator.write(Path.of(dir), servers, rows, seed, noise);
    Path truth = Path.of(dir, "truth.json");
    java.nio.file.Files.writeString(truth, truth(servers, rows, seed).encodePrettily() + "\n");
    for (Path f : files) {
      out.println("wrote " + f);
    }
    out.println("wrote " + truth);
    return 0;
  }

  private static JsonObject truth(int servers, int rows, long seed) {
    JsonArray banks = new JsonArray();
    for (LgdGenerator.BankProfile p : LgdGenerator.profiles(servers, rows, seed)) {
      banks.add(new JsonObject().put("id", p.id()).put("file", "bank" + p.id() + ".csv").put("rows", p.rows())
          .put("ltvMedian", p.ltvMedian()).put("seniorShare", p.seniorShare()).put("logEadMean", p.logEadMean())
          .put("meanMonthsInDefault", p.meanMonthsInDefault()));
    }
    JsonArray names = new JsonArray().add("intercept");
    LgdGenerator.FEATURES.forEach(names::add);
    return new JsonObject()
        .put("generator", "openlgd generate --servers " + servers + " --rows " + rows + " --seed " + seed)
        .put("target", LgdGenerator.TARGET)
        .put("coefficientOrder", names)
        .put("cureLogit", new JsonArray(java.util.Arrays.stream(LgdGenerator.CURE).boxed().toList()))
        .put("totalLossLogit", new JsonArray(java.util.Arrays.stream(LgdGenerator.TOTAL_LOSS).boxed().toList()))
        .put("severityMeanLogit", new JsonArray(java.util.Arrays.stream(LgdGenerator.SEVERITY).boxed().toList()))
        .put("severityPrecision", LgdGenerator.PHI)
        .put("banks", banks)
        .put("xyFile", new JsonObject().put("file", "regression_data.csv").put("X", "ltv").put("Y", "LGD").put("rowsFrom", "bank1.csv"));
  }
}
