package org.openlgd.coordinator;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.openlgd.api.CallContext;
import org.openlgd.api.DescribeCodec;
import org.openlgd.api.JsonValues;
import org.openlgd.api.ModelServerClient;
import org.openlgd.stats.Summary;

/**
 * {@code describe}: the servers' data described per server and pooled, in three rounds chained as futures. Hello
 * names the servers; a first describe gives each numeric column's count, mean and spread, from which the pooled mean
 * and standard deviation set one grid per column; a second describe counts each server's values in those bins, and
 * the quantiles are read from the pooled counts. A server that fails a round is left out with the reason; what a
 * server held back (null in its reply) counts nowhere, and the pooled figure says so ({@code incomplete}).
 */
public final class Describing {
  private final List<ModelServerClient> clients;
  private final String target;
  private final int bins;
  private final long timeoutMs;
  private final JsonArray leftOut = new JsonArray();

  /**
   * @param target the column averaged by level, or null for each server's own target
   * @param bins   bins per grid
   */
  public Describing(List<ModelServerClient> clients, String target, int bins, long timeoutMs) {
    if (bins < 1 || bins > DescribeCodec.MAX_BINS) {
      throw new IllegalArgumentException("--bins must be from 1 to " + DescribeCodec.MAX_BINS + " (got " + bins + ")");
    }
    this.clients = List.copyOf(clients);
    this.target = target;
    this.bins = bins;
    this.timeoutMs = timeoutMs;
  }

  /** The description, or a failure when no server answered. */
  public Future<JsonObject> run() {
    return each(clients, c -> c.hello(call()))
        .compose(up -> each(List.copyOf(up.keySet()), c -> c.describe(DescribeCodec.encodeRequest(target, Map.of()), call())))
        .compose(first -> {
          Map<String, Summary.Grid> grids = grids(first.values());
          return each(List.copyOf(first.keySet()), c -> c.describe(DescribeCodec.encodeRequest(target, grids), call()))
              .map(second -> result(second, grids));
        });
  }

  private CallContext call() {
    return CallContext.untagged(timeoutMs);
  }

  /** Asks every client; the answers of those that answered, in order. Fails when none did. */
  private <T> Future<Map<ModelServerClient, T>> each(List<ModelServerClient> who,
                                                     Function<ModelServerClient, Future<T>> ask) {
    List<Future<T>> calls = who.stream().map(ask).toList();
    return Future.join(calls).transform(ar -> {
      Map<ModelServerClient, T> ok = new LinkedHashMap<>();
      for (int i = 0; i < who.size(); i++) {
        if (calls.get(i).succeeded()) {
          ok.put(who.get(i), calls.get(i).result());
        } else {
          leftOut.add(new JsonObject().put("address", who.get(i).address()).put("reason", calls.get(i).cause().getMessage()));
        }
      }
      return ok.isEmpty() ? Future.failedFuture("no server could describe its data: " + leftOut.encode())
          : Future.succeededFuture(ok);
    });
  }

  /** One grid per numeric column: the pooled mean plus and minus five pooled standard deviations. */
  private Map<String, Summary.Grid> grids(Iterable<DescribeCodec.Reply> replies) {
    Map<String, List<Summary.Moments>> byColumn = new LinkedHashMap<>();
    for (DescribeCodec.Reply r : replies) {
      r.numbers().forEach((name, v) -> {
        if (v.moments() != null) {
          byColumn.computeIfAbsent(name, k -> new ArrayList<>()).add(v.moments());
        }
      });
    }
    Map<String, Summary.Grid> grids = new LinkedHashMap<>();
    byColumn.forEach((name, parts) -> grids.put(name, Summary.Grid.around(Summary.Moments.pooled(parts), bins)));
    return grids;
  }

  private JsonObject result(Map<ModelServerClient, DescribeCodec.Reply> replies, Map<String, Summary.Grid> grids) {
    JsonArray servers = new JsonArray();
    Set<String> numeric = new LinkedHashSet<>();
    Set<String> text = new LinkedHashSet<>();
    replies.forEach((c, r) -> {
      servers.add(new JsonObject().put("id", r.id()).put("address", c.address()).put("rows", r.rows())
          .put("target", r.target()).put("minCount", r.minCount()).put("minValues", r.minValues()));
      numeric.addAll(r.numbers().keySet());
      text.addAll(r.categories().keySet());
    });
    JsonArray numbers = new JsonArray();
    for (String name : numeric) {
      numbers.add(numeric(name, replies.values(), grids.get(name)));
    }
    JsonArray categories = new JsonArray();
    for (String name : text) {
      categories.add(CategoryTable.of(name, replies.values()));
    }
    JsonArray q = new JsonArray();
    for (double p : Summary.QUANTILES) {
      q.add(p);
    }
    return new JsonObject().put("target", target).put("bins", bins).put("quantiles", q).put("servers", servers)
        .put("leftOut", leftOut).put("numbers", numbers).put("categories", categories);
  }

  private static JsonObject numeric(String name, Iterable<DescribeCodec.Reply> replies, Summary.Grid grid) {
    JsonArray per = new JsonArray();
    List<Summary.Moments> moments = new ArrayList<>();
    List<long[]> counts = new ArrayList<>();
    long n = 0;
    long missing = 0;
    long hidden = 0;
    boolean incomplete = false;
    for (DescribeCodec.Reply r : replies) {
      DescribeCodec.Numeric v = r.numbers().get(name);
      if (v == null) {
        continue;
      }
      boolean usable = v.moments() != null && v.counts() != null && Objects.equals(v.grid(), grid);
      incomplete |= !usable;
      if (usable) {
        n += v.n();
        missing += v.missing();
        hidden += v.hidden();
        moments.add(v.moments());
        counts.add(v.counts());
      }
      per.add(stats(usable ? v.moments() : null, usable ? v.counts() : null, grid).put("id", r.id()).put("n", v.n())
          .put("missing", v.missing()).put("hiddenInBins", v.hidden()).put("gridRefused", v.refused()));
    }
    JsonObject pooled = stats(moments.isEmpty() ? null : Summary.Moments.pooled(moments),
        counts.isEmpty() ? null : Summary.add(counts), grid)
        .put("n", n).put("missing", missing).put("hiddenInBins", hidden).put("incomplete", incomplete);
    return new JsonObject().put("name", name).put("grid", grid == null ? null : DescribeCodec.grid(grid))
        .put("pooled", pooled).put("servers", per);
  }

  /** Mean, standard deviation and quantiles (null where there are none), and the counts they were read from. */
  private static JsonObject stats(Summary.Moments m, long[] counts, Summary.Grid grid) {
    JsonObject o = new JsonObject().put("mean", m == null ? null : JsonValues.orNull(m.mean()))
        .put("sd", m == null ? null : JsonValues.orNull(m.sd()));
    JsonArray q = new JsonArray();
    for (double p : Summary.QUANTILES) {
      q.add(counts == null ? null : JsonValues.orNull(grid.quantile(counts, p)));
    }
    return o.put("quantiles", q).put("counts", counts == null ? null : JsonValues.counts(counts));
  }
}
