package org.openlgd.config;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a federated run, whoever starts it: the model, the fault handling, the discovery of servers. */
public final class RunOptions {
  @Mixin
  ModelOptions model;
  @Mixin
  FaultOptions faults;
  @Mixin
  DiscoveryOptions discovery;
  @Option(names = "--secure",
      description = "secure aggregation: servers send masked exact shares, and the coordinator learns only sums over "
          + "at least 3 servers, never one server's statistics (docs/secure.md)")
  boolean secure;
  @Option(names = "--server-effects",
      description = "bank fixed effects: one indicator per server but the first, named server[T.<id>], in the model "
          + "(with --formula, or the servers' own columns)")
  boolean serverEffects;
  @Option(names = "--meta",
      description = "study-level meta-analysis: after the pooled fit, each server's own exact fit (a disclosure its "
          + "servers must allow: --allow-local-estimates) and, per coefficient, their fixed-effect and "
          + "DerSimonian-Laird random-effects combination with Cochran's Q, I2 and tau2; not with --secure")
  boolean meta;

  public ModelOptions model() {
    return model;
  }

  public boolean secure() {
    return secure;
  }

  public boolean serverEffects() {
    return serverEffects;
  }

  /** The transport asked for, or null for the command's default. */
  public CoordinatorConfig.Transport transport() {
    return discovery.transport;
  }
}
