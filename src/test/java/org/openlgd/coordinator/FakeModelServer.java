package org.openlgd.coordinator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted model server: it holds no data, reports {@code n} rows of columns Y ~ a + b, and answers epoch e with
 * {@code base + e * step}. It records every body posted to /update. {@code delayMs} makes it slow.
 */
final class FakeModelServer extends VerticleBase {
  final long n;
  final double[] base;
  final double step;
  final long delayMs;
  final List<JsonObject> posted = new CopyOnWriteArrayList<>();
  int port;

  FakeModelServer(long n, double[] base, double step, long delayMs) {
    this.n = n;
    this.base = base;
    this.step = step;
    this.delayMs = delayMs;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  double[] answer(int epoch) {
    double[] out = base.clone();
    for (int j = 0; j < out.length; j++) {
      out[j] += epoch * step;
    }
    return out;
  }

  @Override
  public Future<?> start() {
    Router r = Router.router(vertx);
    r.get("/").handler(ctx -> ctx.json(new JsonObject().put("message", "fake").put("id", port).put("n", n)
        .put("target", "Y").put("features", new JsonArray().add("a").add("b"))));
    r.get("/start").handler(ctx -> {
      if ("ols".equals(ctx.queryParams().get("model"))) {
        // a well-formed R factor of [1, a, b, y], so that the coordinator's exact reference round works
        double[][] rf = {{Math.sqrt(n), 0, 0, 1}, {0, 1, 0, 1}, {0, 0, 1, 1}, {0, 0, 0, 1}};
        ctx.json(org.openlgd.api.Wire.estimate(port, new org.openlgd.model.LocalEstimate(org.openlgd.model.Model.OLS, n, 0,
            null, rf), "Y", java.util.List.of("a", "b")));
        return;
      }
      reply(ctx, 0);
    });
    r.post("/update").handler(BodyHandler.create()).handler(ctx -> {
      JsonObject body = ctx.body().asJsonObject();
      posted.add(body);
      reply(ctx, body.getInteger("epoch"));
    });
    r.post("/validate").handler(BodyHandler.create()).handler(ctx -> {
      long[][] table = new long[org.openlgd.stats.Validation.BUCKETS][org.openlgd.stats.Validation.BUCKETS];
      table[0][0] = n;
      ctx.json(org.openlgd.api.Wire.validation(port, new org.openlgd.stats.Validation.Sums(n, 0, 0, 0, 0, 0, 0, table)));
    });
    return vertx.createHttpServer().requestHandler(r).listen(0, "127.0.0.1").onSuccess(s -> port = s.actualPort());
  }

  private void reply(io.vertx.ext.web.RoutingContext ctx, int epoch) {
    double[] b = answer(epoch);
    JsonObject out = new JsonObject().put("intercept", b[0])
        .put("coefficients", new JsonObject().put("a", b[1]).put("b", b[2])).put("n", n).put("model", "sgd").put("epoch", epoch);
    if (delayMs > 0) {
      vertx.setTimer(delayMs, t -> ctx.json(out));
    } else {
      ctx.json(out);
    }
  }
}
