package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;
import org.openlgd.api.BadRequestException;
import org.openlgd.api.RoundTag;
import org.openlgd.api.SecureCodec;
import org.openlgd.api.StartCodec;
import org.openlgd.api.UpdateCodec;
import org.openlgd.api.Wire;
import org.openlgd.config.ServerConfig;
import org.openlgd.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one request pipeline of a model server, whatever the transport: authenticate, parse, estimate (with the
 * disclosure rules, on the worker pool; {@link ModelService}), audit, and map the outcome to a status. The HTTP and
 * event-bus adapters only turn their messages into {@link Call}s and write the {@link Reply}, so a request behaves
 * the same over either transport by construction; the coordinator's in-process client uses it too.
 */
public final class RequestPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);

  /** The operations that reach the data. */
  public enum Operation { KEYS, START, UPDATE, VALIDATE, RELOAD }

  /**
   * Who asks what.
   *
   * @param transport     "http", "eventbus" or "direct"
   * @param operation     as recorded in the audit trail ("GET /start", or the event-bus address)
   * @param caller        the remote address, or the caller the message names
   * @param authorization the bearer credentials sent ("Bearer ..."), or null
   * @param fromServer    how the caller reached this server (its liveness reply names it)
   */
  public record Call(String transport, String operation, String caller, String authorization, String fromServer) {
  }

  /** An answer: HTTP-style status and JSON body ({@code {"error": ...}} unless 200). */
  public record Reply(int status, JsonObject body) {
    public boolean ok() {
      return status == 200;
    }
  }

  private final ModelService service;
  private final AuditLog audit;

  public RequestPipeline(ModelService service, AuditLog audit) {
    this.service = service;
    this.audit = audit;
  }

  public ModelService service() {
    return service;
  }

  /**
   * Null when the call may proceed: no token is configured, it carries the right one, or it is a liveness check
   * and liveness is open. Otherwise the 401 to answer, recorded in the audit trail.
   */
  public Reply authenticate(Call call, boolean liveness, RoundTag tag) {
    ServerConfig cfg = service.config();
    ServerConfig.Trust trust = cfg.trust();
    if (trust.token() == null || (liveness && trust.openLiveness()) || tokenMatches(call.authorization(), trust.token())) {
      return null;
    }
    record(call, tag, -1, 401, "missing or wrong token");
    return new Reply(401, Wire.error("missing or wrong bearer token"));
  }

  private static boolean tokenMatches(String authorization, String token) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
  }

  /** The liveness reply. */
  public Reply hello(Call call) {
    return new Reply(200, service.hello(call.fromServer()));
  }

  /**
   * An authenticated operation. {@code request} yields its parameters: the body, or for a start the query
   * parameters as an object; it throws {@link BadRequestException} for a body that is not a JSON object.
   */
  public Future<Reply> handle(Call call, Operation op, Supplier<JsonObject> request) {
    JsonObject req = null;
    Future<JsonObject> answer;
    try {
      req = request.get();
      answer = switch (op) {
        case KEYS -> Future.succeededFuture(service.keys(RoundTag.parse(req.getValue(Wire.RUN), req.getValue(Wire.ROUND))));
        case START -> start(req);
        case UPDATE -> service.update(servable(parseUpdate(req)), SecureCodec.round(req));
        case VALIDATE -> service.validate(parseUpdate(req), SecureCodec.round(req));
        case RELOAD -> reload(call);
      };
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    JsonObject asked = req;
    return answer.transform(ar -> Future.succeededFuture(ar.succeeded() ? succeeded(call, ar.result())
        : failed(call, op, asked, ar.cause())));
  }

  private Future<JsonObject> start(JsonObject req) {
    StartCodec.StartRequest start = StartCodec.parse(req, service.config().model());
    return service.start(servable(start.model()), start.boundary(), start.tag(), SecureCodec.round(req));
  }

  private UpdateCodec.UpdateRequest parseUpdate(JsonObject req) {
    return UpdateCodec.parse(req, service.data().features(), service.config().model());
  }

  private static UpdateCodec.UpdateRequest servable(UpdateCodec.UpdateRequest req) {
    servable(req.model());
    return req;
  }

  /** A model a server fits rounds of; a composite one (two-stage) is the coordinator's: 400. */
  private static Model servable(Model model) {
    try {
      model.checkServable();
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
    return model;
  }

  /** Reads the data source again; the new rows serve every later request. Answers with the shape of hello. */
  private Future<JsonObject> reload(Call call) {
    ServerConfig cfg = service.config();
    return service.reload().map(d -> {
      LOG.info("model server {} reloaded: {} rows, fingerprint {}", cfg.id(), d.rows(), d.fingerprint());
      return service.hello(call.fromServer());
    });
  }

  private Reply succeeded(Call call, JsonObject body) {
    record(call, RoundTag.of(body), body.getValue(Wire.N) instanceof Number n ? n.longValue() : -1, 200, null);
    return new Reply(200, body);
  }

  private Reply failed(Call call, Operation op, JsonObject request, Throwable cause) {
    int status = status(op, cause);
    String message = op == Operation.RELOAD && status == 422
        ? "reload failed, the previous data stay in use: " + cause.getMessage() : cause.getMessage();
    record(call, RoundTag.of(request), -1, status, cause.getMessage());
    if (status >= 500) {
      LOG.error("server {}: request {} failed", service.config().id(), call.operation(), cause);
    } else if (status == 422) {
      LOG.warn("server {}: {}", service.config().id(), message);
    }
    return new Reply(status, Wire.error(status >= 500 ? "internal error" : message));
  }

  private static int status(Operation op, Throwable t) {
    if (t instanceof BadRequestException) {
      return 400;
    }
    if (t instanceof ModelService.EstimationException || op == Operation.RELOAD) {
      return 422;
    }
    if (t instanceof Disclosure.Refused) {
      return 403;
    }
    return 500;
  }

  /** One audit entry and the request meters. */
  private void record(Call call, RoundTag tag, long rows, int status, String detail) {
    service.meters().request(call.transport(), call.operation(), status, rows);
    audit.record(call.transport(), call.caller(), call.operation(), tag, rows, status, detail);
  }
}
