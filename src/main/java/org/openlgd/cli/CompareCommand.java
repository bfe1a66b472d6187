package org.openlgd.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openlgd.dashboard.RunStore;
import org.openlgd.stats.LikelihoodRatio;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "compare", description = "the likelihood-ratio test between two runs of nested models on the same "
    + "servers' rows: compare --run A --run B (run record directories)")
final class CompareCommand extends Subcommand {
  @Option(names = "--run", paramLabel = "DIR", description = "a run record directory; give two")
  List<String> runs;
  @Option(names = "--json", description = "print the test as one JSON object")
  boolean json;

  @Override
  int run() throws Exception {
    if (runs == null || runs.size() != 2) {
      throw new IllegalArgumentException("give two runs: compare --run DIR_A --run DIR_B");
    }
    JsonObject a = result(runs.get(0));
    JsonObject b = result(runs.get(1));
    sameRows(a, b);
    boolean aSmall = a.getInteger("parametersEstimated") < b.getInteger("parametersEstimated");
    JsonObject small = aSmall ? a : b;
    JsonObject large = aSmall ? b : a;
    for (String name : small.getJsonObject("coefficients").fieldNames()) {
      if (!large.getJsonObject("coefficients").containsKey(name)) {
        throw new IllegalArgumentException("the models are not nested: " + name + " of the smaller model ("
            + small.getString("dir") + ") is not in the larger one (" + large.getString("dir") + ")");
      }
    }
    LikelihoodRatio lr = LikelihoodRatio.test(small.getDouble("logLikelihood"), small.getInteger("parametersEstimated"),
        large.getDouble("logLikelihood"), large.getInteger("parametersEstimated"));
    if (json) {
      out.println(new JsonObject().put("model", a.getString("model")).put("smaller", small.getString("dir"))
          .put("larger", large.getString("dir")).put("statistic", lr.statistic()).put("df", lr.df()).put("p", lr.p())
          .encode());
    } else {
      out.printf(Locale.ROOT, "likelihood-ratio test, %s on %d rows of %d servers (same data fingerprints):%n",
          a.getString("model"), a.getLong("n"), a.getJsonArray("participants").size());
      out.printf(Locale.ROOT, "  smaller %s: log-likelihood %.6f, %d parameters%n", small.getString("dir"),
          small.getDouble("logLikelihood"), small.getInteger("parametersEstimated"));
      out.printf(Locale.ROOT, "  larger  %s: log-likelihood %.6f, %d parameters%n", large.getString("dir"),
          large.getDouble("logLikelihood"), large.getInteger("parametersEstimated"));
      out.printf(Locale.ROOT, "  LR = %.6f on %d degrees of freedom, p = %.6g%n", lr.statistic(), lr.df(), lr.p());
    }
    return 0;
  }

  /** A run's result (read as the dashboard reads a record), checked to be a converged fit with a likelihood. */
  private static JsonObject result(String dir) throws Exception {
    JsonObject r = RunStore.readRecord(Path.of(dir)).getJsonObject("result");
    if (r == null) {
      throw new IllegalArgumentException(dir + " is not a finished run record (no result.json in it)");
    }
    if (!"succeeded".equals(r.getString("status", "succeeded")) || !r.getBoolean("converged", false)) {
      throw new IllegalArgumentException(dir + ": the run did not finish with a converged fit");
    }
    if (r.getValue("logLikelihood") == null || r.getValue("parametersEstimated") == null) {
      throw new IllegalArgumentException(dir + ": model " + r.getString("model") + " has no likelihood to compare "
          + "(the fractional logit is a quasi-likelihood; sgd and weighted fits have none)");
    }
    return r.put("dir", dir);
  }

  /** Both runs rest on the same rows: the same model, servers, data fingerprints and rows used. */
  private static void sameRows(JsonObject a, JsonObject b) {
    if (!a.getString("model").equals(b.getString("model"))) {
      throw new IllegalArgumentException("the runs fit different models (" + a.getString("model") + ", "
          + b.getString("model") + "); a likelihood-ratio test compares nested models of one kind");
    }
    Map<Integer, JsonObject> bs = new HashMap<>();
    for (Object o : b.getJsonArray("participants")) {
      bs.put(((JsonObject) o).getInteger("id"), (JsonObject) o);
    }
    JsonArray as = a.getJsonArray("participants");
    if (as.size() != bs.size()) {
      throw new IllegalArgumentException("the runs have " + as.size() + " and " + bs.size() + " servers");
    }
    for (Object o : as) {
      JsonObject s = (JsonObject) o;
      JsonObject t = bs.get(s.getInteger("id"));
      String fp = s.getString("dataFingerprint");
      if (t == null || fp == null || !fp.equals(t.getString("dataFingerprint"))) {
        throw new IllegalArgumentException("server " + s.getInteger("id") + " did not hold the same data in both runs "
            + "(data fingerprints " + fp + " and " + (t == null ? "absent" : t.getString("dataFingerprint")) + ")");
      }
      if (!s.getLong("n").equals(t.getLong("n"))) {
        throw new IllegalArgumentException("server " + s.getInteger("id") + " fitted " + s.getLong("n") + " and "
            + t.getLong("n") + " rows (missing values dropped differently); the models must rest on the same rows");
      }
    }
  }
}
