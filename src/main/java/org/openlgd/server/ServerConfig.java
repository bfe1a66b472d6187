package org.openlgd.server;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.openlgd.cli.Conf;
import org.openlgd.model.Model;
import org.openlgd.stats.LinearSgd;

/**
 * A model server's settings, read once from its verticle config (the same keys as the long command-line
 * options).
 *
 * @param port      HTTP port (0 picks a free one; {@link #NO_HTTP} serves the event bus only)
 * @param host      address to bind; 127.0.0.1 unless set
 * @param data      CSV file with this server's rows
 * @param id        server id; defaults to port - 5000 for ports 5001..5999 (as in the original), else the port
 * @param target    target column; null for the default (Y, else the first column)
 * @param features  feature columns; empty for all but the target
 * @param model     model used when a request does not name one (original clients never do)
 * @param seed      shuffling seed for SGD; defaults to the id
 * @param eta0      SGD initial learning rate
 * @param bodyLimit largest accepted request body, bytes
 */
public record ServerConfig(int port, String host, String data, int id, String target, List<String> features,
                           Model model, long seed, double eta0, long bodyLimit) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int NO_HTTP = -1;
  public static final long DEFAULT_BODY_LIMIT = 64 * 1024;

  public boolean http() {
    return port != NO_HTTP;
  }

  public static ServerConfig from(JsonObject c) {
    Conf conf = new Conf(c, "server");
    int port = conf.intValue("port", NO_HTTP, NO_HTTP, 65535);
    String data = conf.string("data", null);
    if (data == null || data.isBlank()) {
      throw new IllegalArgumentException("server: --data FILE is required");
    }
    int defaultId = port > 5000 && port < 6000 ? port - 5000 : Math.max(port, 0);
    int id = conf.intValue("id", defaultId, 0, Integer.MAX_VALUE);
    return new ServerConfig(port, conf.string("host", DEFAULT_HOST), data, id, conf.string("target", null),
        conf.list("features"), Model.parse(conf.string("model", Model.SGD.wireName())),
        conf.longValue("seed", id), conf.doubleValue("eta0", LinearSgd.DEFAULT_ETA0),
        conf.longValue("body-limit", DEFAULT_BODY_LIMIT));
  }
}
