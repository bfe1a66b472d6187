package org.openlgd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.TestServers;

@ExtendWith(VertxExtension.class)
@DisplayName("POST /describe shows no row value and no count under the minimum, whatever grid is asked for")
class DescribeDisclosureTest {
  private static final String RARE = "rare_level_Zq";

  /** 40 loans: values drawn to 17 digits, an id-like column of whole numbers far above any count, two rare cells. */
  private static Set<Object> write(Path file, int rows, long seed) throws Exception {
    Random r = new Random(seed);
    Set<Object> values = new HashSet<>();
    StringBuilder csv = new StringBuilder("LGD,ltv,ead,code,grade\n");
    for (int i = 0; i < rows; i++) {
      double lgd = r.nextDouble();
      double ltv = 0.4 + r.nextDouble();
      double ead = i == 7 ? Double.NaN : 10 + 100 * r.nextDouble(); // one missing cell
      long code = 100_001 + r.nextInt(90_000);
      String grade = i == 3 ? RARE : i == 5 ? "" : i % 2 == 0 ? "A" : "B"; // one rare level, one missing cell
      csv.append(String.format(Locale.ROOT, "%.17g,%.17g,%s,%d,%s%n", lgd, ltv, Double.isNaN(ead) ? ""
          : String.format(Locale.ROOT, "%.17g", ead), code, grade));
      values.add(Double.parseDouble(String.format(Locale.ROOT, "%.17g", lgd)));
      values.add(Double.parseDouble(String.format(Locale.ROOT, "%.17g", ltv)));
      if (!Double.isNaN(ead)) {
        values.add(Double.parseDouble(String.format(Locale.ROOT, "%.17g", ead)));
      }
      values.add((double) code);
      values.add(grade);
    }
    values.remove("A");
    values.remove("B");
    values.remove("");
    Files.writeString(file, csv);
    return values;
  }

  /** Every number and string anywhere in {@code v}, field names included. */
  private static void scalars(Object v, List<Object> out) {
    if (v instanceof JsonObject o) {
      for (String k : o.fieldNames()) {
        out.add(k);
        scalars(o.getValue(k), out);
      }
    } else if (v instanceof JsonArray a) {
      a.forEach(x -> scalars(x, out));
    } else if (v instanceof Number n) {
      out.add(n.doubleValue());
    } else if (v != null) {
      out.add(v.toString());
    }
  }

  private static JsonObject grid(double lo, double hi, int bins) {
    return new JsonObject().put("lo", lo).put("hi", hi).put("bins", bins);
  }

