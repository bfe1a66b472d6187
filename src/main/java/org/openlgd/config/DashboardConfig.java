package org.openlgd.config;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A dashboard's settings.
 *
 * @param port        HTTP port (0 picks a free one)
 * @param host        address to bind
 * @param servers     model-server base URLs; empty to discover the servers on the (clustered) event bus
 * @param runsDir     where run records are written and read
 * @param record      whether the runs it starts are recorded
 * @param coordinator the coordinator options every run started from the page inherits (token, timeouts, TLS, ...),
 *                    as JSON keyed by option name; a run's form overrides some of them
 * @param token       the bearer token for the servers (also used for their status), or null
 * @param users       the htpasswd file of the users who may log in, or null for no login (loopback only)
 */
public record DashboardConfig(int port, String host, List<String> servers, String runsDir, boolean record,
                              JsonObject coordinator, String token, String users) {
  /** Keys that belong to the dashboard itself, not to the runs it starts. */
  private static final List<String> OWN = List.of("port", "host", "users", "runs-dir", "record", "cluster", "cluster-name",
      "cluster-config", "cluster-host", "cluster-tls-keystore", "cluster-tls-keystore-password",
      "cluster-tls-keystore-password-file", "cluster-tls-truststore", "cluster-tls-truststore-password",
      "cluster-tls-truststore-password-file");

  /** The settings of a JSON config keyed by option name; the coordinator options in it are checked too. */
  public static DashboardConfig from(JsonObject json, boolean clustered) {
    DashboardConfig cfg = Options.bind(new DashboardOptions(), json, "dashboard").config("dashboard", clustered, json);
    CoordinatorConfig.from(cfg.runConfig(new JsonObject()), clustered);
    return cfg;
  }

  /** The JSON config of a run started from the page: the inherited options, {@code overrides} on top. */
  public JsonObject runConfig(JsonObject overrides) {
    JsonObject conf = coordinator.copy().mergeIn(overrides);
    if (!servers.isEmpty() && !conf.containsKey("servers")) {
      conf.put("servers", String.join(",", servers));
    }
    return conf;
  }

  static JsonObject withoutOwnKeys(JsonObject json) {
    JsonObject out = json.copy();
    OWN.forEach(out::remove);
    return out;
  }
}
