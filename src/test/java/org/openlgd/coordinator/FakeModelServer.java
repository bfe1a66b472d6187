package org.openlgd.coordinator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.openlgd.api.EstimateCodec;
import org.openlgd.api.RoundTag;
import org.openlgd.api.ValidationCodec;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.stats.Validation;

/**
 * A scripted model server: it holds no data, reports {@code n} rows of columns Y ~ a + b, and answers epoch e with
 * {@code base + e * step}. It records every body posted to /update. {@code delayMs} makes it slow; {@link #echo}
 * says what it puts in its replies' run and round fields (a well-behaved server echoes the request's).
 */
final class FakeModelServer extends VerticleBase {
  /** How the fake tags its replies. */
  enum Echo { CORRECT, PREVIOUS_ROUND, OTHER_RUN, NONE }

  final long n;
  final double[] base;
  final double step;
  final long delayMs;
  final List<JsonObject> posted = new CopyOnWriteArrayList<>();
  volatile Echo echo = Echo.CORRECT;
  /** The next {@code failNext} requests (after the liveness check) get HTTP {@code failStatus}. */
  volatile int failNext;
  volatile int failStatus = 503;
  final AtomicInteger requests = new AtomicInteger();
  /** The port it listens on: 0 (any free one) until deployed, unless set before. */
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
    r.route().handler(ctx -> {
      if (!ctx.request().path().equals("/")) {
        requests.incrementAndGet();
        if (failNext > 0) {
          failNext--;
          ctx.response().setStatusCode(failStatus).putHeader("content-type", "application/json")
              .end(new JsonObject().put("error", "scripted failure").encode());
          return;
        }
      }
      ctx.next();
    });
    r.get("/").handler(ctx -> ctx.json(new JsonObject().put("message", "fake").put("id", port).put("n", n)
        .put("target", "Y").put("features", new JsonArray().add("a").add("b"))));
    r.get("/start").handler(ctx -> {
      String run = ctx.queryParams().get("run");
      String round = ctx.queryParams().get("round");
      if ("ols".equals(ctx.queryParams().get("model"))) {
        // a well-formed R factor of [1, a, b, y], so that the coordinator's exact reference round works
        double[][] rf = {{Math.sqrt(n), 0, 0, 1}, {0, 1, 0, 1}, {0, 0, 1, 1}, {0, 0, 0, 1}};
        send(ctx, tag(EstimateCodec.encode(port, new LocalEstimate(Model.OLS, n, 0, null, rf), "Y", List.of("a", "b")), run, round));
        return;
      }
      reply(ctx, 0, run, round);
    });
    r.post("/update").handler(BodyHandler.create()).handler(ctx -> {
      JsonObject body = ctx.body().asJsonObject();
      posted.add(body);
      reply(ctx, body.getInteger("epoch"), body.getString("run"), String.valueOf(body.getValue("round")));
    });
    r.post("/validate").handler(BodyHandler.create()).handler(ctx -> {
      JsonObject body = ctx.body().asJsonObject();
      long[][] table = new long[Validation.BUCKETS][Validation.BUCKETS];
      table[0][0] = n;
      send(ctx, tag(ValidationCodec.encode(port, new Validation.Sums(n, 0, 0, 0, 0, 0, 0, table)), body.getString("run"),
          String.valueOf(body.getValue("round"))));
    });
    return vertx.createHttpServer().requestHandler(r).listen(port, "127.0.0.1").onSuccess(s -> port = s.actualPort());
  }

  private JsonObject tag(JsonObject out, String run, String round) {
    long rd = round == null || round.equals("null") ? -1 : Long.parseLong(round);
    return switch (echo) {
      case CORRECT -> new RoundTag(run, rd).putInto(out);
      case PREVIOUS_ROUND -> new RoundTag(run, Math.max(0, rd - 1)).putInto(out);
      case OTHER_RUN -> new RoundTag("run-someone-else", rd).putInto(out);
      case NONE -> out;
    };
  }

  private void reply(RoutingContext ctx, int epoch, String run, String round) {
    double[] b = answer(epoch);
    JsonObject out = new JsonObject().put("intercept", b[0])
        .put("coefficients", new JsonObject().put("a", b[1]).put("b", b[2])).put("n", n).put("model", "sgd").put("epoch", epoch);
    send(ctx, tag(out, run, round));
  }

  private void send(RoutingContext ctx, JsonObject out) {
    if (delayMs > 0) {
      vertx.setTimer(delayMs, t -> ctx.json(out));
    } else {
      ctx.json(out);
    }
  }
}
