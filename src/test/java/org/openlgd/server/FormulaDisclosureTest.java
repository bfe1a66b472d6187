package org.openlgd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openlgd.TestServers;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.RunListener;

@ExtendWith(VertxExtension.class)
@DisplayName("Disclosure rules on the design matrix, and which formulas a server takes")
class FormulaDisclosureTest {
  /** In data/categorical/bank1.csv exactly one row has ltv 1.0533. */
  private static final String SINGLING_OUT = "LGD ~ ltv + I(ltv == 1.0533)";
  private static final String TERM = "I(ltv == 1.0533)";

  private static Future<String> coordinate(Vertx vertx, JsonObject conf) {
    CoordinatorVerticle c = new CoordinatorVerticle(RunListener.NONE);
    return vertx.deployVerticle(c, new DeploymentOptions().setConfig(conf)).compose(id -> c.result())
        .transform(ar -> Future.succeededFuture(ar.failed() ? ar.cause().getMessage() : "no failure"));
  }

  private static Future<List<String>> servers(Vertx vertx, JsonObject extra) {
    List<Future<String>> urls = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      urls.add(TestServers.deploy(vertx, extra.copy().put("data", "data/categorical/bank" + k + ".csv").put("id", k)));
    }
    return Future.all(urls).map(all -> all.list());
  }

  @Test
  @DisplayName("a formula singling out one row is refused (403) naming the term, in the levels round and at a start "
      + "that skips it; no reply carries anything but the error, and a run fails naming the term")
  void singlingOutRefused(Vertx vertx, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx);
    JsonObject design = new JsonObject().put("formula", SINGLING_OUT);
    JsonObject skipping = new JsonObject().put("model", "ols").put("design", design.copy().put("levels",
        new JsonObject().put(TERM, new JsonArray().add(false).add(true))));
    servers(vertx, new JsonObject()).compose(urls -> Future.all(
            client.postAbs(urls.get(0) + "/levels").sendJsonObject(design.copy().put("run", "r1").put("round", 1)),
            client.postAbs(urls.get(0) + "/start").sendJsonObject(skipping),
            coordinate(vertx, new JsonObject().put("servers", String.join(",", urls)).put("model", "ols")
                .put("formula", SINGLING_OUT)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<?> levels = all.resultAt(0);
          HttpResponse<?> start = all.resultAt(1);
          for (HttpResponse<?> r : List.of(levels, start)) {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.bodyAsJsonObject().fieldNames()).containsExactly("error");
            assertThat(r.bodyAsJsonObject().getString("error")).contains("min-category-count").contains(TERM)
                .doesNotContain("1 row").doesNotContain("ones");
          }
          assertThat(start.bodyAsJsonObject().getString("error")).contains(TERM + "[T.True]");
          assertThat(all.<String>resultAt(2)).contains("levels").contains("403").contains(TERM);
          ctx.completeNow();
        }))));
  }

  @Test
  @DisplayName("--formulas off refuses any formula, main-effects refuses interactions and I(...); full takes them")
  void formulasPolicy(Vertx vertx, VertxTestContext ctx) {
    String interaction = "LGD ~ ltv + C(collateral) + senior:ltv";
    String main = "LGD ~ ltv + log(ead) + C(collateral)";
    Future<List<String>> off = servers(vertx, new JsonObject().put("formulas", "off"));
    Future<List<String>> mainOnly = servers(vertx, new JsonObject().put("formulas", "main-effects"));
    Future.all(off, mainOnly).compose(x -> Future.all(
            coordinate(vertx, conf(off.result(), main)),
            coordinate(vertx, conf(mainOnly.result(), interaction)),
            coordinate(vertx, conf(mainOnly.result(), main))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<String>resultAt(0)).contains("403").contains("--formulas off");
          assertThat(all.<String>resultAt(1)).contains("403").contains("--formulas main-effects");
          assertThat(all.<String>resultAt(2)).isEqualTo("no failure");
          ctx.completeNow();
        })));
  }

  private static JsonObject conf(List<String> urls, String formula) {
    return new JsonObject().put("servers", String.join(",", urls)).put("model", "ols").put("formula", formula);
  }
}
