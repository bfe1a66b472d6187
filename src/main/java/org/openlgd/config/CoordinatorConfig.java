package org.openlgd.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import org.openlgd.model.FitSettings;
import org.openlgd.formula.DesignSpec;
import org.openlgd.model.Model;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Covariance;

/**
 * A coordinator's settings, in groups.
 *
 * @param servers   model-server base URLs; empty to discover the servers on the event bus
 * @param model     the model to fit, and {@code fit} how
 * @param faults    timeouts, deadlines, retries and quorum
 * @param discovery how servers are found in a cluster, and reached
 * @param token     bearer token presented to the servers, or null
 * @param tls       the trust store for https:// servers and the client certificate for mutual TLS
 * @param port      HTTP port for the coordinator's own /health, /metrics and /openapi.yaml while it runs; -1 for none
 * @param secure    secure aggregation: the coordinator learns only sums over the servers, never one server's statistics
 * @param weights   sgd: how much each listed server's estimate counts in the average, in --servers order; empty to
 *                  weight by the rows each server reports (by equal weights when an original openLGD server is among them)
 * @param design    the formula, row weights and missing-value rule every server models, or null for the servers' own
 *                  columns as they are
 * @param after     what the run adds after the pooled fit: a meta-analysis, cross-validation by server
 */
public record CoordinatorConfig(List<String> servers, Model model, FitSettings fit, FaultSettings faults,
                                Discovery discovery, String token, Tls tls, int port, boolean secure, List<Long> weights,
                                DesignSpec design, AfterFit after) {
  public CoordinatorConfig {
    weights = List.copyOf(weights);
  }

  /** A config without --server-weights or a formula. */
  public CoordinatorConfig(List<String> servers, Model model, FitSettings fit, FaultSettings faults, Discovery discovery,
                           String token, Tls tls, int port, boolean secure) {
    this(servers, model, fit, faults, discovery, token, tls, port, secure, List.of(), null, AfterFit.NONE);
  }

  /** This config with {@code design} (null: the servers' own columns). */
  public CoordinatorConfig withDesign(DesignSpec design) {
    return new CoordinatorConfig(servers, model, fit, faults, discovery, token, tls, port, secure, weights, design, after);
  }

  /**
   * What a run adds after its pooled fit.
   *
   * @param meta          study-level meta-analysis: each server's own exact fit, and their fixed- and random-effects
   *                      combination (not with secure aggregation, which hides each server's statistics)
   * @param crossValidate leave-one-server-out: for each server, an exact fit on the others, validated on it
   */
  public record AfterFit(boolean meta, boolean crossValidate) {
    public static final AfterFit NONE = new AfterFit(false, false);
  }

  /** With --meta. */
  public boolean meta() {
    return after.meta();
  }

  /** With --cross-validate servers. */
  public boolean crossValidate() {
    return after.crossValidate();
  }

  /** With discovery, the run starts once no new server has appeared for this long. */
  public static final long SETTLE_MS = 500;

  /** How the coordinator reaches the model servers. */
  public enum Transport {
    HTTP, EVENTBUS;

    static Transport parse(String s) {
      return switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "http" -> HTTP;
        case "eventbus" -> EVENTBUS;
        default -> throw new IllegalArgumentException("must be http or eventbus, got '" + s + "'");
      };
    }
  }

  /**
   * @param transport   how the servers are reached
   * @param minServers  with discovery: how many servers must be found before the run starts
   * @param waitMs      with discovery: how long to look for them at most
   * @param waitUntilMs a wall-clock deadline (epoch ms) for finding them, 0 for none: set by the command line so that
   *                    --wait-seconds also covers joining the cluster
   */
  public record Discovery(Transport transport, int minServers, long waitMs, long waitUntilMs) {
    /** How long discovery may still take, from now. */
    public long budgetMs() {
      return waitUntilMs > 0 ? Math.max(0, Math.min(waitMs, waitUntilMs - System.currentTimeMillis())) : waitMs;
    }
  }

  /**
   * The settings of a JSON config whose keys are the long option names (unknown keys are ignored). {@code clustered}
   * says whether this JVM is in a cluster (or a one-JVM simulation): then the transport defaults to the event bus and
   * servers may be discovered instead of listed.
   */
  public static CoordinatorConfig from(JsonObject json, boolean clustered) {
    return Options.bind(new CoordinatorOptions(), json, "coordinator").config("coordinator", clustered);
  }

  /** The config of a coordinator in a plain (not clustered) JVM. */
  public static CoordinatorConfig from(JsonObject json) {
    return from(json, false);
  }

  /** This config with discovery ending at {@code epochMs} at the latest. */
  public CoordinatorConfig discoveringUntil(long epochMs) {
    return new CoordinatorConfig(servers, model, fit, faults,
        new Discovery(discovery.transport(), discovery.minServers(), discovery.waitMs(), epochMs), token, tls, port, secure,
        weights, design, after);
  }

  /** True when the servers are found on the event bus rather than listed. */
  public boolean discovers() {
    return servers.isEmpty();
  }

  public int epochs() {
    return fit.epochs();
  }

  public double tolerance() {
    return fit.tolerance();
  }

  public Covariance se() {
    return fit.se();
  }

  public BetaRegression.Boundary boundary() {
    return fit.boundary();
  }
}
