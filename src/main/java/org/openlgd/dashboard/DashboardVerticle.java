package org.openlgd.dashboard;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.json.schema.Validator;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openlgd.api.Addresses;
import org.openlgd.api.CallContext;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.config.DashboardConfig;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.Discovery;
import org.openlgd.coordinator.HttpModelServerClient;
import org.openlgd.coordinator.RunListener;
import org.openlgd.coordinator.RunRecord;
import org.openlgd.ops.ApiContract;
import org.openlgd.ops.Ops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard: the federation's servers and their status, runs started from the page (each one a
 * {@link CoordinatorVerticle} in this JVM, recorded like any other run), live progress as server-sent events fed
 * from the event bus, and past runs from the run records. A thin adapter: the runs are the coordinator's, the
 * records {@link RunRecord}'s, the listing {@link RunStore}'s; the page ({@code webroot/}) draws the plots.
 */
public final class DashboardVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardVerticle.class);
  private static final long STATUS_TIMEOUT_MS = 3_000;

  private final DashboardConfig given;
  private DashboardConfig cfg;
  private RunStore store;
  private WebClient client;
  private HttpServer http;
  private Router router;
  private Validator runRequests;

  /** A dashboard configured by its deployment's JSON config (keys are the long option names). */
  public DashboardVerticle() {
    this(null);
  }

  public DashboardVerticle(DashboardConfig cfg) {
    this.given = cfg;
  }

  @Override
  public Future<?> start() {
    cfg = given != null ? given : DashboardConfig.from(config(), vertx.isClustered());
    store = new RunStore(Path.of(cfg.runsDir()));
    client = WebClient.create(vertx);
    return ApiContract.requestBody(vertx, "/api/runs", "post")
        .compose(v -> {
          runRequests = v;
          return Access.create(vertx, cfg.users());
        })
        .compose(access -> {
          router = router(access);
          return vertx.createHttpServer().requestHandler(router).listen(cfg.port(), cfg.host());
        })
        .onSuccess(s -> {
          http = s;
          LOG.info("dashboard on http://{}:{}/ ({}; run records in {})", cfg.host(), s.actualPort(),
              cfg.servers().isEmpty() ? "servers discovered in the cluster" : cfg.servers().size() + " servers", cfg.runsDir());
        });
  }

  @Override
  public Future<?> stop() {
    client.close();
    return Future.succeededFuture();
  }

  /** The bound port. */
  public int actualPort() {
    return http.actualPort();
  }

  private Router router(Access access) {
    Router router = Router.router(vertx);
    access.mount(router);
    router.get("/").handler(ctx -> ctx.response().putHeader("content-type", "text/html; charset=utf-8")
        .sendFile("webroot/index.html"));
    router.route("/static/*").handler(StaticHandler.create("webroot/static").setCachingEnabled(false));
    router.get("/api/me").handler(ctx -> json(ctx, 200, new JsonObject().put("login", cfg.users() != null)
        .put("user", ctx.user() == null ? null : ctx.user().subject())));
    router.get("/api/servers").handler(this::servers);
    router.get("/api/describe").handler(new DataDescription(vertx, cfg, client)::handle);
    router.get("/api/runs").handler(this::runs);
    router.post("/api/runs").handler(this::startRun);
    router.get("/api/runs/:id").handler(this::run);
    router.get("/api/events").handler(this::events);
    Ops.mount(router, () -> new JsonObject().put("status", "UP").put("role", "dashboard")
        .put("checks", new JsonObject().put("cluster", vertx.isClustered() ? "joined" : "not clustered")
            .put("runsDir", cfg.runsDir())));
    router.route().failureHandler(this::failure);
    return router;
  }

  /** The routes this dashboard serves, as "METHOD /path". */
  public List<String> routes() {
    return Ops.routes(router);
  }

  private void servers(RoutingContext ctx) {
    if (cfg.servers().isEmpty()) {
      Discovery.find(vertx, 1, STATUS_TIMEOUT_MS, 300).onComplete(ar -> {
        JsonArray out = new JsonArray();
        if (ar.succeeded()) {
          ar.result().forEach(f -> out.add(new JsonObject().put("address", f.describe()).put("status", "up")
              .put("id", f.id()).put("n", f.n()).put("http", f.http())));
        }
        json(ctx, 200, out);
      });
      return;
    }
    List<Future<JsonObject>> calls = new ArrayList<>();
    String token = cfg.token();
    for (String url : cfg.servers()) {
      calls.add(new HttpModelServerClient(client, url, token).hello(CallContext.untagged(STATUS_TIMEOUT_MS))
          .map(s -> new JsonObject().put("address", url).put("status", "up").put("id", s.id()).put("n", s.n())
              .put("fingerprint", s.fingerprint()))
          .otherwise(e -> new JsonObject().put("address", url).put("status", "down").put("error", e.getMessage())));
    }
    Future.all(calls).onComplete(ar -> json(ctx, 200, new JsonArray(calls.stream().map(Future::result).toList())));
  }

  private void runs(RoutingContext ctx) {
    vertx.executeBlocking(store::list, false).onComplete(ar -> {
      if (ar.failed()) {
        error(ctx, 500, "cannot read the run records: " + ar.cause().getMessage());
      } else {
        json(ctx, 200, ar.result());
      }
    });
  }

  private void run(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    vertx.executeBlocking(() -> store.get(id), false).onComplete(ar -> {
      if (ar.failed()) {
        error(ctx, 500, "cannot read the run record: " + ar.cause().getMessage());
      } else if (ar.result() == null) {
        error(ctx, 404, "no run " + id);
      } else {
        json(ctx, 200, ar.result());
      }
    });
  }

  /** Starts a run with the posted model and epochs; answers 202 with its id once it has started. */
  private void startRun(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      error(ctx, 400, "the body must be a JSON object like {\"model\": \"ols\", \"epochs\": 10}");
      return;
    }
    List<String> problems = body == null ? List.of("no body") : ApiContract.errors(runRequests.validate(body));
    if (!problems.isEmpty()) {
      error(ctx, 400, "the run request " + (body == null ? "" : body.encode()) + " does not match RunRequest in "
          + "/openapi.yaml: " + String.join("; ", problems));
      return;
    }
    JsonObject overrides = new JsonObject();
    if (body != null) {
      for (String key : List.of("model", "epochs", "servers", "se", "boundary", "min-servers", "secure", "formula",
          "weights", "missing", "server-effects", "meta", "cross-validate")) {
        if (body.containsKey(key)) {
          overrides.put(key, body.getValue(key) instanceof JsonArray a ? String.join(",", a.getList()) : body.getValue(key));
        }
      }
    }
    JsonObject conf = cfg.runConfig(overrides);
    CoordinatorConfig run;
    try {
      run = CoordinatorConfig.from(conf, vertx.isClustered());
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    RunRecord record = cfg.record() ? new RunRecord(Path.of(cfg.runsDir()), "dashboard", conf) : null;
    Promise<String> started = Promise.promise();
    RunListener live = store.live(event -> vertx.eventBus().publish(Addresses.DASHBOARD_EVENTS, event), started);
    CoordinatorVerticle coordinator = new CoordinatorVerticle(run, record == null ? live : RunListener.both(record, live), false);
    vertx.deployVerticle(coordinator)
        .onFailure(started::tryFail)
        .compose(id -> coordinator.result().onComplete(ar -> {
          if (record != null) {
            vertx.executeBlocking(() -> {
              record.close(); // waits for the record's writes: not on the event loop
              return null;
            }, false);
          }
          vertx.undeploy(id);
          if (ar.failed()) {
            started.tryFail(ar.cause());
          }
        }));
    started.future().onComplete(ar -> {
      if (ar.succeeded()) {
        json(ctx, 202, new JsonObject().put("id", ar.result()).put("status", "running"));
      } else {
        error(ctx, 400, "the run did not start: " + ar.cause().getMessage());
      }
    });
  }

  /** Server-sent events: every run event published on the event bus, as {@code event: <type>, data: <json>}. */
  private void events(RoutingContext ctx) {
    HttpServerResponse resp = ctx.response();
    resp.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache")
        .putHeader("connection", "keep-alive");
    resp.write(": openlgd run events\n\n");
    MessageConsumer<JsonObject> consumer = vertx.eventBus().localConsumer(Addresses.DASHBOARD_EVENTS, msg -> {
      JsonObject e = msg.body();
      resp.write("event: " + e.getString("type") + "\ndata: " + e.encode() + "\n\n");
    });
    long ping = vertx.setPeriodic(15_000, t -> resp.write(": ping\n\n"));
    resp.closeHandler(v -> {
      consumer.unregister();
      vertx.cancelTimer(ping);
    });
  }

  private void failure(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    switch (status) {
      case 413 -> error(ctx, status, "request body too large");
      case 403 -> error(ctx, status, "missing or stale CSRF token: send the value of the " + Access.CSRF_COOKIE
          + " cookie in the " + Access.CSRF_HEADER + " header");
      case 500 -> {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("dashboard: {} {} failed [error id {}]", ctx.request().method(), ctx.request().path(), id, ctx.failure());
        json(ctx, 500, new JsonObject().put("error", "internal error (error id " + id + ")").put("errorId", id));
      }
      default -> error(ctx, status, "request failed");
    }
  }

  /** Answers {@code body}, a JSON object or array, unless the response has ended. */
  static void json(RoutingContext ctx, int status, Object body) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
          .end(body instanceof JsonArray a ? a.encode() : ((JsonObject) body).encode());
    }
  }

  static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, new JsonObject().put("error", message));
  }
}
