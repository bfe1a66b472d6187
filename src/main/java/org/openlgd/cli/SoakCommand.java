package org.openlgd.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openlgd.api.ModelServerClient;
import org.openlgd.config.Check;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.config.FaultSettings;
import org.openlgd.config.ModelOptions;
import org.openlgd.config.Tls;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.Federation;
import org.openlgd.coordinator.HttpModelServerClient;
import org.openlgd.coordinator.RunListener;
import org.openlgd.model.FitSettings;
import org.openlgd.model.Model;
import org.openlgd.ops.Ops;
import org.openlgd.stats.BetaRegression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Soak benchmark: federated runs back to back against running HTTP servers until {@code --rounds} rounds are done,
 * sampling every {@code --sample} rounds the heap in use after a full GC and the live thread count of the
 * coordinator (this JVM) and of every server (its {@code GET /health}, after {@code jcmd PID GC.run} when its PID
 * is given). The first sample, after the first {@code --sample} rounds of warm-up, is the baseline. Passes when no
 * round failed or went without a server and, from the first sample to the last, no JVM's
 * heap grew by more than {@code --heap-bound-mb} nor its threads by more than {@code --thread-bound}.
 */
@Command(name = "soak", description = "federated runs back to back against running servers; heap (after GC) and "
    + "threads of every JVM sampled every --sample rounds; fails on a failed round or growth beyond the bounds")
final class SoakCommand extends Subcommand {
  @Option(names = "--urls", paramLabel = "URL,...", split = ",", description = "the running model servers")
  List<String> urls = new ArrayList<>();
  @Option(names = "--pids", paramLabel = "PID,...", split = ",",
      description = "their process ids, one per URL, for a full GC (jcmd PID GC.run) before each sample")
  List<String> pids = new ArrayList<>();
  @Option(names = "--rounds", paramLabel = "N", defaultValue = "1000", description = "rounds to run in all")
  int target;
  @Option(names = "--sample", paramLabel = "N", defaultValue = "100", description = "rounds between samples")
  int sample;
  @Option(names = "--model", paramLabel = "M", defaultValue = "sgd", description = "the model of every run")
  Model model;
  @Option(names = "--epochs", paramLabel = "N", defaultValue = "9", description = "epochs of every run (sgd)")
  int epochs;
  @Option(names = "--heap-bound-mb", paramLabel = "MB", defaultValue = "2", description = "the bound on heap growth per JVM")
  double heapBoundMb;
  @Option(names = "--thread-bound", paramLabel = "N", defaultValue = "2", description = "the bound on thread growth per JVM")
  int threadBound;

  /** One JVM's figures at one sample. */
  private record Sample(String who, int rounds, long heapBytes, int threads) {
  }

  @Override
  int run() throws Exception {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("--urls URL,URL,... of running model servers is required");
    }
    if (!pids.isEmpty() && pids.size() != urls.size()) {
      throw new IllegalArgumentException("--pids must list one PID per --urls entry");
    }
    Check.range("soak", "rounds", target, 1, 10_000_000);
    Check.range("soak", "sample", sample, 1, 10_000_000);
    Check.range("soak", "thread-bound", threadBound, 0, 10_000);
    CoordinatorConfig cfg = new CoordinatorConfig(List.copyOf(urls), model,
        new FitSettings(Check.range("soak", "epochs", epochs, 0, 1_000_000), ModelOptions.DEFAULT_TOLERANCE, null,
            BetaRegression.Boundary.REFUSE),
        new FaultSettings(10_000, 30_000, 4, 250, 0), new CoordinatorConfig.Discovery(CoordinatorConfig.Transport.HTTP,
        urls.size(), 0, 0), null, Tls.NONE, -1, false);

