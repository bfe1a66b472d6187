package org.openlgd.dashboard;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.openlgd.cli.Conf;

/**
 * A dashboard's settings, read once from its verticle config.
 *
 * @param port    HTTP port (0 picks a free one)
 * @param host    address to bind (127.0.0.1)
 * @param servers model-server base URLs; empty to discover the servers on the (clustered) event bus
 * @param runsDir where run records are written and read
 * @param coordinator settings every run started from the page inherits (token, timeouts, TLS, transport, ...)
 * @param token   the bearer token for the servers (also used for their status), or null
 */
public record DashboardConfig(int port, String host, List<String> servers, String runsDir, JsonObject coordinator,
                              String token) {
  /** Keys that belong to the dashboard itself, not to the runs it starts. */
  private static final List<String> OWN = List.of("port", "host", "runs-dir", "cluster", "cluster-name", "cluster-config",
      "cluster-host");

  public static DashboardConfig from(JsonObject c, boolean clustered) {
    Conf conf = new Conf(c, "dashboard");
    List<String> servers = conf.list("servers");
    if (servers.isEmpty() && !clustered) {
      throw new IllegalArgumentException("dashboard: --servers URL[,URL...] is required (or --cluster to discover them)");
    }
    JsonObject coordinator = c.copy();
    OWN.forEach(coordinator::remove);
    return new DashboardConfig(conf.intValue("port", 8080, 0, 65535), conf.string("host", "127.0.0.1"), servers,
        conf.string("runs-dir", "runs"), coordinator, conf.secret("token", "token-file"));
  }
}
