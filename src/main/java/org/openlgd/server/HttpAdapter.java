package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Supplier;
import org.openlgd.api.JsonValues;
import org.openlgd.api.RoundTag;
import org.openlgd.api.StartCodec;
import org.openlgd.api.TlsSetup;
import org.openlgd.api.Wire;
import org.openlgd.config.ServerConfig;
import org.openlgd.ops.Ops;
import org.openlgd.server.RequestPipeline.Call;
import org.openlgd.server.RequestPipeline.Operation;
import org.openlgd.server.RequestPipeline.Reply;

/**
 * The model server's HTTP binding (the openLGD API): routes to {@link RequestPipeline}, JSON replies, and 4xx for
 * what never reaches it (unknown path, wrong method, body too large). {@code GET /}, {@code /health},
 * {@code /metrics}, {@code /openapi.yaml}, {@code GET /start}, {@code POST /update}, {@code /validate},
 * {@code /describe}, {@code /reload}.
 */
final class HttpAdapter {
  private static final String ENDPOINTS = "GET /, GET /health, GET /metrics, GET /openapi.yaml, GET /start, "
      + "POST /start, POST /levels, POST /update, POST /validate, POST /describe, POST /keys, POST /reload";

  private final Vertx vertx;
  private final RequestPipeline pipeline;
  private final ServerConfig cfg;
  private final Router router;
  private HttpServer server;

  HttpAdapter(Vertx vertx, RequestPipeline pipeline) {
    this.vertx = vertx;
    this.pipeline = pipeline;
    this.cfg = pipeline.service().config();
    this.router = router();
  }

  Future<HttpServer> listen() {
    return vertx.createHttpServer(TlsSetup.server(cfg.tls(), new HttpServerOptions())).requestHandler(router)
        .listen(cfg.endpoint().port(), cfg.endpoint().host()).onSuccess(s -> server = s);
  }

  int port() {
    return server.actualPort();
  }

  /** The base URL this server answers on. */
  String url() {
    return (cfg.tls().keyStore() != null ? "https://" : "http://") + cfg.endpoint().host() + ":" + server.actualPort();
  }

  List<String> routes() {
    return Ops.routes(router);
  }

  private Router router() {
    Router r = Router.router(vertx);
    r.route().handler(this::authenticate);
    r.get("/").handler(ctx -> send(ctx, pipeline.hello(call(ctx))));
    Ops.mount(r, () -> pipeline.service().health(vertx.isClustered()));
    r.get("/start").handler(ctx -> handle(ctx, Operation.START, () -> StartCodec.fromQuery(ctx.queryParams())));
    r.post("/start").handler(BodyHandler.create().setBodyLimit(cfg.endpoint().bodyLimit()))
        .handler(ctx -> handle(ctx, Operation.START, () -> JsonValues.object(ctx.body().buffer())));
    r.post("/keys").handler(BodyHandler.create().setBodyLimit(cfg.endpoint().bodyLimit()))
        .handler(ctx -> handle(ctx, Operation.KEYS, () -> JsonValues.object(ctx.body().buffer())));
    r.post("/levels").handler(BodyHandler.create().setBodyLimit(cfg.endpoint().bodyLimit()))
        .handler(ctx -> handle(ctx, Operation.LEVELS, () -> JsonValues.object(ctx.body().buffer())));
    r.post("/update").handler(BodyHandler.create().setBodyLimit(cfg.endpoint().bodyLimit()))
        .handler(ctx -> handle(ctx, Operation.UPDATE, () -> JsonValues.object(ctx.body().buffer())));
    r.post("/validate").handler(BodyHandler.create().setBodyLimit(cfg.endpoint().bodyLimit()))
        .handler(ctx -> handle(ctx, Operation.VALIDATE, () -> JsonValues.object(ctx.body().buffer())));
    r.post("/describe").handler(BodyHandler.create().setBodyLimit(cfg.endpoint().bodyLimit()))
        .handler(ctx -> handle(ctx, Operation.DESCRIBE, () -> JsonValues.object(ctx.body().buffer())));
    r.post("/reload").handler(ctx -> handle(ctx, Operation.RELOAD, JsonObject::new));
    r.route().failureHandler(this::failure);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      r.errorHandler(status, this::failure);
    }
    return r;
  }

  /** Every route but an open liveness check needs the token when one is configured. */
  private void authenticate(RoutingContext ctx) {
    String path = ctx.request().path();
    boolean liveness = ctx.request().method().name().equals("GET")
        && (path.equals("/") || path.equals("/health") || path.equals("/openapi.yaml"));
    Reply refused = pipeline.authenticate(call(ctx), liveness, RoundTag.of(StartCodec.fromQuery(ctx.queryParams())));
    if (refused == null) {
      ctx.next();
    } else {
      send(ctx, refused);
    }
  }

  private void handle(RoutingContext ctx, Operation op, Supplier<JsonObject> request) {
    pipeline.handle(call(ctx), op, request).onSuccess(reply -> send(ctx, reply));
  }

  private Call call(RoutingContext ctx) {
    String caller = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().toString();
    HostAndPort a = ctx.request().authority();
    String from = a == null ? cfg.endpoint().host() + ":" + server.actualPort() : a.port() > 0 ? a.host() + ":" + a.port() : a.host();
    return new Call("http", ctx.request().method() + " " + ctx.request().path(), caller,
        ctx.request().getHeader("Authorization"), from);
  }

  private void failure(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    String message = switch (status) {
      case 404 -> "no such endpoint: " + ctx.request().method() + " " + ctx.request().path() + " (endpoints: " + ENDPOINTS + ")";
      case 405 -> "method " + ctx.request().method() + " is not allowed on " + ctx.request().path();
      case 413 -> "request body larger than " + cfg.endpoint().bodyLimit() + " bytes";
      case 415 -> "unsupported media type";
      case 400 -> "bad request";
      default -> "internal error";
    };
    if (status >= 500) {
      send(ctx, RequestPipeline.bug(cfg.id(), ctx.request().method() + " " + ctx.request().path(),
          ctx.failure() != null ? ctx.failure() : new IllegalStateException("HTTP " + status + " without a cause")));
      return;
    }
    send(ctx, new Reply(status, Wire.error(message)));
  }

  private static void send(RoutingContext ctx, Reply reply) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (reply.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ctx.response().setStatusCode(reply.status()).putHeader("content-type", "application/json").end(reply.body().encode());
  }
}
