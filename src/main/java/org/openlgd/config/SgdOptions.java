package org.openlgd.config;

import picocli.CommandLine.Option;

/** The SGD passes a server runs for federated averaging. */
public final class SgdOptions {
  public static final double DEFAULT_ETA0 = 0.1;

  @Option(names = "--seed", paramLabel = "S", description = "SGD shuffling seed (default: the server id; 1 for standalone)")
  Long seed;
  @Option(names = "--eta0", paramLabel = "X", defaultValue = "" + DEFAULT_ETA0,
      description = "SGD initial learning rate; epoch t's rate is eta0 / (1 + eta0 t) over global steps")
  double eta0;

  /** The seed given, else {@code fallback}. */
  public long seed(long fallback) {
    return seed == null ? fallback : seed;
  }

  public double eta0() {
    return eta0;
  }
}
