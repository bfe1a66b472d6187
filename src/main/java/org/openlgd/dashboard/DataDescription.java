package org.openlgd.dashboard;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import org.openlgd.api.DescribeCodec;
import org.openlgd.api.ModelServerClient;
import org.openlgd.config.DashboardConfig;
import org.openlgd.config.DescribeOptions;
import org.openlgd.coordinator.Describing;
import org.openlgd.coordinator.Discovery;
import org.openlgd.coordinator.EventBusModelServerClient;
import org.openlgd.coordinator.HttpModelServerClient;

/**
 * {@code GET /api/describe?target=COL&bins=K}: the dashboard's servers' data described, as the {@code describe}
 * command does it (the page's Data tab draws it). A server that cannot answer is left out with the reason; when none
 * can, 502.
 */
final class DataDescription {
  private static final long TIMEOUT_MS = 30_000;
  private static final long DISCOVERY_MS = 3_000;

  private final Vertx vertx;
  private final DashboardConfig cfg;
  private final WebClient client;

  DataDescription(Vertx vertx, DashboardConfig cfg, WebClient client) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.client = client;
  }

  void handle(RoutingContext ctx) {
    String target = ctx.queryParams().get("target");
    String bins = ctx.queryParams().get("bins");
    int k;
    try {
      k = bins == null || bins.isBlank() ? DescribeOptions.DEFAULT_BINS : Integer.parseInt(bins.trim());
    } catch (NumberFormatException e) {
      k = -1;
    }
    if (k < 1 || k > DescribeCodec.MAX_BINS) {
      DashboardVerticle.error(ctx, 400, "bins must be a whole number from 1 to " + DescribeCodec.MAX_BINS
          + " (got " + bins + ")");
      return;
    }
    int binCount = k;
    String column = target == null || target.isBlank() ? null : target.trim();
    clients().compose(cs -> new Describing(cs, column, binCount, TIMEOUT_MS).run()).onComplete(ar -> {
      if (ar.succeeded()) {
        DashboardVerticle.json(ctx, 200, ar.result());
      } else {
        DashboardVerticle.error(ctx, 502, ar.cause().getMessage());
      }
    });
  }

  private Future<List<ModelServerClient>> clients() {
    if (!cfg.servers().isEmpty()) {
      return Future.succeededFuture(cfg.servers().stream()
          .<ModelServerClient>map(u -> new HttpModelServerClient(client, u, cfg.token())).toList());
    }
    return Discovery.find(vertx, 1, DISCOVERY_MS, 300).map(found -> found.stream().<ModelServerClient>map(f ->
        new EventBusModelServerClient(vertx.eventBus(), f.key(), f.describe(), cfg.token())).toList());
  }
}
