package org.openlgd.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a dashboard itself is configured with (the runs it starts take the coordinator options). */
public final class DashboardOptions {
  @Option(names = "--port", paramLabel = "P", defaultValue = "8080", description = "HTTP port of the page (0 picks a free one)")
  int port;
  @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
      description = "address to bind (put the dashboard behind an authenticating proxy before exposing it)")
  String host;
  @Mixin
  ServersOption servers;
  @Mixin
  RecordOptions record;
  @Mixin
  TokenOptions token;

  DashboardConfig config(String context, boolean clustered, JsonObject given) {
    List<String> urls = servers.urls();
    if (urls.isEmpty() && !clustered) {
      throw new IllegalArgumentException(context + ": --servers URL[,URL...] is required (or --cluster to discover them)");
    }
    return new DashboardConfig(Check.range(context, "port", port, 0, 65535), host, urls, record.runsDir(), record.record(),
        DashboardConfig.withoutOwnKeys(given), token.token(context));
  }
}
