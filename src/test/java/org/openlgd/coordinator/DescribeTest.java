package org.openlgd.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.Fixtures;
import org.openlgd.TestServers;
import org.openlgd.api.ModelServerClient;
import org.openlgd.cli.CliRunner;
import org.openlgd.dashboard.DashboardVerticle;
import org.openlgd.stats.Summary;

@ExtendWith(VertxExtension.class)
@DisplayName("describe: the servers' data per server and pooled, against pandas on the pooled files")
class DescribeTest {
  private static Future<List<String>> servers(Vertx vertx) {
    List<Future<String>> urls = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      urls.add(TestServers.deploy(vertx, "data/categorical/bank" + k + ".csv", k));
    }
    return Future.all(urls).map(all -> all.list());
  }

  private static JsonObject byName(JsonArray a, String name) {
    return a.stream().map(JsonObject.class::cast).filter(o -> name.equals(o.getString("name"))).findFirst().orElseThrow();
  }

  private static void close(double actual, double expected, double rel, String what) {
    assertThat(actual).as(what).isCloseTo(expected, offset(rel * Math.max(1, Math.abs(expected))));
  }

  /** The description's figures against describe.json (pandas and numpy on the four files in one frame). */
  static void matchesPandas(JsonObject d) {
    JsonObject oracle = Fixtures.json("describe.json");
    assertThat(d.getJsonArray("servers")).hasSize(4);
    assertThat(d.getJsonArray("leftOut")).isEmpty();
    JsonObject numbers = oracle.getJsonObject("numbers");
    assertThat(d.getJsonArray("numbers").stream().map(o -> ((JsonObject) o).getString("name")).toList())
        .containsExactlyElementsOf(numbers.fieldNames());
    for (String name : numbers.fieldNames()) {
      JsonObject want = numbers.getJsonObject(name);
      JsonObject got = byName(d.getJsonArray("numbers"), name);
      JsonObject pooled = got.getJsonObject("pooled");
      assertThat(pooled.getLong("n")).as(name).isEqualTo(want.getLong("n"));
      assertThat(pooled.getLong("missing")).as(name).isEqualTo(want.getLong("missing"));
      assertThat(pooled.getBoolean("incomplete")).isFalse();
      close(pooled.getDouble("mean"), want.getDouble("mean"), 1e-12, name + " mean");
      close(pooled.getDouble("sd"), want.getDouble("sd"), 1e-12, name + " sd");
      JsonObject grid = got.getJsonObject("grid");
      double width = (grid.getDouble("hi") - grid.getDouble("lo")) / grid.getInteger("bins");
      long hidden = pooled.getLong("hiddenInBins");
      JsonArray permille = want.getJsonArray("permille");
      for (int q = 0; q < 5; q++) {
        // read from counts in bins, without the loans in cells held back: between numpy's quantiles at the ranks
        // those loans could shift it by, widened by one bin
        double p = Summary.QUANTILES[q];
        double shift = (double) hidden / want.getLong("n");
        double lo = permille.getDouble((int) Math.max(0, Math.floor((p - shift) * 1000)));
        double hi = permille.getDouble((int) Math.min(1000, Math.ceil((p + shift) * 1000)));
        assertThat(pooled.getJsonArray("quantiles").getDouble(q)).as(name + " quantile " + p)
            .isBetween(lo - width, hi + width);
      }
      assertThat(hidden).as(name + " loans in cells held back").isLessThan(want.getLong("n") / 50);
    }
    JsonObject servers = byName(d.getJsonArray("numbers"), "ltv");
    for (int k = 0; k < 4; k++) {
      JsonObject s = servers.getJsonArray("servers").getJsonObject(k);
      JsonObject want = oracle.getJsonArray("servers").getJsonObject(k).getJsonObject("ltv");
      assertThat(s.getInteger("id")).isEqualTo(k + 1);
      assertThat(s.getLong("n")).isEqualTo(want.getLong("n"));
      close(s.getDouble("mean"), want.getDouble("mean"), 1e-12, "ltv mean at server " + (k + 1));
      close(s.getDouble("sd"), want.getDouble("sd"), 1e-12, "ltv sd at server " + (k + 1));
    }
    JsonObject categories = oracle.getJsonObject("categories");
    for (String name : categories.fieldNames()) {
      JsonObject want = categories.getJsonObject(name);
      JsonObject pooled = byName(d.getJsonArray("categories"), name).getJsonObject("pooled");
      assertThat(pooled.getLong("missing")).as(name).isEqualTo(want.getLong("missing"));
      assertThat(pooled.getJsonArray("levels")).hasSize(want.getJsonObject("levels").size());
      for (Object o : pooled.getJsonArray("levels")) {
        JsonObject l = (JsonObject) o;
        JsonObject w = want.getJsonObject("levels").getJsonObject(l.getString("level"));
        assertThat(l.getLong("n")).as(name + " " + l.getString("level")).isEqualTo(w.getLong("n"));
        assertThat(l.getBoolean("partial")).isFalse();
        close(l.getDouble("targetMean"), w.getDouble("meanLgd"), 1e-12, name + " mean LGD of " + l.getString("level"));
      }
    }
  }

  @Test
  @DisplayName("over HTTP: pooled counts, missing counts, means and SDs equal pandas to 1e-12, quantiles lie between "
      + "numpy's at the ranks the loans held back allow, each server's figures equal pandas on its file, and the mean LGD by level equals pandas' groupby")
  void pooledEqualsPandas(Vertx vertx, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx);
    servers(vertx).compose(urls -> new Describing(urls.stream().<ModelServerClient>map(u ->
            new HttpModelServerClient(client, u)).toList(), null, 100, 10_000).run())
        .onComplete(ctx.succeeding(d -> ctx.verify(() -> {
          matchesPandas(d);
          assertThat(d.getString("target")).isNull();
          assertThat(d.getJsonArray("servers").getJsonObject(0).getString("target")).isEqualTo("LGD");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the describe command (--json and the console tables) and the dashboard's GET /api/describe give the "
      + "same description; bad --bins and a server listed twice are usage errors, bad bins a 400, a server that is down "
      + "is left out")
  void commandAndDashboard(Vertx vertx, VertxTestContext ctx, @TempDir Path runs) {
    WebClient client = WebClient.create(vertx);
    DashboardVerticle dashboard = new DashboardVerticle();
    servers(vertx).compose(urls -> vertx.deployVerticle(dashboard, new DeploymentOptions().setConfig(new JsonObject()
            .put("port", 0).put("servers", String.join(",", urls)).put("runs-dir", runs.toString()))).map(x -> urls))
        .compose(urls -> {
          String base = "http://127.0.0.1:" + dashboard.actualPort();
          return Future.all(client.getAbs(base + "/api/describe").send(), client.getAbs(base + "/api/describe?bins=0").send(),
                  Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> List.of(
                      CliRunner.cli("describe", "--json", "--servers", String.join(",", urls)),
                      CliRunner.cli("describe", "--servers", String.join(",", urls)),
                      CliRunner.cli("describe", "--bins", "0", "--servers", urls.get(0)),
                      CliRunner.cli("describe", "--servers", urls.get(0) + "," + urls.get(0)),
                      CliRunner.cli("describe", "--json", "--servers", urls.get(0) + ",http://127.0.0.1:1")))))
              .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                HttpResponse<?> api = all.resultAt(0);
                assertThat(api.statusCode()).isEqualTo(200);
                matchesPandas(api.bodyAsJsonObject());
                assertThat(all.<HttpResponse<?>>resultAt(1).statusCode()).isEqualTo(400);
                assertThat(all.<HttpResponse<?>>resultAt(1).bodyAsJsonObject().getString("error")).contains("bins");
                List<CliRunner.Run> cli = all.resultAt(2);
                assertThat(cli.get(0).code()).as(cli.get(0).err()).isZero();
                JsonObject json = new JsonObject(cli.get(0).out().strip());
                JsonObject fromApi = api.bodyAsJsonObject();
                assertThat(json.getJsonArray("numbers")).isEqualTo(fromApi.getJsonArray("numbers"));
                assertThat(json.getJsonArray("categories")).isEqualTo(fromApi.getJsonArray("categories"));
                assertThat(cli.get(1).out()).contains("4 servers, 6000 rows").contains("median")
                    .contains("  pooled                   6000        0").contains("real_estate              2184");
                assertThat(cli.get(2).code()).isEqualTo(2);
                assertThat(cli.get(2).err()).contains("bins");
                assertThat(cli.get(3).code()).isEqualTo(2); // one server twice would count its rows twice
                assertThat(cli.get(3).err()).contains("listed twice");
                assertThat(cli.get(4).code()).isEqualTo(1);
                JsonObject partial = new JsonObject(cli.get(4).out().strip());
                assertThat(partial.getJsonArray("servers")).hasSize(1);
                assertThat(partial.getJsonArray("leftOut").getJsonObject(0).getString("reason")).contains("cannot connect");
                ctx.completeNow();
              })));
        });
  }
}
