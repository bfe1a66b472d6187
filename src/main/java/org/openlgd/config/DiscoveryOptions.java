package org.openlgd.config;

import org.openlgd.config.CoordinatorConfig.Transport;
import picocli.CommandLine.Option;

/** How a coordinator in a cluster finds its servers and reaches them. */
public final class DiscoveryOptions {
  public static final int DEFAULT_WAIT_SECONDS = 30;

  @Option(names = "--transport", paramLabel = "eventbus|http",
      description = "how the coordinator reaches the servers it discovered (http uses each server's announced URL); "
          + "default eventbus in a cluster, else http")
  Transport transport;
  @Option(names = "--wait-seconds", paramLabel = "S", defaultValue = "" + DEFAULT_WAIT_SECONDS,
      description = "the longest the coordinator waits (from its start, joining the cluster included) for --min-servers "
          + "servers; then it fails naming the shortfall")
  int waitSeconds;
}
