package org.openlgd.coordinator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.openlgd.api.CallContext;
import org.openlgd.api.DesignCodec;
import org.openlgd.api.ModelServerClient;
import org.openlgd.api.ServerInfo;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.model.Aggregator;
import org.openlgd.model.Fit;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Protocol.RoundRequest;
import org.openlgd.model.Protocol.RoundSummary;
import org.openlgd.model.Protocol;
import org.openlgd.model.ValidationReply;
import org.openlgd.secure.Participant;
import org.openlgd.secure.SecureAggregator;
import org.openlgd.stats.BucketTable;
import org.openlgd.stats.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One federated estimation over a set of model servers, whatever their transport: a liveness and schema check, then
 * the rounds of the model's {@link Protocol}, chained as futures and each fanned out by the {@link RoundEngine}, then
 * a validation round at the final estimate. What servers send meets only in the {@link Aggregator}. Each round is
 * recorded with who took part and why any did not, and reported to the {@link RunListener}.
 *
 * <p>Federated averaging ({@code sgd}) counts a round when the quorum ({@code --min-servers}, default all) answered,
 * re-weighted over them. Each server has a circuit ({@link Circuits}): one that cannot be reached, or fails several
 * rounds in a row, is left out of the next rounds and probed in the background until it answers, then takes part
 * again; a server that missed the liveness check is probed the same way, and joins once its columns match. Exact
 * models need every server in every round: an exact result is never computed on a subset. An instance runs once.
 */
public final class Federation {
  private static final Logger LOG = LoggerFactory.getLogger(Federation.class);

  private final Vertx vertx;
  private final List<ModelServerClient> clients;
  private final CoordinatorConfig cfg;
  private final RunListener listener;
  private final Aggregator aggregator;
  private final String runId = "run-" + UUID.randomUUID().toString().substring(0, 13);
  private final RoundEngine engine;
  private final List<FederatedResult.Round> history = new ArrayList<>();
  private boolean started;
  private long firstRoundAtMs;
  private final Map<ModelServerClient, ServerInfo> known = new ConcurrentHashMap<>();
  private Circuits circuits;
  private Weighing weighing;
  /** The servers a round asks (those with an open circuit are left out by the engine). */
  private List<ModelServerClient> members;
  /** The run's design once the levels round found it; null when the servers fit their own columns. */
  private DesignSummary design;
  /** With --meta, the servers' own fits and their combination, once found. */
  private MetaResult meta;
  /** With --cross-validate servers, each held-out server's figures, once found. */
  private CrossValidation crossValidation;

  public Federation(Vertx vertx, List<ModelServerClient> clients, CoordinatorConfig cfg, RunListener listener) {
    this.vertx = vertx;
    this.clients = List.copyOf(clients);
    this.cfg = cfg;
    this.listener = listener;
    this.aggregator = cfg.secure() ? new SecureAggregator() : Aggregator.PLAIN;
    this.engine = new RoundEngine(vertx, runId, cfg, clients.size(), !cfg.model().exact());
  }

  public Future<FederatedResult> run() {
    if (started) {
      return Future.failedFuture(new IllegalStateException("a Federation runs once; create a new one"));
    }
    started = true;
    long t0 = System.nanoTime();
    LOG.info("run {}: model {}, {} server(s), quorum {}", runId, cfg.model(), clients.size(), engine.quorum());
    listener.runStarted(runId, cfg);
    return engine.gather("liveness check", clients, false, ModelServerClient::hello)
        .compose(found -> {
          List<ModelServerClient> alive = found.from(clients);
          checkSchema(alive, found.replies());
          weighing = Weighing.of(runId, cfg, clients, known);
          members = alive;
          if (!cfg.model().exact()) {
            watch(alive, found.absent());
          } else {
            engine.exclude(found.absent(), "left out of the run since the liveness check");
          }
          listener.serversFound(cfg.model(), List.copyOf(found.replies()));
          firstRoundAtMs = System.currentTimeMillis();
          return cfg.design() == null ? Future.<Void>succeededFuture() : designRound();
        })
        .compose(x -> cfg.secure() ? keyAgreement() : Future.succeededFuture())
        .compose(x -> rounds(protocol(), members))
        .compose(this::afterFit)
        .compose(fit -> validate(fit, t0))
        .onComplete(ar -> {
          if (circuits != null) {
            circuits.close();
          }
        })
        .onSuccess(listener::finished)
        .onFailure(listener::failed);
  }

