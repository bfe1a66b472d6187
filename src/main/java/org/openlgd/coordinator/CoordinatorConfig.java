package org.openlgd.coordinator;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.openlgd.api.Tls;
import org.openlgd.cli.Conf;
import org.openlgd.model.Model;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Covariance;

/**
 * A coordinator's settings, read once from its verticle config (the same keys as the long command-line options).
 *
 * @param servers   model-server base URLs
 * @param model     estimator to run
 * @param epochs    SGD epochs after the cold start (ignored by exact models, which need one round)
 * @param timeoutMs bound on every call to a server
 * @param tolerance SGD convergence: the last epoch changed no coefficient by more than tolerance * max(1, |b|)
 * @param verbose   report every server's estimate in every epoch
 * @param transport how to reach the servers
 * @param minServers with discovery: how many servers must be found before the run starts
 * @param waitMs    with discovery: how long to look for them at most
 * @param se        standard errors of the iterative models: robust (sandwich) or model; null for the model's default
 * @param boundary  what beta regression does with targets of exactly 0 or 1
 * @param token     bearer token presented to the servers, or null
 * @param waitUntilMs with discovery: a wall-clock deadline (epoch ms) for finding them, 0 for none; set by the
 *                  command line so that --wait-seconds also covers joining the cluster (config key
 *                  {@code wait-until-ms}, not a user option)
 * @param quorum    {@code --min-servers} as the quorum of every round: how many servers must answer for an SGD
 *                  (federated averaging) round to count; 0 means all of them. Exact models always need every server.
 * @param roundTimeoutMs deadline of one round, retries included ({@code --round-timeout})
 * @param retries   how often a call that failed transiently (no connection, timeout, 429/502/503/504, a stale reply)
 *                  is tried again within the round's deadline ({@code --retries})
 * @param retryBackoffMs the first retry's delay; each later one doubles it, with jitter ({@code --retry-backoff})
 * @param tls       the trust store for https:// servers and the client certificate for mutual TLS
 * @param port      HTTP port for the coordinator's own /health, /metrics and /openapi.yaml while it runs; -1 for none
 */
public record CoordinatorConfig(List<String> servers, Model model, int epochs, long timeoutMs, double tolerance,
                                boolean verbose, Transport transport, int minServers, long waitMs, long waitUntilMs,
                                Covariance se, BetaRegression.Boundary boundary, String token, int quorum,
                                long roundTimeoutMs, int retries, long retryBackoffMs, Tls tls, int port) {
  public static final int DEFAULT_EPOCHS = 10;
  public static final long DEFAULT_TIMEOUT_MS = 30_000;
  public static final long DEFAULT_ROUND_TIMEOUT_MS = 120_000;
  public static final int DEFAULT_RETRIES = 4;
  public static final long DEFAULT_RETRY_BACKOFF_MS = 250;
  public static final double DEFAULT_TOLERANCE = 1e-3;
  public static final int DEFAULT_WAIT_SECONDS = 30;
  /** With discovery, the run starts once no new server has appeared for this long. */
  public static final long SETTLE_MS = 500;

  /** How the coordinator reaches the model servers. */
  public enum Transport {
    HTTP, EVENTBUS;

    static Transport parse(String s) {
      return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "http" -> HTTP;
        case "eventbus" -> EVENTBUS;
        default -> throw new IllegalArgumentException("coordinator: --transport must be http or eventbus, got '" + s + "'");
      };
    }
  }

  /** True when the servers are found on the event bus rather than listed. */
  public boolean discovers() {
    return servers.isEmpty();
  }

  /**
   * Reads the config. {@code clustered} says whether this JVM is in a cluster (or a one-JVM simulation): then the
   * transport defaults to the event bus and servers may be discovered instead of listed.
   */
  public static CoordinatorConfig from(JsonObject c, boolean clustered) {
    Conf conf = new Conf(c, "coordinator");
    List<String> servers = conf.list("servers");
    Transport transport = Transport.parse(conf.string("transport", clustered ? "eventbus" : "http"));
    if (!clustered && transport == Transport.EVENTBUS) {
      throw new IllegalArgumentException("coordinator: --transport eventbus needs --cluster (the servers are in other JVMs)");
    }
    if (servers.isEmpty() && !clustered) {
      throw new IllegalArgumentException("coordinator: --servers URL[,URL...] is required (or --cluster to discover the servers)");
    }
    if (!servers.isEmpty() && transport == Transport.EVENTBUS) {
      throw new IllegalArgumentException("coordinator: --servers lists HTTP addresses; with --transport eventbus the servers are discovered");
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
    int quorum = c.containsKey("min-servers") ? conf.intValue("min-servers", 1, 1, 100_000) : 0;
    if (!servers.isEmpty() && quorum > servers.size()) {
      throw new IllegalArgumentException("coordinator: --min-servers " + quorum + " is more than the " + servers.size()
          + " servers listed");
    }
    int minServers = quorum > 0 ? quorum : servers.isEmpty() ? 1 : servers.size();
    long waitMs = 1000L * conf.intValue("wait-seconds", DEFAULT_WAIT_SECONDS, 1, 86_400);
    long timeoutMs = conf.longValue("timeout", DEFAULT_TIMEOUT_MS, 1, 3_600_000);
    long roundTimeoutMs = conf.longValue("round-timeout", Math.max(DEFAULT_ROUND_TIMEOUT_MS, timeoutMs), 1, 86_400_000);
    Tls tls = Tls.from(conf, "coordinator", "tls");
    if (tls.enabled() && servers.stream().anyMatch(u -> u.startsWith("http://"))) {
      throw new IllegalArgumentException("coordinator: TLS options are set but a server is listed with http://; use https://");
    }
    return new CoordinatorConfig(List.copyOf(servers), Model.parse(conf.string("model", Model.SGD.wireName())),
        conf.intValue("epochs", DEFAULT_EPOCHS, 0, 1_000_000), timeoutMs, tol, conf.flag("verbose"), transport,
        minServers, waitMs, conf.longValue("wait-until-ms", 0),
        conf.string("se", null) == null ? null : Covariance.parse(conf.string("se", null)),
        BetaRegression.Boundary.parse(conf.string("boundary", "refuse")), conf.secret("token", "token-file"),
        quorum, roundTimeoutMs, conf.intValue("retries", DEFAULT_RETRIES, 0, 100),
        conf.longValue("retry-backoff", DEFAULT_RETRY_BACKOFF_MS, 1, 600_000), tls, conf.intValue("port", -1, -1, 65535));
  }



  /** The quorum for a run over {@code servers} servers. */
  public int quorumOf(int servers) {
    return quorum == 0 ? servers : Math.min(quorum, servers);
  }

  /** How long discovery may still take, from now. */
  public long discoveryBudgetMs() {
    return waitUntilMs > 0 ? Math.max(0, Math.min(waitMs, waitUntilMs - System.currentTimeMillis())) : waitMs;
  }

  /** The config of a coordinator in a plain (non-clustered) JVM. */
  public static CoordinatorConfig from(JsonObject c) {
    return from(c, false);
  }
}
