package org.openlgd.server;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openlgd.TestServers;

@ExtendWith(VertxExtension.class)
@DisplayName("Model server HTTP API")
class ModelServerVerticleTest {
  private WebClient client;
  private String url;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    client = WebClient.create(vertx);
    TestServers.deploy(vertx, "data/regression_data.csv", 1)
        .onComplete(ctx.succeeding(u -> {
          url = u;
          ctx.completeNow();
        }));
  }

  @Test
  @DisplayName("an original openLGD client gets the original shapes: GET /, GET /start, POST /update")
  void upstreamClient(VertxTestContext ctx) {
    client.getAbs(url + "/").send()
        .compose(hello -> {
          ctx.verify(() -> {
            assertThat(hello.statusCode()).isEqualTo(200);
            JsonObject j = hello.bodyAsJsonObject();
            assertThat(j.getString("message")).isEqualTo("Hello Federated Credit Risk Models!");
            assertThat(j.getString("from server")).isEqualTo(url.substring("http://".length()));
            assertThat(j.getLong("n")).isEqualTo(2400);
            assertThat(j.getJsonArray("features").getList()).containsExactly("X");
          });
          return client.getAbs(url + "/start").send();
        })
        .compose(start -> {
          JsonObject j = start.bodyAsJsonObject();
          ctx.verify(() -> {
            assertThat(start.statusCode()).isEqualTo(200);
            assertThat(start.getHeader("content-type")).isEqualTo("application/json");
            assertThat(j.getValue("intercept")).isInstanceOf(Double.class);
            assertThat(j.getValue("coefficient")).isInstanceOf(Double.class);
          });
          JsonObject posted = new JsonObject().put("intercept", j.getDouble("intercept")).put("coefficient", j.getDouble("coefficient"));
          return client.postAbs(url + "/update").putHeader("Content-Type", "application/json").sendJsonObject(posted);
        })
        .onComplete(ctx.succeeding(update -> ctx.verify(() -> {
          assertThat(update.statusCode()).isEqualTo(200);
          JsonObject j = update.bodyAsJsonObject();
          assertThat(j.getValue("intercept")).isInstanceOf(Double.class);
          assertThat(j.getValue("coefficient")).isInstanceOf(Double.class);
          assertThat(j.getDouble("coefficient")).isBetween(0.2, 0.5);
          assertThat(j.getLong("n")).isEqualTo(2400);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an OLS start returns the local fit and the R factor")
  void olsStart(VertxTestContext ctx) {
    client.getAbs(url + "/start?model=ols").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.statusCode()).isEqualTo(200);
      JsonObject j = r.bodyAsJsonObject();
      assertThat(j.getString("model")).isEqualTo("ols");
      assertThat(j.getJsonArray("r").size()).isEqualTo(3);
      assertThat(j.getJsonArray("columns").getList()).containsExactly("intercept", "X", "Y");
      assertThat(j.getDouble("coefficient")).isCloseTo(0.34024, Offset.offset(1e-4));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("bad requests get 4xx with a JSON error, and the server keeps answering")
  void badRequests(Vertx vertx, VertxTestContext ctx) {
    String[][] bodies = {
        {"{not json", "not valid JSON"},
        {"", "empty"},
        {"[1,2]", "JSON object"},
        {"42", "JSON object"},
        {"{\"coefficient\":0.1}", "intercept"},
        {"{\"intercept\":0.1}", "coefficient"},
        {"{\"intercept\":\"a\",\"coefficient\":0.1}", "must be a number"},
        {"{\"intercept\":0.1,\"coefficient\":[1,2,3]}", "expected 1"},
        {"{\"intercept\":NaN,\"coefficient\":0.1}", "not valid JSON"},
        {"{\"intercept\":Infinity,\"coefficient\":0.1}", "not valid JSON"},
        {"{\"intercept\":1e999,\"coefficient\":0.1}", "finite"},
        {"{\"intercept\":0.1,\"coefficient\":-1e309}", "finite"},
        {"{\"intercept\":0.1,\"coefficient\":0.1,\"model\":\"nope\"}", "unknown model"},
        {"{\"intercept\":0.1,\"coefficients\":{\"Q\":1}}", "unknown feature"},
    };
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (String[] b : bodies) {
      sent.add(client.postAbs(url + "/update").sendBuffer(Buffer.buffer(b[0])));
    }
    Future<HttpResponse<Buffer>> big = client.postAbs(url + "/update").sendBuffer(Buffer.buffer("{\"x\":\"" + "a".repeat(100_000) + "\"}"));
    Future<HttpResponse<Buffer>> badModel = client.getAbs(url + "/start?model=probit").send();
    Future<HttpResponse<Buffer>> noRoute = client.getAbs(url + "/nope").send();
    Future<HttpResponse<Buffer>> wrongMethod = client.getAbs(url + "/update").send();
    Future.join(new ArrayList<>(sent)).compose(x -> Future.join(big, badModel, noRoute, wrongMethod))
        .compose(x -> {
          ctx.verify(() -> {
            for (int i = 0; i < bodies.length; i++) {
              HttpResponse<Buffer> r = sent.get(i).result();
              assertThat(r.statusCode()).as(bodies[i][0]).isEqualTo(400);
              assertThat(r.bodyAsJsonObject().getString("error")).as(bodies[i][0]).containsIgnoringCase(bodies[i][1]);
            }
            assertThat(big.result().statusCode()).isEqualTo(413);
            assertThat(big.result().bodyAsJsonObject().getString("error")).contains("larger than");
            assertThat(badModel.result().statusCode()).isEqualTo(400);
            assertThat(badModel.result().bodyAsJsonObject().getString("error")).contains("probit");
            assertThat(noRoute.result().statusCode()).isEqualTo(404);
            assertThat(noRoute.result().bodyAsJsonObject().getString("error")).contains("/nope");
            assertThat(wrongMethod.result().statusCode()).isEqualTo(405);
            assertThat(wrongMethod.result().bodyAsJsonObject().containsKey("error")).isTrue();
          });
          return client.getAbs(url + "/").send()
              .compose(hello -> {
                ctx.verify(() -> assertThat(hello.statusCode()).isEqualTo(200));
                return client.postAbs(url + "/update").sendJsonObject(new JsonObject().put("intercept", 0.2).put("coefficient", 0.3));
              });
        })
        .onComplete(ctx.succeeding(ok -> ctx.verify(() -> {
          assertThat(ok.statusCode()).isEqualTo(200);
          assertThat(ok.bodyAsJsonObject().getDouble("coefficient")).isFinite();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("fractional-logit: start returns score statistics; a target outside [0, 1] is a 422 naming the row")
  void fractionalLogit(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path f = Files.createTempFile("notfractions", ".csv");
    Files.writeString(f, "X,Y\n1,0.5\n2,1.5\n3,0.2\n");
    client.getAbs(url + "/start?model=fractional-logit").send()
        .compose(r -> {
          ctx.verify(() -> {
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject score = r.bodyAsJsonObject().getJsonObject("score");
            assertThat(score.getJsonArray("gradient").size()).isEqualTo(2);
            assertThat(score.getJsonArray("information").size()).isEqualTo(2);
            assertThat(score.getDouble("deviance")).isPositive();
          });
          return TestServers.deploy(vertx, f.toString(), 9);
        })
        .compose(bad -> client.getAbs(bad + "/start?model=fractional-logit").send())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.statusCode()).isEqualTo(422);
          assertThat(r.bodyAsJsonObject().getString("error")).contains("1.5").contains("row 2").contains("[0, 1]");
          Files.deleteIfExists(f);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("POST /reload picks up new rows (count and fingerprint change); a bad file keeps the old data")
  void reload(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path f = Files.createTempFile("reload", ".csv");
    Files.writeString(f, "X,Y\n1,0.5\n2,0.7\n3,0.2\n");
    String[] first = new String[1];
    TestServers.deploy(vertx, f.toString(), 7)
        .compose(u -> client.getAbs(u + "/").send().compose(hello -> {
          first[0] = hello.bodyAsJsonObject().getString("fingerprint");
          ctx.verify(() -> assertThat(hello.bodyAsJsonObject().getLong("n")).isEqualTo(3));
          try {
            Files.writeString(f, "X,Y\n1,0.5\n2,0.7\n3,0.2\n4,0.9\n");
          } catch (IOException e) {
            return Future.failedFuture(e);
          }
          return client.postAbs(u + "/reload").send();
        }).compose(reloaded -> {
          ctx.verify(() -> {
            assertThat(reloaded.statusCode()).isEqualTo(200);
            assertThat(reloaded.bodyAsJsonObject().getLong("n")).isEqualTo(4);
            assertThat(reloaded.bodyAsJsonObject().getString("fingerprint")).hasSize(16).isNotEqualTo(first[0]);
          });
          try {
            Files.writeString(f, "X,Y\n1,oops\n");
          } catch (IOException e) {
            return Future.failedFuture(e);
          }
          return client.postAbs(u + "/reload").send();
        }).compose(bad -> {
          ctx.verify(() -> {
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(bad.bodyAsJsonObject().getString("error")).contains("previous data stay").contains("line 2, column 2");
          });
          return client.getAbs(u + "/").send();
        }))
        .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
          assertThat(after.bodyAsJsonObject().getLong("n")).isEqualTo(4);
          Files.deleteIfExists(f);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a server whose data file is bad fails to deploy with the file, line and column")
  void badData(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path f = Files.createTempFile("bad", ".csv");
    Files.writeString(f, "X,Y\n1,2\n3,x\n");
    vertx.deployVerticle(new ModelServerVerticle(), new DeploymentOptions()
            .setConfig(new JsonObject().put("port", 0).put("data", f.toString())))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e.getMessage()).contains(f.toString()).contains("line 3, column 2");
          Files.deleteIfExists(f);
          ctx.completeNow();
        })));
  }
}
