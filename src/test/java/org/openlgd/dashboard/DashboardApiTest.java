package org.openlgd.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.TestServers;

@ExtendWith(VertxExtension.class)
@DisplayName("Dashboard REST API")
class DashboardApiTest {

  @Test
  @DisplayName("POST /api/runs starts a run on a chosen subset; bad requests get 400, unknown runs 404; runs are listed")
  void api(Vertx vertx, VertxTestContext ctx, @TempDir Path runs) {
    WebClient client = WebClient.create(vertx);
    DashboardVerticle d = new DashboardVerticle();
    String[] urls = new String[2];
    PageClient[] page = new PageClient[1];
    TestServers.deploy(vertx, "data/bank1.csv", 1)
        .compose(u -> {
          urls[0] = u;
          return TestServers.deploy(vertx, "data/bank2.csv", 2);
        })
        .compose(u -> {
          urls[1] = u;
          return vertx.deployVerticle(d, new DeploymentOptions().setConfig(new JsonObject().put("port", 0)
              .put("servers", urls[0] + "," + urls[1]).put("runs-dir", runs.toString())));
        })
        .compose(x -> {
          page[0] = new PageClient(vertx, "http://127.0.0.1:" + d.actualPort());
          return page[0].get("/");
        })
        .compose(x -> {
          String base = "http://127.0.0.1:" + d.actualPort();
          return Future.all(
                  page[0].post("/api/runs", new JsonObject().put("model", "probit")),
                  page[0].post("/api/runs", Buffer.buffer("[1,2")),
                  client.getAbs(base + "/api/runs/run-nope").send(),
                  client.getAbs(base + "/api/servers").send())
              .compose(bad -> {
                ctx.verify(() -> {
                  HttpResponse<?> probit = bad.resultAt(0);
                  assertThat(probit.statusCode()).isEqualTo(400);
                  assertThat(probit.bodyAsJsonObject().getString("error")).contains("probit");
                  assertThat(bad.<HttpResponse<?>>resultAt(1).statusCode()).isEqualTo(400);
                  assertThat(bad.<HttpResponse<?>>resultAt(2).statusCode()).isEqualTo(404);
                  JsonArray servers = bad.<HttpResponse<?>>resultAt(3).bodyAsJsonArray();
                  assertThat(servers).hasSize(2);
                  assertThat(servers.getJsonObject(0).getString("status")).isEqualTo("up");
                });
                return page[0].post("/api/runs", new JsonObject().put("model", "ols")
                    .put("servers", new JsonArray().add(urls[1])));
              })
              .compose(started -> {
                ctx.verify(() -> assertThat(started.statusCode()).isEqualTo(202));
                String id = started.bodyAsJsonObject().getString("id");
                return poll(vertx, client, base + "/api/runs/" + id, 50)
                    .compose(run -> client.getAbs(base + "/api/runs").send().map(list -> new JsonArray()
                        .add(run).add(list.bodyAsJsonArray())));
              });
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonObject run = both.getJsonObject(0);
          assertThat(run.getString("status")).isEqualTo("succeeded");
          assertThat(run.getJsonObject("result").getLong("n")).isEqualTo(1800);
          assertThat(run.getJsonArray("rounds")).hasSize(1);
          assertThat(both.getJsonArray(1).getJsonObject(0).getString("id")).isEqualTo(run.getString("id"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a run with a formula and weights from the dashboard: the run shows the design and patsy's column names")
  void formulaRun(Vertx vertx, VertxTestContext ctx, @TempDir Path runs) {
    WebClient client = WebClient.create(vertx);
    DashboardVerticle d = new DashboardVerticle();
    PageClient[] page = new PageClient[1];
    TestServers.deploy(vertx, "data/bank1.csv", 1)
        .compose(u -> vertx.deployVerticle(d, new DeploymentOptions().setConfig(new JsonObject().put("port", 0)
            .put("servers", u).put("runs-dir", runs.toString()))))
        .compose(x -> {
          page[0] = new PageClient(vertx, "http://127.0.0.1:" + d.actualPort());
          return page[0].get("/");
        })
        .compose(x -> page[0].post("/api/runs", new JsonObject().put("model", "fractional-logit")
            .put("formula", "LGD ~ ltv + I(ltv ** 2) + C(senior)").put("weights", "months_in_default")))
        .compose(started -> poll(vertx, client, "http://127.0.0.1:" + d.actualPort() + "/api/runs/"
            + started.bodyAsJsonObject().getString("id"), 50))
        .onComplete(ctx.succeeding(run -> ctx.verify(() -> {
          assertThat(run.getString("status")).as(run.encode()).isEqualTo("succeeded");
          JsonObject design = run.getJsonObject("design");
          assertThat(design.getString("formula")).isEqualTo("LGD ~ ltv + I(ltv ** 2) + C(senior)");
          assertThat(design.getString("weights")).isEqualTo("months_in_default");
          assertThat(design.getJsonArray("categoricals").getJsonObject(0).getString("factor")).isEqualTo("C(senior)");
          assertThat(run.getJsonArray("parameters")).containsExactly("intercept", "C(senior)[T.1]", "ltv", "I(ltv ** 2)");
          assertThat(run.getJsonObject("result").getJsonObject("coefficients").fieldNames()).contains("I(ltv ** 2)");
          ctx.completeNow();
        })));
  }

  /** GET {@code url} every 100 ms until the run is no longer running (at most {@code tries} times). */
  private static Future<JsonObject> poll(Vertx vertx, WebClient client, String url, int tries) {
    return client.getAbs(url).send().compose(r -> {
      JsonObject run = r.bodyAsJsonObject();
      if (!"running".equals(run.getString("status")) || tries <= 0) {
        return Future.succeededFuture(run);
      }
      return vertx.timer(100).compose(t -> poll(vertx, client, url, tries - 1));
    });
  }
}
