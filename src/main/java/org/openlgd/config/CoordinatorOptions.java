package org.openlgd.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openlgd.config.CoordinatorConfig.Transport;
import org.openlgd.formula.Design;
import org.openlgd.formula.DesignSpec;
import org.openlgd.formula.FormulaException;
import org.openlgd.model.Model;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Everything a coordinator is configured with. */
public final class CoordinatorOptions {
  @Mixin
  ServersOption servers;
  @Option(names = "--port", paramLabel = "P",
      description = "serve /health, /metrics and /openapi.yaml on this port while the run lasts")
  Integer port;
  @Option(names = "--server-weights", paramLabel = "W", split = ",",
      description = "sgd: how much each server's estimate counts in the average (positive whole numbers, one per --servers "
          + "entry, in order); default: the rows each server reports, or equal weights when an original openLGD server "
          + "(which reports none) takes part")
  List<Long> serverWeights = new ArrayList<>();
  @Option(names = "--formula", paramLabel = "F",
      description = "the model as a formula, e.g. \"LGD ~ ltv + log(ead) + C(collateral) + senior:ltv\", sent to every "
          + "server, which builds its own design matrix (docs/formulas.md); default: the servers' own columns")
  String formula;
  @Option(names = "--weights", paramLabel = "COL",
      description = "weight each row by this column (e.g. exposure at default); a list of whole numbers is taken as "
          + "--server-weights, its earlier meaning")
  String weights;
  @Option(names = "--missing", paramLabel = "drop|error", defaultValue = "drop",
      description = "drop a row missing a value of a variable the model uses (the rows dropped are reported), or "
          + "refuse the data naming the row")
  String missing;
  @Mixin
  RunOptions run;
  @Mixin
  TokenOptions token;
  @Mixin
  TlsOptions tls;

  public CoordinatorConfig config(String context, boolean clustered) {
    List<String> urls = servers.urls();
    Transport transport = run.discovery.transport != null ? run.discovery.transport : clustered ? Transport.EVENTBUS : Transport.HTTP;
    if (!clustered && transport == Transport.EVENTBUS) {
      throw new IllegalArgumentException(context + ": --transport eventbus needs --cluster (the servers are in other JVMs)");
    }
    if (urls.isEmpty() && !clustered) {
      throw new IllegalArgumentException(context + ": --servers URL[,URL...] is required (or --cluster to discover the servers)");
    }
    if (!urls.isEmpty() && transport == Transport.EVENTBUS) {
      throw new IllegalArgumentException(context + ": --servers lists HTTP addresses; with --transport eventbus the servers are discovered");
    }
    ServersOption.checkSchemes(context, urls);
    ServersOption.checkDistinct(context, urls);
    FaultSettings f = run.faults.settings(context);
    if (!urls.isEmpty() && f.quorum() > urls.size()) {
      throw new IllegalArgumentException(context + ": --min-servers " + f.quorum() + " is more than the " + urls.size()
          + " servers listed");
    }
    int minServers = f.quorum() > 0 ? f.quorum() : urls.isEmpty() ? 1 : urls.size();
    long waitMs = 1000L * Check.range(context, "wait-seconds", run.discovery.waitSeconds, 1, 86_400);
    Tls t = tls.tls(context);
    if (t.enabled() && urls.stream().anyMatch(u -> u.startsWith("http://"))) {
      throw new IllegalArgumentException(context + ": TLS options are set but a server is listed with http://; use https://");
    }
    List<Long> weights = serverWeights;
    String rowWeights = this.weights == null || this.weights.isBlank() ? null : this.weights.trim();
    if (rowWeights != null && rowWeights.matches("\\d+(\\s*,\\s*\\d+)*") && serverWeights.isEmpty()) {
      weights = Arrays.stream(rowWeights.split(",")).map(w -> Long.parseLong(w.trim())).toList();
      rowWeights = null;
    }
    if (!weights.isEmpty() && weights.size() != urls.size()) {
      throw new IllegalArgumentException(context + ": --server-weights has " + weights.size() + " entries for " + urls.size()
          + " servers listed in --servers; give one per server, in the same order");
    }
    for (long w : weights) {
      Check.range(context, "weights", w, 1, Long.MAX_VALUE / 1_000_000);
    }
    if (!weights.isEmpty() && run.model.model() != Model.SGD) {
      throw new IllegalArgumentException(context + ": --server-weights applies to sgd (federated averaging) only; "
          + run.model.model() + " is exact and adds up the servers' statistics");
    }
    CoordinatorConfig.AfterFit after = run.afterFit(context);
    return new CoordinatorConfig(urls, run.model.model(), run.model.fit(context), f,
        new CoordinatorConfig.Discovery(transport, minServers, waitMs, 0), token.token(context), t,
        port == null ? -1 : Check.range(context, "port", port, -1, 65535), run.secure, weights,
        design(context, rowWeights), after);
  }

  /** The run's design, or null when the servers fit their own columns. */
  private DesignSpec design(String context, String rowWeights) {
    Design.Missing m = ColumnsOptions.missing(context, missing);
    if (formula == null || formula.isBlank()) {
      return rowWeights == null && m == Design.Missing.DROP && !run.serverEffects ? null
          : new DesignSpec(DesignSpec.OWN_COLUMNS, rowWeights, m, run.serverEffects);
    }
    DesignSpec spec = new DesignSpec(formula.trim(), rowWeights, m, run.serverEffects);
    try {
      spec.parsed();
    } catch (FormulaException e) {
      throw new IllegalArgumentException(context + ": --formula: " + e.getMessage());
    }
    return spec;
  }
}