  /**
   * Federated averaging: every server of the run gets a circuit, and the rounds ask all of them but those whose
   * circuit is open; a server that missed the liveness check starts with its circuit open, so it is probed.
   */
  private void watch(List<ModelServerClient> alive, List<String> absent) {
    circuits = new Circuits(vertx, runId, cfg.faults().breaker(), clients, this::probe);
    engine.circuits(circuits);
    for (ModelServerClient c : clients) {
      if (!alive.contains(c)) {
        String why = absent.stream().filter(a -> a.startsWith(c.address() + ":")).findFirst()
            .map(a -> a.substring(c.address().length() + 1).trim()).orElse("no answer");
        circuits.trip(c, "missed the liveness check: " + why);
      }
    }
    members = clients;
  }

  /** A half-open circuit's probe: the liveness request, and for a server not seen before, its columns checked. */
  private Future<?> probe(ModelServerClient c) {
    return c.hello(CallContext.untagged(cfg.faults().timeoutMs())).map(info -> {
      if (!known.containsKey(c)) {
        ServerInfo first = ServerInfo.columns(reporting());
        String why = null;
        if (info.original() && !weighing.originals() && cfg.weights().isEmpty()) {
          why = "left out of the run: an original openLGD server reports no rows; give --server-weights to take it in";
        } else if (!info.original() && (!info.target().equals(first.target()) || !info.features().equals(first.features()))) {
          why = "left out of the run: it holds " + info.target() + " ~ " + info.features() + ", not "
              + first.target() + " ~ " + first.features();
        }
        if (why != null) {
          circuits.retire(c, why);
          throw new IllegalStateException(why);
        }
        known.put(c, info);
        LOG.info("run {}: {} answered its liveness check late and joins the run", runId, c.address());
      }
      return info;
    });
  }

  /**
   * Secure runs begin with one round in which every server makes an ephemeral key for the run; the coordinator relays
   * the keys in every later round, and each server masks against the others'. A server that gives no key is left out
   * of the run as at the liveness check (under the quorum rule).
   */
  private Future<Void> keyAgreement() {
    return engine.gather("key agreement", members, true, ModelServerClient::keys).map(g -> {
      List<ModelServerClient> keyed = g.from(members);
      Map<ModelServerClient, Participant> keys = new HashMap<>();
      for (int k = 0; k < keyed.size(); k++) {
        keys.put(keyed.get(k), g.replies().get(k));
      }
      String why = "left out of the run: it gave no key for secure aggregation";
      for (ModelServerClient c : members) {
        if (!keys.containsKey(c) && circuits != null) {
          circuits.retire(c, why);
        }
      }
      members = keyed;
      engine.exclude(g.absent(), why);
      engine.secure(keys);
      LOG.info("run {}: secure aggregation over {} servers (keys {})", runId, keyed.size(),
          keyed.stream().map(c -> Integer.toString(known.get(c).id())).collect(Collectors.joining(", ")));
      return null;
    });
  }

  /** The levels round: the run's design, sent with every later request. */
  private Future<Void> designRound() {
    return DesignRound.run(engine, members, DesignRound.resolve(cfg.design(), reporting())).map(d -> {
      design = d;
      engine.design(DesignCodec.encode(d.spec()));
      LOG.info("run {}: design {} with {} columns; {} rows dropped for missing values", runId, d.spec().formula(),
          d.columns().size(), d.dropped());
      listener.designed(d);
      return null;
    });
  }

  private List<String> features() {
    return design != null ? design.columns() : ServerInfo.columns(reporting()).features();
  }

  /** The servers whose liveness reply the run has, in the order given. */
  private List<ServerInfo> reporting() {
    return clients.stream().filter(known::containsKey).map(known::get).toList();
  }

  /**
   * The openlgd servers must hold the same columns (an original openLGD server says nothing of its own); with a
   * formula, each server builds its design from its own columns, and the levels round checks them.
   */
  private void checkSchema(List<ModelServerClient> alive, List<ServerInfo> infos) {
    ServerInfo first = ServerInfo.columns(infos);
    boolean formula = cfg.design() != null && !cfg.design().ownColumns();
    for (ServerInfo s : infos) {
      if (!formula && !s.original() && (!s.target().equals(first.target()) || !s.features().equals(first.features()))) {
        throw new IllegalStateException("the servers hold different columns: " + first.url() + " has "
            + first.target() + " ~ " + first.features() + " but " + s.url() + " has " + s.target() + " ~ " + s.features()
            + "; give --formula: each server then builds the formula's columns, categoricals coded with the levels of all");
      }
    }
    for (int k = 0; k < alive.size(); k++) {
      known.put(alive.get(k), infos.get(k));
    }
  }

  /** A new protocol for the run's model and design. */
  private Protocol protocol() {
    return cfg.model().protocol(design != null && !design.spec().parsed().intercept()
        ? cfg.fit().withoutIntercept() : cfg.fit(), features());
  }

