package org.openlgd.coordinator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openlgd.model.Fit;
import org.openlgd.stats.MetaAnalysis;

/**
 * A study-level meta-analysis ({@code --meta}): each server's own exact fit, and per coefficient their fixed-effect
 * and DerSimonian-Laird random-effects combination. A server whose own fit failed or was refused is left out of the
 * combination, with the reason.
 *
 * @param servers  per server, in run order: its id and its own fit, or the reason it has none
 * @param combined per reported coefficient, by name
 */
public record MetaResult(List<Local> servers, Map<String, MetaAnalysis.Result> combined) {

  /** One server's own fit ({@code fit} null and {@code error} set when it has none). */
  public record Local(int id, Fit fit, String error) {
  }

  /** The combination of the servers' fits of the parameters {@code names}. */
  static MetaResult of(List<Local> servers, List<String> names, Fit pooled) {
    List<Local> fitted = servers.stream().filter(s -> s.fit() != null).toList();
    Map<String, MetaAnalysis.Result> combined = new LinkedHashMap<>();
    if (fitted.size() >= 2) {
      for (int j = 0; j < names.size(); j++) {
        if (!pooled.reported(names.get(j))) {
          continue;
        }
        double[] y = new double[fitted.size()];
        double[] se = new double[fitted.size()];
        for (int k = 0; k < y.length; k++) {
          Fit f = fitted.get(k).fit();
          y[k] = f.coefficients()[j];
          se[k] = f.details().inference().standardErrors()[j];
        }
        combined.put(names.get(j), MetaAnalysis.combine(y, se));
      }
    }
    return new MetaResult(List.copyOf(servers), combined);
  }

  /** The {@code meta} object of the {@code --json} result. */
  JsonObject toJson(List<String> names) {
    JsonArray per = new JsonArray();
    for (Local s : servers) {
      JsonObject o = new JsonObject().put("id", s.id());
      if (s.fit() == null) {
        o.put("error", s.error());
      } else {
        o.put("n", s.fit().n()).put("coefficients", ResultJson.reported(s.fit(), names, s.fit().coefficients()))
            .put("standardErrors", ResultJson.reported(s.fit(), names, s.fit().details().inference().standardErrors()));
      }
      per.add(o);
    }
    JsonObject comb = new JsonObject();
    combined.forEach((name, r) -> comb.put(name, new JsonObject().put("servers", r.servers())
        .put("fixed", pooled(r.fixed())).put("random", pooled(r.random())).put("q", r.q()).put("qP", r.qP())
        .put("iSquared", r.iSquared()).put("tau2", r.tau2())));
    return new JsonObject().put("servers", per).put("combined", comb);
  }

  private static JsonObject pooled(MetaAnalysis.Pooled p) {
    return new JsonObject().put("estimate", p.estimate()).put("se", p.se())
        .put("ci", new JsonArray().add(p.ciLow()).add(p.ciHigh())).put("z", p.z()).put("p", p.p());
  }

  /** Lines for the console report. */
  List<String> describe() {
    List<String> out = new ArrayList<>();
    out.add("Meta-analysis of the servers' own fits (fixed effect and DerSimonian-Laird random effects):");
    for (Local s : servers) {
      if (s.fit() == null) {
        out.add("  server " + s.id() + " left out: " + s.error());
      }
    }
    if (combined.isEmpty()) {
      out.add("  fewer than two servers have their own fit: nothing to combine");
      return out;
    }
    out.add(String.format(Locale.ROOT, "  %-22s %12s %10s %12s %10s %9s %8s %6s %10s", "", "fixed", "se",
        "random", "se", "Q", "p(Q)", "I2", "tau2"));
    combined.forEach((name, r) -> out.add(String.format(Locale.ROOT,
        "  %-22s %12.6f %10.6f %12.6f %10.6f %9.3f %8.3g %5.1f%% %10.3g", name, r.fixed().estimate(), r.fixed().se(),
        r.random().estimate(), r.random().se(), r.q(), r.qP(), 100 * r.iSquared(), r.tau2())));
    return out;
  }
}
