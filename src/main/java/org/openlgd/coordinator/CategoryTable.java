package org.openlgd.coordinator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openlgd.api.DescribeCodec;

/**
 * A text column described per server and pooled: the rows of each level and the mean target on them (the "LGD
 * table" by collateral type, say). A level pools over the servers that name it; a server that does not name it but
 * has rare levels may count it in its {@code other} group, so the pooled level is then marked {@code partial}.
 */
final class CategoryTable {
  private CategoryTable() {
  }

  static JsonObject of(String name, Iterable<DescribeCodec.Reply> replies) {
    JsonArray per = new JsonArray();
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, double[]> sums = new LinkedHashMap<>();
    long missing = 0;
    long otherN = 0;
    long otherYn = 0;
    double otherSum = 0;
    int withRare = 0;
    for (DescribeCodec.Reply r : replies) {
      DescribeCodec.Categorical c = r.categories().get(name);
      if (c == null) {
        continue;
      }
      withRare += c.other() == null ? 0 : 1;
      JsonArray levels = new JsonArray();
      for (DescribeCodec.Level l : c.levels()) {
        levels.add(level(l).put("level", l.name()));
        // rows, rows with a target, servers with rare levels that name it
        long[] n = counts.computeIfAbsent(l.name(), k -> new long[3]);
        n[0] += l.n() == null ? 0 : l.n();
        n[2] += c.other() == null ? 0 : 1;
        if (l.targetSum() != null) {
          n[1] += l.targetN();
          sums.computeIfAbsent(l.name(), k -> new double[1])[0] += l.targetSum();
        }
      }
      missing += c.missing() == null ? 0 : c.missing();
      if (c.other() != null) {
        otherN += c.other().n() == null ? 0 : c.other().n();
        if (c.other().targetSum() != null) {
          otherYn += c.other().targetN();
          otherSum += c.other().targetSum();
        }
      }
      per.add(new JsonObject().put("id", r.id()).put("missing", c.missing()).put("levels", levels)
          .put("other", c.other() == null ? null : level(c.other()).put("levels", c.other().levels())
              .put("withMissing", c.other().withMissing())));
    }
    JsonArray pooled = new JsonArray();
    int rare = withRare;
    counts.forEach((level, n) -> {
      double[] s = sums.get(level);
      pooled.add(new JsonObject().put("level", level).put("n", n[0]).put("targetN", n[1])
          .put("targetMean", s == null || n[1] == 0 ? null : s[0] / n[1]).put("partial", n[2] < rare));
    });
    JsonObject other = withRare == 0 ? null : new JsonObject().put("n", otherN).put("targetN", otherYn)
        .put("targetMean", otherYn == 0 ? null : otherSum / otherYn);
    return new JsonObject().put("name", name).put("pooled", new JsonObject().put("missing", missing)
        .put("levels", pooled).put("other", other)).put("servers", per);
  }

  private static JsonObject level(DescribeCodec.Level l) {
    return new JsonObject().put("n", l.n()).put("targetN", l.targetN())
        .put("targetMean", l.targetSum() == null || l.targetN() == null || l.targetN() == 0 ? null : l.targetSum() / l.targetN());
  }
}
