package org.openlgd.config;

import org.openlgd.model.Model;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Everything a model server is configured with: which server it is, and how it serves ({@link ServingOptions}). */
public final class ServerOptions {
  @Option(names = "--port", paramLabel = "P",
      description = "HTTP port (0 picks a free one); without it, and with --cluster, the server serves the event bus only")
  Integer port;
  @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1", description = "address to bind")
  String host;
  @Option(names = "--data", paramLabel = "FILE|URL",
      description = "CSV file with a header, or the http(s):// base URL of an openNPL-style API")
  String data;
  @Option(names = "--id", paramLabel = "N",
      description = "the server's id in reports (default: port - 5000 for ports 5001-5999, else the port)")
  Integer id;
  @Option(names = "--model", paramLabel = "M", defaultValue = "sgd",
      description = "the model used when a request names none (original openLGD clients never do)")
  Model model;
  @Option(names = "--identity-key", paramLabel = "FILE",
      description = "secure aggregation: this server's Ed25519 identity key (base64 PKCS#8, as `keygen` writes it); it "
          + "signs the server's key of every run")
  String identityKey;
  @Mixin
  ServingOptions serving;
  @Mixin
  TlsOptions tls;

  public ServerConfig config(String context) {
    int p = port == null ? ServerConfig.NO_HTTP : Check.range(context, "port", port, ServerConfig.NO_HTTP, 65535);
    if (data == null || data.isBlank()) {
      throw new IllegalArgumentException(context + ": --data FILE (or an openNPL base URL) is required");
    }
    int n = id != null ? Check.range(context, "id", id, 0, Integer.MAX_VALUE) : p > 5000 && p < 6000 ? p - 5000 : Math.max(p, 0);
    return new ServerConfig(n, model, new ServerConfig.Endpoint(p, host, serving.bodyLimit), serving.data(context, data),
        serving.sgd(n), serving.trust(context), tls.tls(context), serving.secure(identityKey));
  }
}
