package org.openlgd.coordinator;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.openlgd.cli.Conf;
import org.openlgd.model.Model;

/**
 * A coordinator's settings, read once from its verticle config (the same keys as the long command-line options).
 *
 * @param servers   model-server base URLs
 * @param model     estimator to run
 * @param epochs    SGD epochs after the cold start (ignored by exact models, which need one round)
 * @param timeoutMs bound on every call to a server
 * @param tolerance SGD convergence: the last epoch changed no coefficient by more than tolerance * max(1, |b|)
 * @param verbose   report every server's estimate in every epoch
 */
public record CoordinatorConfig(List<String> servers, Model model, int epochs, long timeoutMs, double tolerance,
                                boolean verbose) {
  public static final int DEFAULT_EPOCHS = 10;
  public static final long DEFAULT_TIMEOUT_MS = 30_000;
  public static final double DEFAULT_TOLERANCE = 1e-3;

  public static CoordinatorConfig from(JsonObject c) {
    Conf conf = new Conf(c, "coordinator");
    List<String> servers = conf.list("servers");
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("coordinator: --servers URL[,URL...] is required");
    }
    for (String s : servers) {
      if (!s.startsWith("http://") && !s.startsWith("https://")) {
        throw new IllegalArgumentException("coordinator: server address '" + s + "' must start with http:// or https://");
      }
    }
    if (servers.stream().distinct().count() != servers.size()) {
      throw new IllegalArgumentException("coordinator: a server is listed twice in --servers " + servers);
    }
    double tol = conf.doubleValue("tol", DEFAULT_TOLERANCE);
    if (!(tol > 0)) {
      throw new IllegalArgumentException("coordinator: --tol must be positive");
    }
    return new CoordinatorConfig(List.copyOf(servers), Model.parse(conf.string("model", Model.SGD.wireName())),
        conf.intValue("epochs", DEFAULT_EPOCHS, 0, 1_000_000),
        conf.longValue("timeout", DEFAULT_TIMEOUT_MS, 1, 3_600_000), tol, conf.flag("verbose"));
  }
}
