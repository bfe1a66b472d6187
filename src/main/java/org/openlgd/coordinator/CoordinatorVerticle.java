package org.openlgd.coordinator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one federated estimation over HTTP when deployed. Its deployment completes once the run has started; the
 * outcome is {@link #result()}. A thin adapter: the protocol is in {@link Federation}, the statistics in plain Java.
 */
public final class CoordinatorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorVerticle.class);

  private final RunListener listener;
  private final Promise<FederatedResult> result = Promise.promise();
  private WebClient client;

  public CoordinatorVerticle(RunListener listener) {
    this.listener = listener;
  }

  /** Completes with the estimation's result, or fails with a message naming what went wrong. */
  public Future<FederatedResult> result() {
    return result.future();
  }

  @Override
  public Future<?> start() {
    CoordinatorConfig cfg = CoordinatorConfig.from(config());
    client = WebClient.create(vertx, new WebClientOptions()
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, cfg.timeoutMs()))
        .setUserAgent("openlgd-coordinator"));
    List<ModelServerClient> clients = cfg.servers().stream()
        .<ModelServerClient>map(url -> new HttpModelServerClient(client, url, cfg.timeoutMs()))
        .toList();
    LOG.debug("coordinating {} over {}", cfg.model(), cfg.servers());
    new Federation(clients, cfg, listener).run().onComplete(result);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }
}
