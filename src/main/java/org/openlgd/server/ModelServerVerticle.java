package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import org.openlgd.api.BadRequestException;
import org.openlgd.api.Wire;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.LocalModel;
import org.openlgd.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model server: holds one lender's rows and answers the openLGD HTTP API.
 *
 * <ul>
 *   <li>{@code GET /} liveness: the original greeting plus id, row count, target, features and models.</li>
 *   <li>{@code GET /start[?model=sgd|ols]} cold-start local estimate.</li>
 *   <li>{@code POST /update} warm start from posted parameters (and optional {@code model}, {@code epoch}).</li>
 * </ul>
 * Data are loaded and every estimate computed on worker threads; the event loop only parses and routes. Bad
 * requests get 4xx with {@code {"error": ...}}; nothing a client sends stops the server.
 */
public final class ModelServerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ModelServerVerticle.class);

  private ServerConfig cfg;
  private LocalModel local;
  private HttpServer http;

  @Override
  public Future<?> start() {
    cfg = ServerConfig.from(config());
    return vertx.executeBlocking(() -> CsvLoader.load(Path.of(cfg.data()), cfg.target(), cfg.features()), false)
        .compose(this::serve)
        .onSuccess(s -> LOG.info("model server {} listening on http://{}:{} with {} rows of {} ({} ~ {})", cfg.id(),
            cfg.host(), s.actualPort(), local.data().rows(), cfg.data(), local.data().target(),
            String.join(", ", local.data().features())));
  }

  private Future<HttpServer> serve(Dataset data) {
    local = new LocalModel(data, cfg.seed(), cfg.eta0());
    return vertx.createHttpServer()
        .requestHandler(router())
        .listen(cfg.port(), cfg.host())
        .onSuccess(s -> http = s);
  }

  /** The bound port (useful with port 0). */
  public int actualPort() {
    return http.actualPort();
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.get("/").handler(this::hello);
    router.get("/start").handler(this::start);
    router.post("/update").handler(BodyHandler.create().setBodyLimit(cfg.bodyLimit())).handler(this::update);
    router.route().failureHandler(this::failure);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, this::failure);
    }
    return router;
  }

  private void hello(RoutingContext ctx) {
    Dataset d = local.data();
    reply(ctx, 200, Wire.hello(fromServer(ctx), cfg.id(), d.rows(), d.target(), d.features(), cfg.model()));
  }

  private void start(RoutingContext ctx) {
    Model model;
    try {
      String m = ctx.queryParams().get(Wire.MODEL);
      model = m == null ? cfg.model() : Model.parse(m);
    } catch (IllegalArgumentException e) {
      reply(ctx, 400, Wire.error(e.getMessage()));
      return;
    }
    estimate(ctx, () -> local.start(model));
  }

  private void update(RoutingContext ctx) {
    Wire.UpdateRequest req;
    try {
      req = Wire.parseUpdate(jsonObject(ctx.body().buffer()), local.data().features(), cfg.model());
    } catch (BadRequestException e) {
      reply(ctx, 400, Wire.error(e.getMessage()));
      return;
    }
    estimate(ctx, () -> local.update(req.model(), req.parameters(), req.epoch()));
  }

  private void estimate(RoutingContext ctx, java.util.concurrent.Callable<LocalEstimate> work) {
    vertx.executeBlocking(work, false).onComplete(ar -> {
      if (ar.succeeded()) {
        Dataset d = local.data();
        reply(ctx, 200, Wire.estimate(cfg.id(), ar.result(), d.target(), d.features()));
      } else {
        LOG.warn("estimation failed on server {}", cfg.id(), ar.cause());
        reply(ctx, 422, Wire.error("estimation failed: " + ar.cause().getMessage()));
      }
    });
  }

  private static JsonObject jsonObject(Buffer body) {
    if (body == null || body.length() == 0) {
      throw new BadRequestException("the request body is empty; send a JSON object");
    }
    Object v;
    try {
      v = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new BadRequestException("the request body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (!(v instanceof JsonObject o)) {
      throw new BadRequestException("the request body must be a JSON object");
    }
    return o;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private String fromServer(RoutingContext ctx) {
    HostAndPort a = ctx.request().authority();
    if (a != null) {
      return a.port() > 0 ? a.host() + ":" + a.port() : a.host();
    }
    return cfg.host() + ":" + http.actualPort();
  }

  private void failure(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    String message = switch (status) {
      case 404 -> "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()
          + " (endpoints: GET /, GET /start, POST /update)";
      case 405 -> "method " + ctx.request().method() + " is not allowed on " + ctx.request().path();
      case 413 -> "request body larger than " + cfg.bodyLimit() + " bytes";
      case 415 -> "unsupported media type";
      case 400 -> "bad request";
      default -> "internal error";
    };
    if (status >= 500) {
      LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
    }
    reply(ctx, status, Wire.error(message));
  }

  private static void reply(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }
}
