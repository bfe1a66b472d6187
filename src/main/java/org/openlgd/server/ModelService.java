package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import org.openlgd.api.BadRequestException;
import org.openlgd.api.Wire;
import org.openlgd.data.Dataset;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.LocalModel;
import org.openlgd.model.Model;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Validation;

/**
 * The model server's operations, independent of transport: the HTTP routes and the event-bus consumers of
 * {@link ModelServerVerticle} both call these. Estimates run on worker threads. A request that does not follow the
 * protocol fails with {@link BadRequestException}; an estimate that fails, with {@link EstimationException}.
 */
final class ModelService {
  private final Vertx vertx;
  private final ServerConfig cfg;
  private volatile LocalModel local;
  /** The data's min-category-count violation, or null; computed once per load, not per request. */
  private volatile String categoryProblem;
  private final String key;

  ModelService(Vertx vertx, ServerConfig cfg, LocalModel local, String key) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.local = local;
    this.categoryProblem = cfg.disclosure().categoryProblem(local.data());
    this.key = key;
  }

  Dataset data() {
    return local.data();
  }

  /** Replaces the data (after a reload); requests already running finish on the data they started with. */
  void replace(Dataset data) {
    categoryProblem = cfg.disclosure().categoryProblem(data);
    local = new LocalModel(data, cfg.seed(), cfg.eta0());
  }

  String key() {
    return key;
  }

  JsonObject hello(String fromServer) {
    Dataset d = local.data();
    return Wire.hello(fromServer, cfg.id(), d.rows(), d.target(), d.features(), cfg.model()).put("key", key)
        .put("source", d.source()).put("fingerprint", d.fingerprint());
  }

  /** What a server tells a coordinator looking for servers: who it is, where, and what it holds. */
  JsonObject announcement(String httpUrl) {
    Dataset d = local.data();
    ProcessHandle self = ProcessHandle.current();
    return new JsonObject()
        .put("key", key)
        .put("id", cfg.id())
        .put(Wire.N, d.rows())
        .put("target", d.target())
        .put("features", new JsonArray(d.features()))
        .put("host", hostName())
        .put("pid", self.pid())
        .put("http", httpUrl)
        .put("fingerprint", d.fingerprint());
  }

  /** Cold start; {@code modelName} null means the server's default model. The reply echoes {@code tag}. */
  Future<JsonObject> start(String modelName, String boundaryName, Wire.RoundTag tag) {
    Model model;
    BetaRegression.Boundary boundary;
    try {
      model = modelName == null ? cfg.model() : Model.parse(modelName);
      if (model.composite()) {
        throw new IllegalArgumentException("two-stage is fitted by the coordinator as three models in turn: ask for "
            + "cure-logit, total-loss-logit or beta");
      }
      boundary = boundaryName == null ? BetaRegression.Boundary.REFUSE : BetaRegression.Boundary.parse(boundaryName);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new BadRequestException(e.getMessage()));
    }
    LocalModel m = local;
    return estimate(m, () -> m.start(model, boundary), tag);
  }

  Future<JsonObject> update(JsonObject body) {
    Wire.UpdateRequest req;
    try {
      req = Wire.parseUpdate(body, local.data().features(), cfg.model());
    } catch (BadRequestException e) {
      return Future.failedFuture(e);
    }
    if (req.model().composite()) {
      return Future.failedFuture(new BadRequestException("two-stage is fitted by the coordinator as three models in turn: "
          + "ask for cure-logit, total-loss-logit or beta"));
    }
    LocalModel m = local;
    return estimate(m, () -> m.update(req.model(), req.parameters(), req.epoch(), req.boundary()), req.tag());
  }

  /** Validation sums at the posted parameters (same body as an update). */
  Future<JsonObject> validate(JsonObject body) {
    Wire.UpdateRequest req;
    try {
      req = Wire.parseUpdate(body, local.data().features(), cfg.model());
    } catch (BadRequestException e) {
      return Future.failedFuture(e);
    }
    LocalModel m = local;
    return vertx.executeBlocking(() -> {
      Validation.Sums sums;
      try {
        sums = m.validate(req.model(), req.parameters(), req.boundary());
      } catch (RuntimeException ex) {
        throw new EstimationException("validation failed: " + ex.getMessage(), ex);
      }
      cfg.disclosure().check(categoryProblem, sums.n(), req.model().parameterNames(m.data().features()).size());
      return req.tag().putInto(Wire.validation(cfg.id(), sums));
    }, false);
  }

  private Future<JsonObject> estimate(LocalModel m, Callable<LocalEstimate> work, Wire.RoundTag tag) {
    return vertx.executeBlocking(() -> {
      long t0 = System.nanoTime();
      LocalEstimate e;
      try {
        e = work.call();
      } catch (RuntimeException ex) {
        throw new EstimationException("estimation failed: " + ex.getMessage(), ex);
      }
      Dataset d = m.data();
      io.micrometer.core.instrument.Timer.builder("openlgd.server.estimation")
          .description("time a server spends computing an answer from its rows, by model")
          .tag("model", e.model().wireName()).register(org.openlgd.ops.Ops.registry())
          .record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
      cfg.disclosure().check(categoryProblem, e.n(), e.model().parameterNames(d.features()).size());
      return tag.putInto(Wire.estimate(cfg.id(), e, d.target(), d.features()).put("computeMs", (System.nanoTime() - t0) / 1e6));
    }, false);
  }

  /** This machine's host name ("localhost" if it cannot be found). */
  static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  /** An estimate failed on this server's data. */
  static final class EstimationException extends RuntimeException {
    EstimationException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
