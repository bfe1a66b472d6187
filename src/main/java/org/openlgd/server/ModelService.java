package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.openlgd.api.BadRequestException;
import org.openlgd.api.DesignCodec;
import org.openlgd.api.EstimateCodec;
import org.openlgd.api.HelloCodec;
import org.openlgd.api.RoundTag;
import org.openlgd.api.SecureCodec;
import org.openlgd.api.UpdateCodec;
import org.openlgd.api.ValidationCodec;
import org.openlgd.api.Wire;
import org.openlgd.config.ServerConfig;
import org.openlgd.data.Dataset;
import org.openlgd.data.Table;
import org.openlgd.formula.Design;
import org.openlgd.formula.DesignSpec;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.LocalModel;
import org.openlgd.model.Model;
import org.openlgd.secure.Masking;
import org.openlgd.secure.Ring;
import org.openlgd.secure.SecureRound;
import org.openlgd.secure.Shares;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.BucketTable;
import org.openlgd.stats.EstimationException;
import org.openlgd.stats.FractionalLogit;
import org.openlgd.stats.Validation;

/**
 * What a model server does with its rows, whatever the transport: the answers to hello, start, update and
 * validate, reloads, and what it says about itself. Requests arrive parsed (see {@link RequestPipeline}); every
 * estimate runs on the named worker pool {@value #EXECUTOR}, sized for the machine, never on an event loop, and is
 * checked against the disclosure rules before it is answered. An estimate that cannot be made on these rows fails
 * with {@link EstimationException} (a known condition, 422); anything else that fails is a bug and is left as it is,
 * for the pipeline to answer 500 with an error id.
 */
public final class ModelService {
  /** The worker pool every model server of a JVM estimates on. */
  static final String EXECUTOR = "openlgd-estimation";

  private final Vertx vertx;
  private final ServerConfig cfg;
  private final String key;
  private final WorkerExecutor executor;
  private final ServerMeters meters;
  private final SecureSessions sessions;
  /** The rows and the designs built on them; replaced as a whole by a reload. */
  private volatile Site site;

