package org.openlgd.config;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a dashboard itself is configured with (the runs it starts take the coordinator options). */
public final class DashboardOptions {
  @Option(names = "--port", paramLabel = "P", defaultValue = "8080", description = "HTTP port of the page (0 picks a free one)")
  int port;
  @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
      description = "address to bind; any but a loopback address needs --users")
  String host;
  @Option(names = "--users", paramLabel = "FILE",
      description = "who may log in: an htpasswd file (entries user:$apr1$... as `openssl passwd -apr1` or `htpasswd -m` "
          + "make them, or {SHA}); without it the page has no login, which is allowed on loopback only")
  String users;
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
    if (users == null && !loopback(host)) {
      throw new IllegalArgumentException(context + ": --users FILE is required to bind to " + host + " (not a loopback "
          + "address): without a login anyone who reaches the port could start runs against every bank's server");
    }
    if (users != null && !Files.isReadable(Path.of(users))) {
      throw new IllegalArgumentException(context + ": --users " + users + ": no such readable file");
    }
    return new DashboardConfig(Check.range(context, "port", port, 0, 65535), host, urls, record.runsDir(), record.record(),
        DashboardConfig.withoutOwnKeys(given), token.token(context), users);
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
