package org.openlgd.datanode;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openlgd.TestServers;
import org.openlgd.data.CsvLoader;
import org.openlgd.stats.LeastSquares;

@ExtendWith(VertxExtension.class)
@DisplayName("Data node and the openNPL data source")
class DataNodeTest {

  @Test
  @DisplayName("a model server reading a data node (paged, renamed fields) fits exactly what the CSV gives")
  void serverFromDataNode(Vertx vertx, VertxTestContext ctx) throws Exception {
    double[] direct = LeastSquares.fit(CsvLoader.load(Path.of("data/regression_data.csv"), null, List.of())).coefficients();
    DataNodeVerticle node = new DataNodeVerticle();
    JsonObject nodeConf = new JsonObject().put("port", 0).put("data", "data/regression_data.csv").put("page-size", 700)
        .put("fields", "X=current_assets,Y=cash_and_cash_equivalent_items");
    WebClient client = WebClient.create(vertx);
    vertx.deployVerticle(node, new DeploymentOptions().setConfig(nodeConf))
        .compose(id -> TestServers.deploy(vertx, new JsonObject().put("id", 1)
            .put("data", "http://127.0.0.1:" + node.actualPort()).put("fetch-concurrency", 8)))
        .compose(url -> client.getAbs(url + "/start?model=ols").send())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          JsonObject j = r.bodyAsJsonObject();
          assertThat(j.getLong("n")).isEqualTo(2400);
          assertThat(j.getDouble("intercept")).isEqualTo(direct[0]);
          assertThat(j.getJsonObject("coefficients").getDouble("current_assets")).isEqualTo(direct[1]);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("text fields and missing values pass through a data node: a server with a formula and weights reading it "
      + "answers exactly as one reading the CSV")
  void categoricalThroughDataNode(Vertx vertx, VertxTestContext ctx) {
    DataNodeVerticle node = new DataNodeVerticle();
    JsonObject model = new JsonObject().put("formula", "LGD ~ ltv + C(collateral) + log(ead) + facility")
        .put("weights", "ead");
    WebClient client = WebClient.create(vertx);
    String[] csv = new String[1];
    vertx.deployVerticle(node, new DeploymentOptions().setConfig(new JsonObject().put("port", 0)
            .put("data", "data/categorical/bank4.csv").put("page-size", 100)))
        .compose(id -> TestServers.deploy(vertx, model.copy().put("id", 1).put("data", "data/categorical/bank4.csv")))
        .compose(url -> {
          csv[0] = url;
          return TestServers.deploy(vertx, model.copy().put("id", 2).put("data", "http://127.0.0.1:" + node.actualPort())
              .put("fetch-concurrency", 8));
        })
        .compose(url -> Future.all(client.getAbs(csv[0] + "/start?model=ols").send(),
            client.getAbs(url + "/start?model=ols").send()))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonObject a = both.<HttpResponse<Buffer>>resultAt(0).bodyAsJsonObject();
          JsonObject b = both.<HttpResponse<Buffer>>resultAt(1).bodyAsJsonObject();
          assertThat(a.getLong("n")).isEqualTo(527);
          assertThat(b.getLong("n")).isEqualTo(527);
          assertThat(b.getJsonObject("coefficients").fieldNames()).contains("C(collateral)[T.none]", "facility[T.revolver]");
          assertThat(b.getJsonObject("coefficients")).isEqualTo(a.getJsonObject("coefficients"));
          assertThat(b.getDouble("intercept")).isEqualTo(a.getDouble("intercept"));
          ctx.completeNow();
        })));
  }
}
