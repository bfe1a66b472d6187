package org.openlgd.server;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.openlgd.api.Tls;
import org.openlgd.cli.Conf;
import org.openlgd.model.Model;
import org.openlgd.stats.LinearSgd;

/**
 * A model server's settings, read once from its verticle config (the same keys as the long command-line
 * options).
 *
 * @param port      HTTP port (0 picks a free one; {@link #NO_HTTP} serves the event bus only)
 * @param host      address to bind; 127.0.0.1 unless set
 * @param data      CSV file with this server's rows, or the http(s) base URL of an openNPL-style API
 * @param id        server id; defaults to port - 5000 for ports 5001..5999 (as in the original), else the port
 * @param target    target column; null for the default (Y, else the first column)
 * @param features  feature columns; empty for all but the target
 * @param model     model used when a request does not name one (original clients never do)
 * @param seed      shuffling seed for SGD; defaults to the id
 * @param eta0      SGD initial learning rate
 * @param bodyLimit largest accepted request body, bytes
 * @param fetchConcurrency openNPL source: entries fetched at once
 * @param fetchRetries     openNPL source: retries of a transient failure (connection, timeout, 5xx, 429)
 * @param fetchTimeoutMs   openNPL source: bound on each request
 * @param dataToken        openNPL source: bearer token for the backend, or null
 * @param token            bearer token callers must present (HTTP Authorization header, event-bus header), or null
 * @param openLiveness     whether {@code GET /} answers without the token
 * @param disclosure       the disclosure rules this server enforces before answering
 * @param auditFile        file the audit trail is appended to as JSON lines, or null
 * @param auditLog         whether audit entries go to the {@code openlgd.audit} logger (config key {@code audit-log},
 *                         default true; the one-JVM simulation and benchmark turn it off)
 * @param tls              HTTPS (and mutual TLS) settings; {@link Tls#NONE} for plain HTTP
 */
public record ServerConfig(int port, String host, String data, int id, String target, List<String> features,
                           Model model, long seed, double eta0, long bodyLimit, int fetchConcurrency, int fetchRetries,
                           long fetchTimeoutMs, String dataToken, String token, boolean openLiveness,
                           DisclosureRules disclosure, String auditFile, boolean auditLog, Tls tls) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int NO_HTTP = -1;
  public static final long DEFAULT_BODY_LIMIT = 64 * 1024;

  public boolean http() {
    return port != NO_HTTP;
  }

  /**
   * This server's event-bus key: its id and a digest of where it runs and what it serves (host name, address, port,
   * data source). The same server started again gets the same key, so a coordinator in the middle of a run
   * reaches it at the next round; two servers differ unless they share id, host, port and data.
   */
  public String eventBusKey() {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest((ModelService.hostName() + "|" + this.host + "|" + port + "|" + data)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return id + "-" + java.util.HexFormat.of().formatHex(d, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ServerConfig from(JsonObject c) {
    Conf conf = new Conf(c, "server");
    int port = conf.intValue("port", NO_HTTP, NO_HTTP, 65535);
    String data = conf.string("data", null);
    if (data == null || data.isBlank()) {
      throw new IllegalArgumentException("server: --data FILE (or an openNPL base URL) is required");
    }
    int defaultId = port > 5000 && port < 6000 ? port - 5000 : Math.max(port, 0);
    int id = conf.intValue("id", defaultId, 0, Integer.MAX_VALUE);
    return new ServerConfig(port, conf.string("host", DEFAULT_HOST), data, id, conf.string("target", null),
        conf.list("features"), Model.parse(conf.string("model", Model.SGD.wireName())),
        conf.longValue("seed", id), conf.doubleValue("eta0", LinearSgd.DEFAULT_ETA0),
        conf.longValue("body-limit", DEFAULT_BODY_LIMIT), conf.intValue("fetch-concurrency", 16, 1, 1024),
        conf.intValue("fetch-retries", 3, 0, 20), conf.longValue("fetch-timeout", 10_000, 1, 600_000),
        conf.string("data-token", null), conf.secret("token", "token-file"), !conf.json().containsKey("open-liveness") || conf.flag("open-liveness"),
        new DisclosureRules(conf.intValue("min-rows", DisclosureRules.DEFAULT_MIN_ROWS, 1, Integer.MAX_VALUE),
            conf.doubleValue("max-parameter-ratio", DisclosureRules.DEFAULT_MAX_PARAMETER_RATIO),
            conf.intValue("min-category-count", DisclosureRules.DEFAULT_MIN_CATEGORY_COUNT, 0, Integer.MAX_VALUE)),
        conf.string("audit-file", null), !conf.json().containsKey("audit-log") || conf.flag("audit-log"),
        Tls.from(conf, "server", "tls"));
  }
}
