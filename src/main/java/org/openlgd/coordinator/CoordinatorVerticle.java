package org.openlgd.coordinator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import org.openlgd.api.ModelServerClient;
import org.openlgd.api.TlsSetup;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.ops.Ops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one federated estimation when deployed: over HTTP against listed servers, or, in a cluster (or a one-JVM
 * simulation), against the servers it discovers on the event bus, reached over the event bus or their HTTP
 * endpoints. Its deployment completes once the run has started; the outcome is {@link #result()}. A thin adapter:
 * the rounds are {@link Federation}'s, the finding {@link Discovery}'s.
 */
public final class CoordinatorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorVerticle.class);

  private final CoordinatorConfig given;
  private final RunListener listener;
  /** How long discovery waits for one more server on the local event bus of a simulation. */
  private static final long LOCAL_SETTLE_MS = 50;
  private final boolean localBus;
  private final Promise<FederatedResult> result = Promise.promise();
  private final Progress progress = new Progress();
  private WebClient client;

  /** A coordinator configured by its deployment's JSON config; it may use the event bus only in a cluster. */
  public CoordinatorVerticle(RunListener listener) {
    this(null, listener, false);
  }

  /**
   * A coordinator configured by its deployment's JSON config.
   *
   * @param localBus the model servers are deployed in this Vert.x instance (a simulation), so the event bus reaches
   *                 them without a cluster
   */
  public CoordinatorVerticle(RunListener listener, boolean localBus) {
    this(null, listener, localBus);
  }

  public CoordinatorVerticle(CoordinatorConfig cfg, RunListener listener, boolean localBus) {
    this.given = cfg;
    this.listener = listener;
    this.localBus = localBus;
  }

  /** Completes with the estimation's result, or fails with a message naming what went wrong. */
  public Future<FederatedResult> result() {
    return result.future();
  }

  @Override
  public Future<?> start() {
    CoordinatorConfig cfg = given != null ? given : CoordinatorConfig.from(config(), localBus || vertx.isClustered());
    client = WebClient.create(vertx, TlsSetup.client(cfg.tls(), new WebClientOptions()).setKeepAlive(true).setTcpNoDelay(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, cfg.faults().timeoutMs())).setUserAgent("openlgd-coordinator"));
    // meters only where a registry collects them (a coordinator without --port has none)
    RunListener metered = Ops.metricsOn() ? RunListener.both(listener, new MetricsListener()) : listener;
    RunListener all = RunListener.both(metered, progress);
    clients(cfg)
        .compose(clients -> new Federation(vertx, clients, cfg, all).run())
        .onComplete(result);
    return cfg.port() < 0 ? Future.succeededFuture() : opsServer(cfg.port());
  }

  /** /health (what the run is doing), /metrics and /openapi.yaml on {@code port}, while the coordinator runs. */
  private Future<?> opsServer(int port) {
    Router router = Router.router(vertx);
    Ops.mount(router, () -> new JsonObject().put("status", "UP").put("role", "coordinator").put("run", progress.runId)
        .put("state", progress.state).put("rounds", progress.rounds).put("cluster", vertx.isClustered() ? "joined" : "not clustered"));
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
        .onSuccess(s -> LOG.info("coordinator health and metrics on http://127.0.0.1:{}/health and /metrics", s.actualPort()));
  }

  /** What the run is doing, for /health. */
  private static final class Progress implements RunListener {
    volatile String runId;
    volatile String state = "looking for servers";
    volatile int rounds;

    @Override
    public void runStarted(String id, CoordinatorConfig cfg) {
      runId = id;
      state = "liveness check";
    }

    @Override
    public void round(FederatedResult.Round round) {
      rounds++;
      state = "running";
    }

    @Override
    public void finished(FederatedResult r) {
      state = "finished";
    }

    @Override
    public void failed(Throwable cause) {
      state = "failed: " + cause.getMessage();
    }
  }

  private Future<List<ModelServerClient>> clients(CoordinatorConfig cfg) {
    if (!cfg.discovers()) {
      return Future.succeededFuture(cfg.servers().stream()
          .<ModelServerClient>map(url -> new HttpModelServerClient(client, url, cfg.token())).toList());
    }
    CoordinatorConfig.Discovery d = cfg.discovery();
    long budget = d.budgetMs();
    LOG.info("looking for at least {} model server(s) on the event bus (up to {} s)", d.minServers(), budget / 1000.0);
    // in a simulation every server was deployed before the coordinator and answers within milliseconds
    long settle = localBus ? LOCAL_SETTLE_MS : CoordinatorConfig.SETTLE_MS;
    return Discovery.find(vertx, d.minServers(), budget, settle).map(found -> {
      if (d.transport() == CoordinatorConfig.Transport.EVENTBUS) {
        return found.stream().<ModelServerClient>map(f ->
            new EventBusModelServerClient(vertx.eventBus(), f.key(), f.describe(), cfg.token())).toList();
      }
      for (Discovery.Found f : found) {
        if (f.http() == null) {
          throw new IllegalStateException(f.describe() + " has no HTTP endpoint; use --transport eventbus or give it a --port");
        }
      }
      return found.stream().<ModelServerClient>map(f -> new HttpModelServerClient(client, f.http(), cfg.token())).toList();
    });
  }

  @Override
  public Future<?> stop() {
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }
}
