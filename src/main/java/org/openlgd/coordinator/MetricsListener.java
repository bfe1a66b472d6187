package org.openlgd.coordinator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.ops.Ops;

/**
 * The coordinator's meters: runs by model and outcome, rounds by model and completeness (every server answered,
 * or the quorum only), round time, and servers missing from rounds.
 */
public final class MetricsListener implements RunListener {
  private final MeterRegistry registry = Ops.registry();
  private String model = "?";

  @Override
  public void runStarted(String runId, CoordinatorConfig cfg) {
    model = cfg.model().wireName();
  }

  @Override
  public void round(FederatedResult.Round round) {
    Counter.builder("openlgd.coordinator.rounds").description("rounds completed, by model and completeness")
        .tag("model", model).tag("complete", Boolean.toString(round.absent().isEmpty())).register(registry).increment();
    Timer.builder("openlgd.coordinator.round").description("round time, retries included, by model").tag("model", model)
        .register(registry).record(Math.round(round.millis() * 1e6), TimeUnit.NANOSECONDS);
    if (!round.absent().isEmpty()) {
      Counter.builder("openlgd.coordinator.servers.absent").description("servers missing from a round")
          .tag("model", model).register(registry).increment(round.absent().size());
    }
  }

  @Override
  public void finished(FederatedResult result) {
    runs("succeeded");
  }

  @Override
  public void failed(Throwable cause) {
    runs("failed");
  }

  private void runs(String outcome) {
    Counter.builder("openlgd.coordinator.runs").description("federated runs, by model and outcome").tag("model", model)
        .tag("outcome", outcome).register(registry).increment();
  }
}