  @Test
  @DisplayName("a server of 40 loans and one of 6: no reply to plain, pooled-style, fine and crafted grids holds a row "
      + "value or the rare level's name; every count shown is 0 or at least 3; the small server describes nothing")
  void noRowValue(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
    Set<Object> rowValues = write(dir.resolve("a.csv"), 40, 1);
    rowValues.addAll(write(dir.resolve("b.csv"), 6, 2));
    double someLtv = rowValues.stream().filter(x -> x instanceof Double d && d > 0.4 && d < 1.4 && d != Math.rint(d))
        .mapToDouble(x -> (Double) x).findFirst().orElseThrow();
    double cell = Math.floor(someLtv * 100) / 100;
    List<JsonObject> requests = List.of(new JsonObject(),
        new JsonObject().put("grids", new JsonObject().put("ltv", grid(0, 2, 20)).put("LGD", grid(0, 1, 10))),
        new JsonObject().put("grids", new JsonObject().put("ltv", grid(0, 2, 1000))),
        // crafted: a bin around one loan's value; the bin holding it and the next one (the counts below them differ by
        // that bin's loans); a bin not on a lattice
        new JsonObject().put("grids", new JsonObject().put("ltv", grid(someLtv - 1e-12, someLtv + 1e-12, 1))),
        new JsonObject().put("grids", new JsonObject().put("ltv", grid(cell, cell + 0.01, 1))),
        new JsonObject().put("grids", new JsonObject().put("ltv", grid(cell + 0.01, cell + 0.02, 1))),
        new JsonObject().put("grids", new JsonObject().put("ltv", grid(0.3, 1.0, 5))),
        new JsonObject().put("target", "ltv"));
    WebClient client = WebClient.create(vertx);
    Future.all(TestServers.deploy(vertx, dir.resolve("a.csv").toString(), 1),
            TestServers.deploy(vertx, dir.resolve("b.csv").toString(), 2))
        .compose(urls -> {
          List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
          for (Object url : urls.list()) {
            for (JsonObject req : requests) {
              calls.add(client.postAbs(url + "/describe").sendJsonObject(req));
            }
          }
          return Future.all(calls).map(x -> calls.stream().map(Future::result).toList());
        })
        .onComplete(ctx.succeeding(replies -> ctx.verify(() -> {
          for (HttpResponse<?> reply : replies) {
            assertThat(reply.statusCode()).as(reply.bodyAsString()).isEqualTo(200);
            List<Object> seen = new ArrayList<>();
            scalars(reply.bodyAsJsonObject(), seen);
            assertThat(seen).as(reply.bodyAsString()).doesNotContainAnyElementsOf(rowValues);
            assertThat(reply.bodyAsString()).doesNotContain(RARE);
            JsonObject numbers = reply.bodyAsJsonObject().getJsonObject("numbers");
            for (String column : numbers.fieldNames()) {
              JsonArray counts = numbers.getJsonObject(column).getJsonArray("counts");
              if (counts != null) {
                counts.forEach(c -> assertThat(((Number) c).longValue()).as(column).satisfiesAnyOf(
                    n -> assertThat(n).isZero(), n -> assertThat(n).isGreaterThanOrEqualTo(3)));
              }
            }
          }
          JsonObject big = replies.get(0).bodyAsJsonObject();
          // one missing ead cell: that column is not described here (rows - n would give it)
          assertThat(big.getJsonObject("numbers").getJsonObject("ead").getValue("moments")).isNull();
          assertThat(big.getJsonObject("numbers").getJsonObject("ead").getValue("n")).isNull();
          for (int k : new int[] {3, 6}) {
            JsonObject ltv = replies.get(k).bodyAsJsonObject().getJsonObject("numbers").getJsonObject("ltv");
            assertThat(ltv.getString("gridRefused")).contains("power of ten").contains("1/100");
            assertThat(ltv.getValue("counts")).isNull();
          }
          long below = replies.get(4).bodyAsJsonObject().getJsonObject("numbers").getJsonObject("ltv").getJsonArray("counts")
              .getLong(0);
          long belowNext = replies.get(5).bodyAsJsonObject().getJsonObject("numbers").getJsonObject("ltv")
              .getJsonArray("counts").getLong(0);
          assertThat(belowNext - below).satisfiesAnyOf(d -> assertThat(d).isZero(), d -> assertThat(d).isGreaterThanOrEqualTo(3));
          assertThat(big.getJsonObject("numbers").getJsonObject("LGD").getLong("n")).isEqualTo(40);
          JsonObject grade = big.getJsonObject("categories").getJsonObject("grade");
          assertThat(grade.getValue("missing")).isNull();
          assertThat(grade.getJsonObject("other").getLong("levels")).isEqualTo(1);
          assertThat(grade.getJsonObject("other").getBoolean("missing")).isTrue();
          assertThat(grade.getJsonObject("other").getValue("n")).isNull(); // 2 loans: held back
          JsonObject lgdOnGrid = replies.get(1).bodyAsJsonObject().getJsonObject("numbers").getJsonObject("LGD");
          assertThat(lgdOnGrid.getJsonArray("counts").stream().mapToLong(c -> ((Number) c).longValue()).sum()
              + lgdOnGrid.getLong("hiddenInBins")).isEqualTo(40);
          JsonObject small = replies.get(requests.size()).bodyAsJsonObject();
          for (String column : List.of("LGD", "ltv", "code")) {
            assertThat(small.getJsonObject("numbers").getJsonObject(column).getValue("moments")).as(column).isNull();
          }
          ctx.completeNow();
        })));
  }
}
