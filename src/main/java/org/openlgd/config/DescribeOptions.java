package org.openlgd.config;

import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code describe} asks of the servers, and how it reaches them. */
public final class DescribeOptions {
  public static final int DEFAULT_BINS = 100;

  @Mixin
  ServersOption servers;
  @Option(names = "--target", paramLabel = "COL",
      description = "the column averaged by level of each text column (mean LGD by collateral type, say); default: each "
          + "server's own target")
  String target;
  @Option(names = "--bins", paramLabel = "K", defaultValue = "" + DEFAULT_BINS,
      description = "bins per numeric column, on the pooled mean plus and minus five standard deviations; the quantiles "
          + "are read from the pooled counts")
  int bins;
  @Option(names = "--timeout", paramLabel = "MS", defaultValue = "" + FaultOptions.DEFAULT_TIMEOUT_MS,
      description = "how long a server may take to answer one call")
  long timeoutMs;
  @Mixin
  TokenOptions token;
  @Mixin
  TlsOptions tls;

  DescribeConfig config(String context) {
    List<String> urls = servers.urls();
    if (urls.isEmpty()) {
      throw new IllegalArgumentException(context + ": --servers URL[,URL...] is required");
    }
    ServersOption.checkSchemes(context, urls);
    ServersOption.checkDistinct(context, urls);
    String t = target == null || target.isBlank() ? null : target.trim();
    return new DescribeConfig(urls, t, Check.range(context, "bins", bins, 1, 1000),
        Check.range(context, "timeout", timeoutMs, 1, 86_400_000), token.token(context), tls.tls(context));
  }
}
