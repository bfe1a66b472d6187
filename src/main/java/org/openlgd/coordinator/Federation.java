package org.openlgd.coordinator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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
 * re-weighted over them; every round asks every server that passed the liveness check, so one that was away takes
 * part again as soon as it answers. Exact models need every server in every round: an exact result is never computed
 * on a subset. An instance runs once.
 */
public final class Federation {
  private static final Logger LOG = LoggerFactory.getLogger(Federation.class);

  private final List<ModelServerClient> clients;
  private final CoordinatorConfig cfg;
  private final RunListener listener;
  private final Aggregator aggregator;
  private final String runId = "run-" + UUID.randomUUID().toString().substring(0, 13);
  private final RoundEngine engine;
  private final List<FederatedResult.Round> history = new ArrayList<>();
  private boolean started;
  private long firstRoundAtMs;
  private List<ServerInfo> servers;
  private List<ModelServerClient> active;

  public Federation(Vertx vertx, List<ModelServerClient> clients, CoordinatorConfig cfg, RunListener listener) {
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
          active = found.from(clients);
          engine.exclude(found.absent(), "left out of the run since the liveness check");
          checkSchema(found.replies());
          listener.serversFound(cfg.model(), servers);
          firstRoundAtMs = System.currentTimeMillis();
          return cfg.secure() ? keyAgreement() : Future.succeededFuture();
        })
        .compose(x -> rounds(cfg.model().protocol(cfg.fit(), features())))
        .compose(fit -> validate(fit, t0))
        .onSuccess(listener::finished)
        .onFailure(listener::failed);
  }

  /**
   * Secure runs begin with one round in which every server makes an ephemeral key for the run; the coordinator relays
   * the keys in every later round, and each server masks against the others'. A server that gives no key is left out
   * of the run as at the liveness check (under the quorum rule).
   */
  private Future<Void> keyAgreement() {
    return engine.gather("key agreement", active, true, ModelServerClient::keys).map(g -> {
      List<ModelServerClient> keyed = g.from(active);
      Map<ModelServerClient, Participant> keys = new HashMap<>();
      for (int k = 0; k < keyed.size(); k++) {
        keys.put(keyed.get(k), g.replies().get(k));
      }
      List<ServerInfo> kept = g.from(servers);
      active = keyed;
      servers = kept;
      engine.exclude(g.absent(), "left out of the run: it gave no key for secure aggregation");
      engine.secure(keys);
      LOG.info("run {}: secure aggregation over {} servers (keys {})", runId, keyed.size(),
          kept.stream().map(s -> Integer.toString(s.id())).collect(Collectors.joining(", ")));
      return null;
    });
  }

  private List<String> features() {
    return servers.get(0).features();
  }

  private void checkSchema(List<ServerInfo> infos) {
    ServerInfo first = infos.get(0);
    for (ServerInfo s : infos) {
      if (!s.target().equals(first.target()) || !s.features().equals(first.features())) {
        throw new IllegalStateException("the servers hold different columns: " + first.url() + " has "
            + first.target() + " ~ " + first.features() + " but " + s.url() + " has " + s.target() + " ~ " + s.features());
      }
    }
    servers = List.copyOf(infos);
  }

  /** The protocol's rounds, one after the other, until it has its fit. */
  private Future<Fit> rounds(Protocol protocol) {
    RoundRequest ask = protocol.next();
    if (ask == null) {
      return Future.succeededFuture(protocol.result());
    }
    long r0 = System.nanoTime();
    List<String> features = features();
    return engine.<LocalEstimate>gather(ask.step(), active, true, (c, call) -> ask.start()
            ? c.start(ask.model(), features, ask.boundary(), call)
            : c.update(ask.model(), ask.epoch(), features, ask.parameters(), ask.boundary(), call))
        .compose(g -> {
          RoundSummary s = protocol.accept(new Protocol.Replies(g.replies(), clients.size()), aggregator);
          if (s != null) {
            FederatedResult.Round round = new FederatedResult.Round(s.epoch(), g.replies(), s.combined(), s.maxAbsChange(),
                ms(r0), s.deviance(), g.id(), g.participants(), g.absent(), g.attempts());
            history.add(round);
            listener.round(round);
          }
          return rounds(protocol);
        });
  }

  /**
   * The validation round: every server's sums at the final estimate, and the pooled figures. For federated averaging
   * the quorum rule applies here too; a server that did not answer has no row in the per-server list (null).
   */
  private Future<FederatedResult> validate(Fit fit, long t0) {
    return engine.gather("validation", active, true,
            (c, call) -> c.validate(cfg.model(), features(), fit.coefficients(), cfg.boundary(), call))
        .map(g -> {
          List<Validation.Report> perServer = new ArrayList<>();
          for (int k = 0; k < active.size(); k++) {
            int at = g.who().indexOf(k);
            ValidationReply own = at < 0 ? null : g.replies().get(at);
            perServer.add(own == null || own.sums() == null ? null : Validation.report(own.sums()));
          }
          Validation.Sums pooled = Validation.Sums.fromVector(aggregator.sum(g.replies(), r -> r.sums().toVector()));
          FederatedResult.RunInfo run = new FederatedResult.RunInfo(servers.get(0).target(), features(), servers,
              List.copyOf(history), ms(t0), firstRoundAtMs, aggregator.secure());
          return new FederatedResult(fit, run, new FederatedResult.Checks(Validation.report(pooled),
              Collections.unmodifiableList(perServer)));
        });
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }
}
