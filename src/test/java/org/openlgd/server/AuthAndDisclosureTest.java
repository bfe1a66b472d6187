package org.openlgd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.TestServers;
import org.openlgd.api.Addresses;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.RunListener;

@ExtendWith(VertxExtension.class)
@DisplayName("Authentication and disclosure control")
class AuthAndDisclosureTest {

  private static Future<String> coordinate(Vertx vertx, JsonObject conf) {
    CoordinatorVerticle c = new CoordinatorVerticle(RunListener.NONE);
    return vertx.deployVerticle(c, new DeploymentOptions().setConfig(conf)).compose(id -> c.result().map(r -> "ok"));
  }

  @Test
  @DisplayName("with a token: liveness stays open, data endpoints need the bearer token (401 otherwise), the coordinator presents it")
  void bearerToken(Vertx vertx, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx);
    JsonObject conf = new JsonObject().put("data", "data/bank1.csv").put("id", 1).put("token", "s3cret");
    TestServers.deploy(vertx, conf).compose(url -> Future.join(
            client.getAbs(url + "/").send(),
            client.getAbs(url + "/start").send(),
            client.getAbs(url + "/start").bearerTokenAuthentication("wrong").send(),
            client.getAbs(url + "/start").bearerTokenAuthentication("s3cret").send())
        .compose(all -> {
          ctx.verify(() -> {
            assertThat(all.<HttpResponse<?>>resultAt(0).statusCode()).isEqualTo(200);
            HttpResponse<?> none = all.resultAt(1);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(none.bodyAsJsonObject().getString("error")).contains("bearer token");
            assertThat(all.<HttpResponse<?>>resultAt(2).statusCode()).isEqualTo(401);
            assertThat(all.<HttpResponse<?>>resultAt(3).statusCode()).isEqualTo(200);
          });
          return coordinate(vertx, new JsonObject().put("servers", url).put("model", "ols").put("token", "s3cret"))
              .compose(ok -> coordinate(vertx, new JsonObject().put("servers", url).put("model", "ols")).transform(ar ->
                  Future.succeededFuture(ar.failed() ? ar.cause().getMessage() : "no failure")));
        }))
        .onComplete(ctx.succeeding(withoutToken -> ctx.verify(() -> {
          assertThat(withoutToken).contains("HTTP 401").contains("bearer token");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("closed liveness, and the event bus, need the token too")
  void closedLivenessAndEventBus(Vertx vertx, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx);
    ModelServerVerticle v = new ModelServerVerticle();
    JsonObject conf = new JsonObject().put("port", 0).put("data", "data/bank1.csv").put("token", "t").put("open-liveness", false);
    vertx.deployVerticle(v, new DeploymentOptions().setConfig(conf))
        .compose(id -> client.getAbs("http://127.0.0.1:" + v.actualPort() + "/").send())
        .compose(hello -> {
          ctx.verify(() -> assertThat(hello.statusCode()).isEqualTo(401));
          return vertx.eventBus().<JsonObject>request(Addresses.server(v.key(), Addresses.START), new JsonObject().put("model", "ols"))
              .transform(ar -> {
                ctx.verify(() -> assertThat(((ReplyException) ar.cause()).failureCode()).isEqualTo(401));
                return vertx.eventBus().<JsonObject>request(Addresses.server(v.key(), Addresses.START),
                    new JsonObject().put("model", "ols"), new DeliveryOptions().addHeader("authorization", "Bearer t"));
              });
        })
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.body().getLong("n")).isEqualTo(2400);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("every disclosure rule refuses with 403 naming it: min rows, parameters per row, binary category counts")
  void disclosureRules(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
    Path few = dir.resolve("few.csv");
    Files.writeString(few, "Y,x\n0.1,1\n0.2,2\n0.3,3\n0.4,4\n0.5,5\n");
    StringBuilder wide = new StringBuilder("Y,a,b,c,d\n");
    StringBuilder rare = new StringBuilder("Y,x,flag\n");
    for (int i = 0; i < 12; i++) {
      wide.append(0.05 * i).append(',').append(i).append(',').append(i * i % 7).append(',').append(i % 3).append(',').append(i % 5).append('\n');
      rare.append(0.05 * i).append(',').append(i).append(',').append(i < 2 ? 1 : 0).append('\n');
    }
    Files.writeString(dir.resolve("wide.csv"), wide);
    Files.writeString(dir.resolve("rare.csv"), rare);
    WebClient client = WebClient.create(vertx);
    Future.all(
            TestServers.deploy(vertx, new JsonObject().put("data", few.toString())),
            TestServers.deploy(vertx, new JsonObject().put("data", dir.resolve("wide.csv").toString())),
            TestServers.deploy(vertx, new JsonObject().put("data", dir.resolve("rare.csv").toString())))
        .compose(urls -> Future.all(List.of(
            client.getAbs(urls.<String>resultAt(0) + "/start?model=ols").send(),
            client.getAbs(urls.<String>resultAt(1) + "/start?model=ols").send(),
            client.getAbs(urls.<String>resultAt(2) + "/start?model=ols").send())))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<?> a = all.resultAt(0);
          HttpResponse<?> b = all.resultAt(1);
          HttpResponse<?> c = all.resultAt(2);
          assertThat(a.statusCode()).isEqualTo(403);
          assertThat(a.bodyAsJsonObject().getString("error")).contains("min-rows").contains("at least 10 rows");
          assertThat(b.statusCode()).isEqualTo(403);
          assertThat(b.bodyAsJsonObject().getString("error")).contains("max-parameter-ratio");
          assertThat(c.statusCode()).isEqualTo(403);
          assertThat(c.bodyAsJsonObject().getString("error")).contains("min-category-count").contains("'flag'");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the audit file gets one JSON line per data request: time, caller, operation, run, round, rows, result")
  void auditFile(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    Path audit = dir.resolve("audit.jsonl");
    WebClient client = WebClient.create(vertx);
    JsonObject conf = new JsonObject().put("data", "data/bank1.csv").put("id", 7).put("token", "s3cret")
        .put("audit-file", audit.toString());
    TestServers.deploy(vertx, conf).compose(url -> client.getAbs(url + "/start?model=ols&run=run-abc&round=3")
            .bearerTokenAuthentication("s3cret").send()
            .compose(ok -> client.getAbs(url + "/start?run=run-abc&round=4").send())
            .compose(refused -> client.postAbs(url + "/update").bearerTokenAuthentication("s3cret")
                .sendJsonObject(new JsonObject().put("intercept", 0.1).put("run", "run-abc").put("round", 5))))
        .compose(badRequest -> vertx.undeploy(vertx.deploymentIDs().iterator().next()))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          List<JsonObject> lines = Files.readAllLines(audit).stream().map(JsonObject::new).toList();
          assertThat(lines).hasSize(3);
          JsonObject ok = lines.get(0);
          assertThat(ok.getString("time")).isNotBlank();
          assertThat(ok.getString("caller")).startsWith("127.0.0.1:");
          assertThat(ok.getInteger("server")).isEqualTo(7);
          assertThat(ok.getString("operation")).isEqualTo("GET /start");
          assertThat(ok.getString("run")).isEqualTo("run-abc");
          assertThat(ok.getLong("round")).isEqualTo(3);
          assertThat(ok.getLong("rows")).isEqualTo(2400);
          assertThat(ok.getInteger("status")).isEqualTo(200);
          assertThat(lines.get(1).getInteger("status")).isEqualTo(401);
          assertThat(lines.get(1).getLong("round")).isEqualTo(4);
          assertThat(lines.get(1).getValue("rows")).isNull();
          assertThat(lines.get(2).getInteger("status")).isEqualTo(400);
          assertThat(lines.get(2).getLong("round")).isEqualTo(5);
          assertThat(lines.get(2).getString("detail")).isNotBlank();
          ctx.completeNow();
        })));
  }
}