  /** A service over {@code site}; close it to release its share of the worker pool. */
  ModelService(Vertx vertx, ServerConfig cfg, Site site, String key) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.key = key;
    this.executor = vertx.createSharedWorkerExecutor(EXECUTOR, Runtime.getRuntime().availableProcessors());
    this.site = site;
    this.meters = new ServerMeters(cfg.id(), () -> data().rows());
    this.sessions = new SecureSessions(cfg.id(), cfg.secure());
  }

  /** A service over the rows of {@code table}, modelled by the server's own columns or formula. */
  public ModelService(Vertx vertx, ServerConfig cfg, Table table, String key) {
    this(vertx, cfg, new Site(table, cfg), key);
  }

  /** A service over the columns of {@code data}. */
  public ModelService(Vertx vertx, ServerConfig cfg, Dataset data, String key) {
    this(vertx, cfg, Table.of(data), key);
  }

  /**
   * Loads the server's data source and builds its own design (on a worker thread), checking the rows against its
   * default model: a model of LGD as a fraction refuses, at load, a target outside [0, 1], naming the data row.
   */
  static Future<Site> load(Vertx vertx, ServerConfig cfg) {
    return DataSource.of(vertx, cfg.data()).load().compose(table -> vertx.executeBlocking(() -> {
      Site loaded = new Site(table, cfg);
      if (cfg.model().lgdAsFraction()) {
        try {
          FractionalLogit.checkFractions(loaded.own().data());
        } catch (EstimationException e) {
          throw new EstimationException(e.getMessage() + " (this server's --model " + cfg.model()
              + " models LGD as a fraction)");
        }
      }
      return loaded;
    }, false));
  }

  ServerConfig config() {
    return cfg;
  }

  ServerMeters meters() {
    return meters;
  }

  /** The rows of the server's own design. */
  public Dataset data() {
    return site.own().data();
  }

  /**
   * The rows a request is about: those of the run's design it carries (its {@code design} field), built on first use,
   * or the server's own. A design this server does not accept ({@code --formulas}) is refused (403); a formula
   * that does not fit its data is a 400 naming the problem, data that do not fit it a 422. A round of a fit on this
   * server's rows alone ({@code "local": true}) is refused (403) unless the server allows its own estimates.
   */
  Site.Designed designed(JsonObject request) {
    if (Boolean.TRUE.equals(request.getValue(Wire.LOCAL)) && !cfg.trust().localEstimates()) {
      throw new Disclosure.Refused("this server does not give its own estimates (--allow-local-estimates false): "
          + "a fit on its rows alone, as a meta-analysis asks, is refused");
    }
    Object d = request.getValue(DesignCodec.DESIGN);
    Site s = site;
    if (d == null) {
      return s.own();
    }
    DesignSpec spec = Disclosure.accepted(cfg.trust().formulas(), DesignCodec.parse(d));
    if (spec.levels() == null) {
      throw new BadRequestException("'design.levels' is required with an estimate (the levels round finds them)");
    }
    return s.designed(spec);
  }

  /**
   * The levels round of a run's design: the levels of its categorical factors here (names only) with the rows kept
   * and dropped, after the disclosure rules (see {@link Disclosure#checkLevels}); on the worker pool.
   */
  Future<JsonObject> levels(JsonObject request) {
    DesignSpec spec = Disclosure.accepted(cfg.trust().formulas(), DesignCodec.parse(request));
    RoundTag tag = RoundTag.parse(request.getValue(Wire.RUN), request.getValue(Wire.ROUND));
    Site s = site;
    return executor.executeBlocking(() -> {
      Design.Found found = s.found(spec);
      Disclosure.checkLevels(cfg.trust().disclosure(), found.counts(), found.kept());
      Map<String, List<Object>> levels = new LinkedHashMap<>();
      found.counts().forEach((factor, c) -> levels.put(factor, new ArrayList<>(c.keySet())));
      return tag.putInto(new JsonObject().put("id", cfg.id()).put(DesignCodec.LEVELS, DesignCodec.levels(levels))
          .put(Wire.N, found.kept()).put(DesignCodec.DROPPED, s.rows() - found.kept()));
    }, false);
  }

  /** The description of the loaded rows ({@link Describer}), on the worker pool. */
  Future<JsonObject> describe(JsonObject request) {
    Site s = site;
    return executor.executeBlocking(() -> new Describer(s.table(), cfg.trust().disclosure())
        .reply(cfg.id(), s.own().data().target(), request), false);
  }

  /** This server's event-bus key. */
  public String key() {
    return key;
  }

  /** Reads the data source again; later requests use the new rows. On failure the previous rows stay in use. */
  Future<Dataset> reload() {
    return load(vertx, cfg).map(s -> {
      site = s;
      return s.own().data();
    });
  }

  /** Releases this service's share of the worker pool. */
  Future<Void> close() {
    return executor.close();
  }

  JsonObject hello(String fromServer) {
    Dataset d = data();
    return HelloCodec.encode(fromServer, cfg.id(), d.rows(), d.target(), d.features(), cfg.model()).put("key", key)
        .put("source", d.source()).put("fingerprint", d.fingerprint())
        .put(HelloCodec.DATA_FINGERPRINT, site.dataFingerprint());
  }

  /** What a server tells a coordinator looking for servers: who it is, where, and what it holds. */
  JsonObject announcement(String httpUrl) {
    Dataset d = data();
    return new JsonObject().put("key", key).put("id", cfg.id()).put(Wire.N, d.rows()).put("target", d.target())
        .put("features", new JsonArray(d.features())).put("host", ServerConfig.hostName()).put("pid", ProcessHandle.current().pid())
        .put("http", httpUrl).put("fingerprint", d.fingerprint());
  }

  /** Readiness: the data are loaded (a server serves only after that) and, in a cluster, it is joined. */
  JsonObject health(boolean clustered) {
    Dataset d = data();
    return new JsonObject().put("status", "UP").put("role", "model-server").put("id", cfg.id()).put("rows", d.rows())
        .put("checks", new JsonObject().put("data", "loaded: " + d.rows() + " rows, fingerprint " + d.fingerprint())
            .put("cluster", clustered ? "joined" : "not clustered"));
  }

  /** This server's ephemeral key for the tag's run, signed with its identity key if it has one. */
  JsonObject keys(RoundTag tag) {
    if (tag.run() == null) {
      throw new BadRequestException("'run' is required: keys are per run");
    }
    return tag.putInto(SecureCodec.announcement(sessions.open(tag.run()).announcement()));
  }

  /** Cold start of {@code model}; the reply echoes {@code tag}; masked in a secure round ({@code secure} not null). */
  Future<JsonObject> start(Site.Designed on, Model model, BetaRegression.Boundary boundary, RoundTag tag, SecureRound secure) {
    LocalModel m = on.model();
    return estimate(on, () -> m.start(model, boundary), tag, secure);
  }

  /** Warm start from the posted parameters. */
  Future<JsonObject> update(Site.Designed on, UpdateCodec.UpdateRequest req, SecureRound secure) {
    LocalModel m = on.model();
    return estimate(on, () -> m.update(req.model(), req.parameters(), req.epoch(), req.boundary()), req.tag(), secure);
  }

  /** Validation sums at the posted parameters (same request as an update). */
  Future<JsonObject> validate(Site.Designed on, UpdateCodec.UpdateRequest req, SecureRound secure) {
    LocalModel m = on.model();
    Masking masking = secure == null ? null : masking(req.tag());
    return executor.executeBlocking(() -> {
      Disclosure.refuseDesign(on.categoryProblem());
      Validation.Sums full = m.validate(req.model(), req.parameters(), req.boundary());
      // no bucket cell and no calibration point rests on fewer loans than the disclosure minimum
      int min = cfg.trust().disclosure().minCategoryCount();
      long[][] shown = BucketTable.suppressed(full.table(), min);
      Validation.Sums sums = full.withTable(shown)
          .withCalibration(full.calibration() == null ? null : full.calibration().merged(min))
          .withHistogram(full.histogram() == null ? null : BucketTable.suppressed(new long[][] {full.histogram()}, min)[0]);
      long hidden = BucketTable.loans(full.table()) - BucketTable.loans(shown);
      Disclosure.check(cfg.trust().disclosure(), on.categoryProblem(), sums.n(), req.model().parameterNames(m.data().features()).size());
      if (secure == null) {
        return req.tag().putInto(ValidationCodec.encode(cfg.id(), sums, BucketTable.somersD(full.table()), hidden));
      }
      BigInteger[] masked = mask(masking, secure, req.tag(), Shares.VALIDATION,
          () -> Shares.encode(sums.toVector(), Validation.Sums::vectorName));
      return req.tag().putInto(ValidationCodec.encodeMasked(cfg.id(), sums, masked, cfg.secure().discloseOwnValidation()));
    }, false);
  }

  private Future<JsonObject> estimate(Site.Designed on, Callable<LocalEstimate> work, RoundTag tag, SecureRound secure) {
    Masking masking = secure == null ? null : masking(tag);
    LocalModel m = on.model();
    return executor.executeBlocking(() -> {
      Disclosure.refuseDesign(on.categoryProblem());
      long t0 = System.nanoTime();
      LocalEstimate e = work.call();
      finite(e);
      Dataset d = m.data();
      meters.estimation(e.model().wireName(), System.nanoTime() - t0);
      Disclosure.check(cfg.trust().disclosure(), on.categoryProblem(), e.n(), e.model().parameterNames(d.features()).size());
      JsonObject reply = secure == null ? EstimateCodec.encode(cfg.id(), e, d.target(), d.features())
          : EstimateCodec.encodeMasked(cfg.id(), e, mask(masking, secure, tag, Shares.ESTIMATE, () -> e.r() != null
              ? Shares.gram(e.r(), e.n()) : Shares.encode(e.statistic(), i -> e.model().family().statisticName(e, i))));
      return tag.putInto(reply.put("computeMs", (System.nanoTime() - t0) / 1e6));
    }, false);
  }

  /** The run's masking; a secure round needs its run and round. */
  private Masking masking(RoundTag tag) {
    if (tag.run() == null || tag.round() < 0) {
      throw new BadRequestException("a secure round needs 'run' and 'round'");
    }
    return sessions.of(tag.run());
  }

  /**
   * The exact encoding of a statistic, masked for the round: a value the ring cannot hold is a 422 naming it, a
   * participant set this server refuses (too small, its key replaced, a key not signed by its owner) a 403.
   */
  private static BigInteger[] mask(Masking masking, SecureRound secure, RoundTag tag, String statistic,
                                   Supplier<BigInteger[]> encode) {
    BigInteger[] encoded;
    try {
      encoded = encode.get();
    } catch (Ring.OverflowException e) {
      throw new EstimationException(e.getMessage());
    }
    try {
      return masking.mask(encoded, secure, tag.round(), statistic);
    } catch (IllegalArgumentException e) {
      throw new Disclosure.Refused("secure aggregation: " + e.getMessage());
    }
  }

  /** Statistics that overflowed (parameters far from these data) cannot be answered. */
  private static void finite(LocalEstimate e) {
    boolean ok = e.coefficients() == null || allFinite(e.coefficients());
    if (e.r() != null) {
      ok &= Arrays.stream(e.r()).allMatch(ModelService::allFinite);
    }
    if (e.score() != null) {
      ok &= allFinite(e.score().gradient()) && Double.isFinite(e.score().deviance())
          && Arrays.stream(e.score().information()).allMatch(ModelService::allFinite)
          && Arrays.stream(e.score().meat()).allMatch(ModelService::allFinite);
    }
    if (!ok) {
      throw new EstimationException("the " + e.model() + " statistics at the posted parameters are not finite on "
          + "this server's rows (an overflow: are the parameters far from the data?)");
    }
  }

  private static boolean allFinite(double[] v) {
    return Arrays.stream(v).allMatch(Double::isFinite);
  }
}
