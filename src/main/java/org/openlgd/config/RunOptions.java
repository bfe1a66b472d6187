package org.openlgd.config;

import picocli.CommandLine.Mixin;

/** The options of a federated run, whoever starts it: the model, the fault handling, the discovery of servers. */
public final class RunOptions {
  @Mixin
  ModelOptions model;
  @Mixin
  FaultOptions faults;
  @Mixin
  DiscoveryOptions discovery;

  public ModelOptions model() {
    return model;
  }
}
