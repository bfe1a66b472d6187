package org.openlgd.coordinator;

import java.util.List;
import org.openlgd.model.Model;

/** Progress of a federated estimation, for reporting. Called on the coordinator's event loop; must not block long. */
public interface RunListener {
  RunListener NONE = new RunListener() {
  };

  default void serversFound(Model model, List<ServerInfo> servers) {
  }

  default void round(FederatedResult.Round round) {
  }

  default void finished(FederatedResult result) {
  }
}