  /** With --meta or --cross-validate: those studies after the pooled fit (then left unchanged). */
  private Future<Fit> afterFit(Fit pooled) {
    if (!cfg.meta() && !cfg.crossValidate()) {
      return Future.succeededFuture(pooled);
    }
    Studies studies = new Studies(engine, cfg, members, c -> known.get(c).id(), features(), this::protocol,
        this::rounds);
    Future<Void> m = cfg.meta() ? studies.meta(pooled).map(r -> {
      meta = r;
      return null;
    }) : Future.succeededFuture();
    return m.compose(x -> cfg.crossValidate() ? studies.crossValidate().map(r -> {
      crossValidation = r;
      return pooled;
    }) : Future.succeededFuture(pooled));
  }

  /** The protocol's rounds over {@code who}, one after the other, until it has its fit. */
  private Future<Fit> rounds(Protocol protocol, List<ModelServerClient> who) {
    RoundRequest ask = protocol.next();
    if (ask == null) {
      return Future.succeededFuture(protocol.result());
    }
    if (weighing.originals() && ask.model() != cfg.model()) {
      LOG.info("run {}: no {} round: original openLGD servers give no exact statistics", runId, ask.step());
      protocol.accept(new Protocol.Replies(List.of(), clients.size()), aggregator);
      return rounds(protocol, who);
    }
    long r0 = System.nanoTime();
    long startedAt = System.currentTimeMillis();
    List<String> features = features();
    boolean subset = who != members; // a study after the pooled fit: not in the run's history
    return engine.<LocalEstimate>gather(ask.step(), who, true, (c, call) -> ask.start()
            ? c.start(ask.model(), features, ask.boundary(), call)
            : c.update(ask.model(), ask.epoch(), features, ask.parameters(), ask.boundary(), call))
        .compose(g -> {
          boolean averaged = ask.model() == cfg.model();
          RoundSummary s = protocol.accept(new Protocol.Replies(averaged ? weighing.apply(g.from(who), g.replies())
              : g.replies(), subset ? who.size() : clients.size()), subset ? Aggregator.PLAIN : aggregator);
          if (s != null && !subset) {
            FederatedResult.Round round = new FederatedResult.Round(s.epoch(), g.replies(), s.combined(), s.maxAbsChange(),
                ms(r0), s.deviance(), g.id(), g.participants(), g.absent(), g.attempts(), startedAt);
            history.add(round);
            listener.round(round);
          }
          return rounds(protocol, who);
        });
  }

  /**
   * The validation round: every server's sums at the final estimate, and the pooled figures. For federated averaging
   * the quorum rule applies here too; a server that did not answer has no row in the per-server list (null).
   */
  private Future<FederatedResult> validate(Fit fit, long t0) {
    List<ModelServerClient> reporting = members.stream().filter(known::containsKey).toList();
    List<ServerInfo> servers = reporting.stream().map(known::get).toList();
    ServerInfo columns = ServerInfo.columns(servers);
    List<ModelServerClient> asked = reporting.stream().filter(c -> !known.get(c).original()).toList();
    if (asked.isEmpty()) {
      return Future.succeededFuture(new FederatedResult(fit, runInfo(columns, servers, t0), null, meta, crossValidation));
    }
    int originals = reporting.size() - asked.size();
    int need = cfg.model().exact() ? asked.size() : Math.max(1, engine.quorum() - originals);
    return engine.gather("validation", asked, true, need,
            (c, call) -> c.validate(cfg.model(), features(), fit.coefficients(), cfg.boundary(), call))
        .map(g -> {
          List<Validation.Report> perServer = new ArrayList<>();
          for (ModelServerClient c : reporting) {
            int at = g.who().indexOf(asked.indexOf(c));
            ValidationReply own = at < 0 ? null : g.replies().get(at);
            perServer.add(own == null || own.sums() == null ? null : own.report());
          }
          Validation.Sums pooled = Validation.Sums.fromVector(aggregator.sum(g.replies(), r -> r.sums().toVector()));
          long suppressed = pooled.n() - BucketTable.loans(pooled.table());
          return new FederatedResult(fit, runInfo(columns, servers, t0), new FederatedResult.Checks(
              Validation.report(pooled), Collections.unmodifiableList(perServer), suppressed, pooled.calibration(),
              pooled.histogram()), meta, crossValidation);
        });
  }

  private FederatedResult.RunInfo runInfo(ServerInfo columns, List<ServerInfo> servers, long t0) {
    return new FederatedResult.RunInfo(design != null ? design.spec().parsed().response().code() : columns.target(),
        features(), servers, List.copyOf(history), ms(t0), firstRoundAtMs, aggregator.secure(), design);
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }
}
