package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.function.Supplier;
import org.openlgd.api.BadRequestException;
import org.openlgd.api.RoundTag;
import org.openlgd.api.SecureCodec;
import org.openlgd.api.StartCodec;
import org.openlgd.api.UpdateCodec;
import org.openlgd.api.Wire;
import org.openlgd.config.ServerConfig;
import org.openlgd.data.DataFormatException;
import org.openlgd.formula.FormulaException;
import org.openlgd.model.Model;
import org.openlgd.stats.EstimationException;
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
  public enum Operation { KEYS, LEVELS, START, UPDATE, VALIDATE, DESCRIBE, RELOAD }

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
        case LEVELS -> service.levels(req);
        case START -> start(req);
        case UPDATE -> update(req, true);
        case VALIDATE -> update(req, false);
        case DESCRIBE -> service.describe(req);
        case RELOAD -> reload(call);
      };
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    JsonObject asked = req;
    return answer.transform(ar -> ar.succeeded() ? succeeded(call, ar.result()) : failed(call, op, asked, ar.cause()));
  }

  private Future<JsonObject> start(JsonObject req) {
    StartCodec.StartRequest start = StartCodec.parse(req, service.config().model());
    servable(start.model());
    return service.start(service.designed(req), start.model(), start.boundary(), start.tag(), SecureCodec.round(req));
  }

  /** An update, or with {@code estimate} false a validation: parsed against the columns of the request's design. */
  private Future<JsonObject> update(JsonObject req, boolean estimate) {
    Site.Designed on = service.designed(req);
    UpdateCodec.UpdateRequest parsed = UpdateCodec.parse(req, on.data().features(), service.config().model());
    if (estimate) {
      servable(parsed.model());
      return service.update(on, parsed, SecureCodec.round(req));
    }
    return service.validate(on, parsed, SecureCodec.round(req));
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

  private Future<Reply> succeeded(Call call, JsonObject body) {
    return audited(record(call, RoundTag.of(body), body.getValue(Wire.N) instanceof Number n ? n.longValue() : -1, 200,
        null), new Reply(200, body));
  }

  /**
   * The answer to a failed request. Known conditions are the client's or the data's (400, 403, 422; a reload whose
   * source is unusable 422, unreachable 503); anything else is a bug: 500 with an error id, and the stack trace in the
   * log under that id.
   */
  private Future<Reply> failed(Call call, Operation op, JsonObject request, Throwable cause) {
    int status = status(op, cause);
    String message = cause.getMessage();
    if (op == Operation.RELOAD && (status == 422 || status == 503)) {
      message = "reload failed, the previous data stay in use: " + message;
    }
    if (status == 500) {
      Reply bug = bug(service.config().id(), call.operation(), cause);
      return audited(record(call, RoundTag.of(request), -1, status, bug.body().getString("error")), bug);
    }
    if (status == 400) {
      LOG.debug("server {}: {} refused ({}): {}", service.config().id(), call.operation(), status, message);
    } else {
      LOG.warn("server {}: {} refused ({}): {}", service.config().id(), call.operation(), status, message);
    }
    return audited(record(call, RoundTag.of(request), -1, status, message), new Reply(status, Wire.error(message)));
  }

  /**
   * The answer to a bug: 500, {@code {"error": "internal error (error id X; ...)", "errorId": X}}, and the stack trace
   * logged under that id, so that an operator can find what a caller reports.
   */
  static Reply bug(int serverId, String operation, Throwable cause) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    LOG.error("server {}: {} failed with an unexpected error [error id {}]", serverId, operation, id, cause);
    return new Reply(500, Wire.error("internal error (error id " + id + "; the server's log has the details)")
        .put("errorId", id));
  }

  private static int status(Operation op, Throwable t) {
    if (t instanceof BadRequestException) {
      return 400;
    }
    if (t instanceof Disclosure.Refused) {
      return 403;
    }
    if (t instanceof EstimationException) {
      return 422;
    }
    if (t instanceof FormulaException) {
      return op == Operation.RELOAD ? 422 : 400;
    }
    if (op == Operation.RELOAD && t instanceof SourceException s) {
      return s.unreachable() ? 503 : 422;
    }
    if (op == Operation.RELOAD && t instanceof DataFormatException) {
      return 422;
    }
    return 500;
  }

  /**
   * The reply, once its audit entry is written; with {@code --audit-required}, a 503 instead when it could not be:
   * no data leave the server without a trail.
   */
  private Future<Reply> audited(Future<Void> written, Reply reply) {
    if (!service.config().trust().auditRequired()) {
      return Future.succeededFuture(reply);
    }
    return written.transform(ar -> Future.succeededFuture(ar.succeeded() ? reply : new Reply(503,
        Wire.error("the audit trail cannot be written, and this server requires it (--audit-required): "
            + ar.cause().getMessage()))));
  }

  /** One audit entry and the request meters; completes when the entry is written. */
  private Future<Void> record(Call call, RoundTag tag, long rows, int status, String detail) {
    service.meters().request(call.transport(), call.operation(), status, rows);
    return audit.record(call.transport(), call.caller(), call.operation(), tag, rows, status, detail);
  }
}
