package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import org.openlgd.api.Addresses;
import org.openlgd.api.BadRequestException;
import org.openlgd.api.Wire;
import org.openlgd.model.LocalModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model server: holds one lender's rows and answers the openLGD API over HTTP and over the event bus.
 *
 * <ul>
 *   <li>HTTP (when a port is configured): {@code GET /} liveness, {@code GET /start[?model=...]} cold start,
 *       {@code POST /update} warm start from posted parameters.</li>
 *   <li>Event bus: the same three operations on {@code openlgd.server.<key>.hello|start|update} (see
 *       {@link Addresses}), with the same JSON bodies; errors are failed replies with the HTTP status as code.
 *       The server answers discovery broadcasts and announces its departure when undeployed.</li>
 * </ul>
 * Data are loaded and every estimate computed on worker threads; the event loop only parses and routes. Bad
 * requests get 4xx with {@code {"error": ...}}; nothing a client sends stops the server.
 */
public final class ModelServerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ModelServerVerticle.class);

  private ServerConfig cfg;
  private ModelService service;
  private HttpServer http;
  private AuditLog audit;
  private Router router;

  @Override
  public Future<?> start() {
    cfg = ServerConfig.from(config());
    String key = cfg.eventBusKey();
    return AuditLog.open(vertx, cfg.id(), cfg.auditLog(), cfg.auditFile())
        .compose(a -> {
          audit = a;
          return load();
        })
        .compose(data -> {
          service = new ModelService(vertx, cfg, new LocalModel(data, cfg.seed(), cfg.eta0()), key);
          io.micrometer.core.instrument.Gauge.builder("openlgd.server.rows", service, s -> s.data().rows())
              .description("rows this model server holds").tag("server", Integer.toString(cfg.id()))
              .register(org.openlgd.ops.Ops.registry());
          return Future.all(listen(), consumers());
        })
        .onSuccess(x -> LOG.info("model server {} ({}) serving {} rows of {} ({} ~ {}){}", cfg.id(), key,
            service.data().rows(), cfg.data(), service.data().target(), String.join(", ", service.data().features()),
            http == null ? " on the event bus" : " on " + httpUrl() + (cfg.tls().mutual() ? " (mutual TLS)" : "") + " and the event bus"));
  }

  @Override
  public Future<?> stop() {
    if (service != null) {
      LOG.info("model server {} ({}) leaving", cfg.id(), service.key());
      vertx.eventBus().publish(Addresses.LEFT, new JsonObject().put("key", service.key()));
    }
    return audit == null ? Future.succeededFuture() : audit.close();
  }

  /**
   * Loads the data and checks them against the server's default model: a model of LGD as a fraction (all but
   * {@code sgd} and {@code ols}) refuses, at load, a target outside [0, 1], naming the data row.
   */
  private Future<org.openlgd.data.Dataset> load() {
    return DataSource.of(vertx, cfg).load().compose(data -> {
      if (cfg.model().iterative() || cfg.model().composite()) {
        try {
          org.openlgd.stats.FractionalLogit.checkFractions(data);
        } catch (IllegalArgumentException e) {
          return Future.failedFuture(new IllegalArgumentException(e.getMessage() + " (this server's --model "
              + cfg.model() + " models LGD as a fraction)"));
        }
      }
      return Future.succeededFuture(data);
    });
  }

  /** The bound HTTP port (useful with port 0); -1 without HTTP. */
  public int actualPort() {
    return http == null ? -1 : http.actualPort();
  }

  /** The HTTP routes served, as "METHOD /path" (empty without HTTP). */
  public List<String> routes() {
    return router == null ? List.of() : org.openlgd.ops.Ops.routes(router);
  }

  /** Rows held. */
  public int rows() {
    return service.data().rows();
  }

  /** Columns held (features and target). */
  public int columns() {
    return service.data().featureCount() + 1;
  }

  /** This server's event-bus key. */
  public String key() {
    return service.key();
  }

  private Future<?> listen() {
    if (!cfg.http()) {
      return Future.succeededFuture();
    }
    router = router();
    return vertx.createHttpServer(cfg.tls().applyTo(new io.vertx.core.http.HttpServerOptions()))
        .requestHandler(router).listen(cfg.port(), cfg.host()).onSuccess(s -> http = s);
  }

  private Future<?> consumers() {
    EventBus eb = vertx.eventBus();
    String key = service.key();
    List<MessageConsumer<JsonObject>> all = new ArrayList<>();
    all.add(eb.consumer(Addresses.server(key, Addresses.HELLO), this::helloMessage));
    all.add(eb.consumer(Addresses.server(key, Addresses.START), this::startMessage));
    all.add(eb.consumer(Addresses.server(key, Addresses.UPDATE), this::updateMessage));
    all.add(eb.consumer(Addresses.server(key, Addresses.VALIDATE), this::validateMessage));
    all.add(eb.consumer(Addresses.DISCOVER, this::discoverMessage));
    return Future.all(all.stream().map(MessageConsumer::completion).toList());
  }

  private String httpUrl() {
    return http == null ? null : (cfg.tls().keyStore() != null ? "https://" : "http://") + cfg.host() + ":" + http.actualPort();
  }

  // ---- event bus ----

  private void helloMessage(Message<JsonObject> msg) {
    if (!cfg.openLiveness() && !authorized(msg)) {
      return;
    }
    msg.reply(service.hello(httpUrl() == null ? "eventbus:" + service.key() : httpUrl().replaceFirst("^https?://", "")));
  }

  /** Event-bus requests carry the token in the "authorization" header; false (and a 401 reply) when it is wrong. */
  private boolean authorized(Message<JsonObject> msg) {
    if (tokenMatches(msg.headers().get("authorization"))) {
      return true;
    }
    audit.record("eventbus", caller(msg), msg.address(), tagOf(msg.body()), -1, 401, "missing or wrong token");
    msg.fail(401, "missing or wrong bearer token");
    return false;
  }

  private void startMessage(Message<JsonObject> msg) {
    if (!authorized(msg)) {
      return;
    }
    JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
    Object model = body.getValue(Wire.MODEL);
    Object boundary = body.getValue(Wire.BOUNDARY);
    if ((model != null && !(model instanceof String)) || (boundary != null && !(boundary instanceof String))) {
      msg.fail(400, "'model' and 'boundary' must be strings");
      return;
    }
    Wire.RoundTag tag;
    try {
      tag = Wire.RoundTag.parse(body.getValue(Wire.RUN), body.getValue(Wire.ROUND));
    } catch (BadRequestException e) {
      msg.fail(400, e.getMessage());
      return;
    }
    service.start((String) model, (String) boundary, tag).onComplete(ar -> replyTo(msg, ar));
  }

  private void updateMessage(Message<JsonObject> msg) {
    withBody(msg, service::update);
  }

  private void validateMessage(Message<JsonObject> msg) {
    withBody(msg, service::validate);
  }

  /** An authorised event-bus request with a JSON body, answered by {@code operation}. */
  private void withBody(Message<JsonObject> msg, java.util.function.Function<JsonObject, Future<JsonObject>> operation) {
    if (!authorized(msg)) {
      return;
    }
    if (msg.body() == null) {
      msg.fail(400, "the request body must be a JSON object");
      return;
    }
    operation.apply(msg.body()).onComplete(ar -> replyTo(msg, ar));
  }

  private void discoverMessage(Message<JsonObject> msg) {
    String replyTo = msg.body() == null ? null : msg.body().getString("replyTo");
    if (replyTo != null) {
      vertx.eventBus().send(replyTo, service.announcement(httpUrl()));
    }
  }

  private void replyTo(Message<JsonObject> msg, io.vertx.core.AsyncResult<JsonObject> ar) {
    if (ar.succeeded()) {
      audit.record("eventbus", caller(msg), msg.address(), tagOf(ar.result()), rowsOf(ar.result()), 200, null);
      msg.reply(ar.result());
    } else {
      int status = status(ar.cause());
      audit.record("eventbus", caller(msg), msg.address(), tagOf(msg.body()), -1, status, ar.cause().getMessage());
      if (status >= 500) {
        LOG.error("server {}: request {} failed", cfg.id(), msg.address(), ar.cause());
      }
      msg.fail(status, status >= 500 ? "internal error" : ar.cause().getMessage());
    }
  }

  /** Who sent an event-bus request: the coordinator names itself in the "caller" header; else unknown. */
  private static String caller(Message<JsonObject> msg) {
    String c = msg.headers().get("caller");
    return c == null ? "?" : c.length() > 100 ? c.substring(0, 100) : c;
  }

  /** The run and round named in a request or reply body; {@link Wire.RoundTag#NONE} when absent or malformed. */
  private static Wire.RoundTag tagOf(JsonObject body) {
    if (body == null) {
      return Wire.RoundTag.NONE;
    }
    try {
      return Wire.RoundTag.parse(body.getValue(Wire.RUN), body.getValue(Wire.ROUND));
    } catch (BadRequestException e) {
      return Wire.RoundTag.NONE;
    }
  }

  private static long rowsOf(JsonObject reply) {
    return reply.getValue(Wire.N) instanceof Number n ? n.longValue() : -1;
  }

  // ---- HTTP ----

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(this::authenticate);
    router.get("/").handler(this::hello);
    org.openlgd.ops.Ops.mount(router, this::health);
    router.get("/start").handler(this::start);
    router.post("/update").handler(BodyHandler.create().setBodyLimit(cfg.bodyLimit())).handler(this::update);
    router.post("/validate").handler(BodyHandler.create().setBodyLimit(cfg.bodyLimit())).handler(this::validate);
    router.post("/reload").handler(this::reload);
    router.route().failureHandler(this::failure);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, this::failure);
    }
    return router;
  }

  /** With a token configured, every request but an open liveness check must carry it as a bearer token. */
  private void authenticate(RoutingContext ctx) {
    String path = ctx.request().path();
    boolean liveness = ctx.request().method().name().equals("GET")
        && (path.equals("/") || path.equals("/health") || path.equals("/openapi.yaml"));
    if (cfg.token() == null || (cfg.openLiveness() && liveness)) {
      ctx.next();
      return;
    }
    if (tokenMatches(ctx.request().getHeader("Authorization"))) {
      ctx.next();
      return;
    }
    audit.record("http", caller(ctx), ctx.request().method() + " " + ctx.request().path(), requestTag(ctx), -1, 401,
        "missing or wrong token");
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    reply(ctx, 401, Wire.error("missing or wrong bearer token"));
  }

  private boolean tokenMatches(String authorization) {
    if (cfg.token() == null) {
      return true;
    }
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.security.MessageDigest.isEqual(given, cfg.token().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String caller(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().toString();
  }

  /** The run and round of an HTTP request: from the query string, else from a JSON body already read. */
  private static Wire.RoundTag requestTag(RoutingContext ctx) {
    Wire.RoundTag q = tagOf(new JsonObject().put(Wire.RUN, ctx.queryParams().get(Wire.RUN))
        .put(Wire.ROUND, ctx.queryParams().get(Wire.ROUND)));
    if (q != Wire.RoundTag.NONE || ctx.body() == null || ctx.body().buffer() == null) {
      return q;
    }
    try {
      return tagOf(ctx.body().asJsonObject());
    } catch (RuntimeException e) {
      return Wire.RoundTag.NONE;
    }
  }

  private void hello(RoutingContext ctx) {
    reply(ctx, 200, service.hello(fromServer(ctx)));
  }

  /** Readiness: the data are loaded (the HTTP server listens only after that) and, in a cluster, it is joined. */
  private JsonObject health() {
    org.openlgd.data.Dataset d = service.data();
    return new JsonObject().put("status", "UP").put("role", "model-server").put("id", cfg.id()).put("rows", d.rows())
        .put("checks", new JsonObject().put("data", "loaded: " + d.rows() + " rows, fingerprint " + d.fingerprint())
            .put("cluster", vertx.isClustered() ? "joined" : "not clustered"));
  }

  private void start(RoutingContext ctx) {
    Wire.RoundTag tag;
    try {
      tag = Wire.RoundTag.parse(ctx.queryParams().get(Wire.RUN), ctx.queryParams().get(Wire.ROUND));
    } catch (BadRequestException e) {
      reply(ctx, 400, Wire.error(e.getMessage()));
      return;
    }
    service.start(ctx.queryParams().get(Wire.MODEL), ctx.queryParams().get(Wire.BOUNDARY), tag).onComplete(ar -> reply(ctx, ar));
  }

  private void update(RoutingContext ctx) {
    withBody(ctx, service::update);
  }

  /** An HTTP request whose body must be a JSON object, answered by {@code operation}. */
  private void withBody(RoutingContext ctx, java.util.function.Function<JsonObject, Future<JsonObject>> operation) {
    JsonObject body;
    try {
      body = jsonObject(ctx.body().buffer());
    } catch (BadRequestException e) {
      reply(ctx, 400, Wire.error(e.getMessage()));
      return;
    }
    operation.apply(body).onComplete(ar -> reply(ctx, ar));
  }

  /** Reads the data source again; the new rows serve every later request. Same shape as {@code GET /}. */
  private void reload(RoutingContext ctx) {
    load().onComplete(ar -> {
      audit.record("http", caller(ctx), "POST /reload", Wire.RoundTag.NONE, ar.succeeded() ? ar.result().rows() : -1,
          ar.succeeded() ? 200 : 422, ar.succeeded() ? null : ar.cause().getMessage());
      if (ar.failed()) {
        reply(ctx, 422, Wire.error("reload failed, the previous data stay in use: " + ar.cause().getMessage()));
        return;
      }
      service.replace(ar.result());
      LOG.info("model server {} reloaded: {} rows, fingerprint {}", cfg.id(), ar.result().rows(), ar.result().fingerprint());
      reply(ctx, 200, service.hello(fromServer(ctx)));
    });
  }

  private void validate(RoutingContext ctx) {
    withBody(ctx, service::validate);
  }

  private static int status(Throwable t) {
    if (t instanceof BadRequestException) {
      return 400;
    }
    if (t instanceof ModelService.EstimationException) {
      return 422;
    }
    if (t instanceof DisclosureRules.Refused) {
      return 403;
    }
    return 500;
  }

  private void reply(RoutingContext ctx, io.vertx.core.AsyncResult<JsonObject> ar) {
    String operation = ctx.request().method() + " " + ctx.request().path();
    if (ar.succeeded()) {
      audit.record("http", caller(ctx), operation, tagOf(ar.result()), rowsOf(ar.result()), 200, null);
      reply(ctx, 200, ar.result());
      return;
    }
    int status = status(ar.cause());
    audit.record("http", caller(ctx), operation, requestTag(ctx), -1, status, ar.cause().getMessage());
    if (status >= 500) {
      LOG.error("server {}: request {} failed", cfg.id(), ctx.request().path(), ar.cause());
    } else if (status == 422) {
      LOG.warn("server {}: {}", cfg.id(), ar.cause().getMessage());
    }
    reply(ctx, status, Wire.error(status >= 500 ? "internal error" : ar.cause().getMessage()));
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
          + " (endpoints: GET /, GET /health, GET /metrics, GET /openapi.yaml, GET /start, POST /update, POST /validate, POST /reload)";
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
