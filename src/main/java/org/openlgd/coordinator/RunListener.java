package org.openlgd.coordinator;

import java.util.List;
import org.openlgd.api.ServerInfo;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.model.Model;

/** Progress of a federated estimation, for reporting. Called on the coordinator's event loop; must not block long. */
public interface RunListener {
  RunListener NONE = new RunListener() {
  };

  /** A run begins: its id (sent with every request) and its settings. */
  default void runStarted(String runId, CoordinatorConfig cfg) {
  }

  default void serversFound(Model model, List<ServerInfo> servers) {
  }

  /** The levels round found the run's design (runs with a formula, weights or server effects only). */
  default void designed(DesignSummary design) {
  }

  default void round(FederatedResult.Round round) {
  }

  default void finished(FederatedResult result) {
  }

  /** The run failed; {@code cause}'s message says why. */
  default void failed(Throwable cause) {
  }

  /** A listener that passes every event to {@code a}, then to {@code b}. */
  static RunListener both(RunListener a, RunListener b) {
    return new RunListener() {
      @Override
      public void runStarted(String runId, CoordinatorConfig cfg) {
        a.runStarted(runId, cfg);
        b.runStarted(runId, cfg);
      }

      @Override
      public void serversFound(Model model, List<ServerInfo> servers) {
        a.serversFound(model, servers);
        b.serversFound(model, servers);
      }

      @Override
      public void designed(DesignSummary design) {
        a.designed(design);
        b.designed(design);
      }

      @Override
      public void round(FederatedResult.Round round) {
        a.round(round);
        b.round(round);
      }

      @Override
      public void finished(FederatedResult result) {
        a.finished(result);
        b.finished(result);
      }

      @Override
      public void failed(Throwable cause) {
        a.failed(cause);
        b.failed(cause);
      }
    };
  }
}
