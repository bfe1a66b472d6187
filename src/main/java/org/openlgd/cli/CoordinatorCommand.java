package org.openlgd.cli;

import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import org.openlgd.cluster.Clustering;
import org.openlgd.config.ClusterOptions;
import org.openlgd.config.ClusterSettings;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.config.CoordinatorOptions;
import org.openlgd.config.RecordOptions;
import org.openlgd.coordinator.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "coordinator", description = "run one federated estimation against running servers (--servers); or, "
    + "in a cluster (--cluster), against the servers it discovers on the event bus")
final class CoordinatorCommand extends Subcommand {
  @Mixin
  CoordinatorOptions coordinator;
  @Mixin
  ClusterOptions cluster;
  @Mixin
  RecordOptions records;
  @Mixin
  OutputOptions output;

  @Override
  int run() throws Exception {
    long startedAt = System.currentTimeMillis();
    ClusterSettings settings = cluster.settings("coordinator");
    CoordinatorConfig parsed = coordinator.config("coordinator", settings.enabled());
    // --wait-seconds also covers joining the cluster
    CoordinatorConfig cfg = parsed.discoveringUntil(startedAt + parsed.discovery().waitMs());
    RunRecord record = Runs.record(records, "coordinator", given);
    Vertx vertx;
    try {
      vertx = Await.result(Clustering.start(settings, cfg.port() >= 0));
    } catch (ExecutionException e) {
      err.println("openlgd coordinator: cannot join the cluster: " + e.getMessage());
      return 1;
    }
    return Runs.coordinate(this, vertx, cfg, false, output, record);
  }
}