    Vertx vertx = Ops.vertx();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<Sample> samples = new ArrayList<>();
    int rounds = 0;
    int runs = 0;
    int failedRuns = 0;
    int degradedRounds = 0;
    List<Double> roundMs = new ArrayList<>();
    long t0 = System.nanoTime();
    try {
      WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true));
      List<ModelServerClient> clients = urls.stream().<ModelServerClient>map(u -> new HttpModelServerClient(client, u)).toList();
      // the first sample comes after --sample rounds: the warm-up, in which Vert.x's event-loop and worker pools
      // start their threads (up to their fixed sizes) and the JIT settles
      int nextSample = sample;
      sampleAll(0, urls, pids, http); // unrecorded: starts the sampler's own HTTP client threads before the baseline
      while (rounds < target) {
        try {
          FederatedResult r = BenchCommand.onContext(vertx, () -> new Federation(vertx, clients, cfg, RunListener.NONE).run());
          for (FederatedResult.Round round : r.history()) {
            roundMs.add(round.millis());
            if (!round.absent().isEmpty()) {
              degradedRounds++;
            }
          }
          rounds += r.history().size();
        } catch (ExecutionException | RuntimeException e) {
          failedRuns++;
          out.println("run " + (runs + 1) + " failed: " + e.getMessage());
        }
        runs++;
        if (rounds >= nextSample || rounds >= target) {
          samples.addAll(sampleAll(rounds, urls, pids, http));
          nextSample = rounds + sample;
        }
      }
    } finally {
      Await.result(vertx.close());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double[] sorted = roundMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    out.printf(Locale.ROOT, "soak: %d rounds in %d runs of %s against %d servers in %.1f s; round time median %.2f ms, "
            + "p99 %.2f ms; failed runs %d, rounds without a server %d%n", rounds, runs, cfg.model(), urls.size(), seconds,
        BenchCommand.q(sorted, 0.5), BenchCommand.q(sorted, 0.99), failedRuns, degradedRounds);
    out.printf(Locale.ROOT, "  %-26s %8s %14s %8s%n", "JVM", "rounds", "heap MB (GC'd)", "threads");
    for (Sample s : samples) {
      out.printf(Locale.ROOT, "  %-26s %8d %14.2f %8d%n", s.who(), s.rounds(), s.heapBytes() / 1e6, s.threads());
    }
    boolean bounded = true;
    JsonArray growth = new JsonArray();
    for (String who : samples.stream().map(Sample::who).distinct().toList()) {
      List<Sample> mine = samples.stream().filter(s -> s.who().equals(who)).toList();
      Sample first = mine.get(0);
      Sample last = mine.get(mine.size() - 1);
      double heapGrowthMb = (last.heapBytes() - first.heapBytes()) / 1e6;
      int threadGrowth = last.threads() - first.threads();
      bounded &= heapGrowthMb <= heapBoundMb && threadGrowth <= threadBound;
      out.printf(Locale.ROOT, "  %-26s heap %+7.2f MB, threads %+d from round %d to round %d%n", who, heapGrowthMb,
          threadGrowth, first.rounds(), last.rounds());
      growth.add(new JsonObject().put("jvm", who).put("heapGrowthMb", heapGrowthMb).put("threadGrowth", threadGrowth)
          .put("heapMbFirst", first.heapBytes() / 1e6).put("heapMbLast", last.heapBytes() / 1e6)
          .put("threadsFirst", first.threads()).put("threadsLast", last.threads()));
    }
    boolean pass = bounded && failedRuns == 0 && degradedRounds == 0;
    out.printf(Locale.ROOT, "bound: heap growth <= %.1f MB and thread growth <= %d per JVM, zero failed rounds: %s%n",
        heapBoundMb, threadBound, pass ? "PASS" : "FAIL");
    out.println(new JsonObject().put("benchmark", "soak").put("rounds", rounds).put("runs", runs)
        .put("servers", urls.size()).put("seconds", seconds).put("medianRoundMs", BenchCommand.q(sorted, 0.5))
        .put("failedRuns", failedRuns).put("roundsWithoutAServer", degradedRounds).put("growth", growth)
        .put("pass", pass).encode());
    return pass ? 0 : 1;
  }

  private static List<Sample> sampleAll(int rounds, List<String> urls, List<String> pids, HttpClient http) throws Exception {
    List<Sample> out = new ArrayList<>();
    out.add(new Sample("coordinator (this JVM)", rounds, BenchCommand.usedHeapAfterGc(),
        ManagementFactory.getThreadMXBean().getThreadCount()));
    for (int k = 0; k < urls.size(); k++) {
      if (!pids.isEmpty()) {
        gc(pids.get(k));
      }
      HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(urls.get(k) + "/health"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        throw new IllegalStateException(urls.get(k) + "/health answered HTTP " + resp.statusCode());
      }
      JsonObject h = new JsonObject(resp.body());
      out.add(new Sample("server " + urls.get(k).replaceFirst("^https?://", ""), rounds, h.getLong("heapUsedBytes"),
          h.getInteger("threads")));
    }
    return out;
  }

  /** A full GC in another JVM, through jcmd (from this JDK), so that its heap figure is live data only. */
  private static void gc(String pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), pid, "GC.run").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("jcmd " + pid + " GC.run failed; is the PID right and jcmd available?");
    }
  }
}
