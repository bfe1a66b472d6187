package org.openlgd.cli;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.openlgd.cluster.Clustering;
import org.openlgd.config.ClusterOptions;
import org.openlgd.config.ClusterSettings;
import org.openlgd.config.DashboardConfig;
import org.openlgd.config.DashboardOptions;
import org.openlgd.config.RunOptions;
import org.openlgd.config.TlsOptions;
import org.openlgd.dashboard.DashboardVerticle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "dashboard", description = "the web dashboard, until the process is stopped: servers and their status, "
    + "runs started from the page (with the coordinator options given here), live convergence plots, coefficient table, "
    + "validation, past runs; REST /api/runs, /api/runs/ID, /api/servers, /api/events (server-sent events)")
final class DashboardCommand extends Subcommand {
  @Mixin
  DashboardOptions dashboard;
  @Mixin
  RunOptions run;
  @Mixin
  TlsOptions tls;
  @Mixin
  ClusterOptions cluster;

  @Override
  int run() throws Exception {
    ClusterSettings settings = cluster.settings("dashboard");
    DashboardConfig cfg = DashboardConfig.from(given, settings.enabled());
    Vertx vertx;
    try {
      vertx = Await.result(Clustering.start(settings));
    } catch (ExecutionException e) {
      err.println("openlgd dashboard: cannot join the cluster: " + e.getMessage());
      return 1;
    }
    CountDownLatch closed = Runs.closeOnShutdown(vertx);
    DashboardVerticle verticle = new DashboardVerticle(cfg);
    try {
      Await.result(vertx.deployVerticle(verticle));
    } catch (ExecutionException | RuntimeException e) {
      err.println("openlgd dashboard: " + e.getMessage());
      Await.result(vertx.close());
      return 1;
    }
    out.printf("dashboard ready on http://%s:%d/%n", cfg.host(), verticle.actualPort());
    out.flush();
    closed.await();
    return -1;
  }
}
