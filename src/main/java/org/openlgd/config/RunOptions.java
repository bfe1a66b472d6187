package org.openlgd.config;

import java.util.ArrayList;
import java.util.List;
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
  @Option(names = "--cross-validate", paramLabel = "servers",
      description = "servers: leave-one-server-out cross-validation; for each server an exact fit on the others, "
          + "validated on its rows, and the average of the held-out figures; not with --secure")
  String crossValidate;

  /** What the run adds after the pooled fit, checked against the model and --secure. */
  CoordinatorConfig.AfterFit afterFit(String context) {
    if (crossValidate != null && !crossValidate.equals("servers")) {
      throw new IllegalArgumentException(context + ": --cross-validate takes servers (leave one server out), not '"
          + crossValidate + "'");
    }
    boolean cv = crossValidate != null;
    List<String> asked = new ArrayList<>();
    if (meta) {
      asked.add("--meta");
    }
    if (cv) {
      asked.add("--cross-validate");
    }
    for (String option : asked) {
      if (secure) {
        throw new IllegalArgumentException(context + ": " + option + " needs fits on some servers' rows only, which "
            + "--secure does not offer (it hides each server's statistics); run one or the other");
      }
      if (!model.model().exact()) {
        throw new IllegalArgumentException(context + ": " + option + " needs exact fits; " + model.model()
            + " is approximate (choose ols, fractional-logit, beta, tobit or a logistic stage)");
      }
      if (!model.model().stages().isEmpty()) {
        throw new IllegalArgumentException(context + ": " + option + " works on one model; fit two-stage's stages "
            + "(cure-logit, total-loss-logit, beta) one by one");
      }
    }
    return new CoordinatorConfig.AfterFit(meta, cv);
  }

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
