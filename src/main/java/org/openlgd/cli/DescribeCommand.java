package org.openlgd.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import org.openlgd.api.ModelServerClient;
import org.openlgd.api.TlsSetup;
import org.openlgd.config.DescribeConfig;
import org.openlgd.config.DescribeOptions;
import org.openlgd.coordinator.Describing;
import org.openlgd.coordinator.HttpModelServerClient;
import org.openlgd.ops.Ops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "describe", description = "the servers' data, per server and pooled, before a model: per numeric column "
    + "the count, missing count, mean, standard deviation and quantiles from binned counts; per text column the rows of "
    + "each level and the mean target on them. Counts under a server's --min-category-count are held back by the "
    + "server; no row value is shown")
final class DescribeCommand extends Subcommand {
  /** Logging starts on this thread, before Vert.x's threads log (else SLF4J replays their early calls, with a notice). */
  private static final Logger LOG = LoggerFactory.getLogger(DescribeCommand.class);

  @Mixin
  DescribeOptions describe;
  @Option(names = "--json", description = "print the description as one JSON object")
  boolean json;

  @Override
  int run() throws Exception {
    DescribeConfig cfg = DescribeConfig.from(given);
    LOG.debug("describing the data of {}", cfg.servers());
    Vertx vertx = Ops.vertx(false);
    try {
      WebClient client = WebClient.create(vertx, TlsSetup.client(cfg.tls(), new WebClientOptions()));
      List<ModelServerClient> clients = cfg.servers().stream()
          .<ModelServerClient>map(u -> new HttpModelServerClient(client, u, cfg.token())).toList();
      JsonObject d = Await.result(Standalone.onContext(vertx,
          () -> new Describing(clients, cfg.target(), cfg.bins(), cfg.timeoutMs()).run()));
      if (json) {
        out.println(d.encode());
      } else {
        DescribeReport.print(d, out);
      }
      return d.getJsonArray("leftOut").isEmpty() ? 0 : 1;
    } finally {
      Await.result(vertx.close());
    }
  }
}
