package org.openlgd.config;

import picocli.CommandLine.Option;

/** How a model server reads an openNPL-style REST API. */
public final class OpenNplOptions {
  @Option(names = "--fetch-concurrency", paramLabel = "N", defaultValue = "16",
      description = "openNPL source: entries fetched at once")
  int concurrency;
  @Option(names = "--fetch-retries", paramLabel = "N", defaultValue = "3",
      description = "openNPL source: retries of a transient failure (connection, timeout, 5xx, 429)")
  int retries;
  @Option(names = "--fetch-timeout", paramLabel = "MS", defaultValue = "10000", description = "openNPL source: bound on each request, ms")
  long timeoutMs;
  @Option(names = "--data-token", paramLabel = "T", description = "openNPL source: bearer token for the backend")
  String token;

  ServerConfig.Fetch fetch(String context) {
    return new ServerConfig.Fetch(Check.range(context, "fetch-concurrency", concurrency, 1, 1024),
        Check.range(context, "fetch-retries", retries, 0, 20), Check.range(context, "fetch-timeout", timeoutMs, 1, 600_000), token);
  }
}
