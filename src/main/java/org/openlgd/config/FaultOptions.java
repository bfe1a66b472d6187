package org.openlgd.config;

import picocli.CommandLine.Option;

/** Timeouts, deadlines, retries and the quorum of a coordinator. */
public final class FaultOptions {
  public static final long DEFAULT_TIMEOUT_MS = 30_000;
  public static final long DEFAULT_ROUND_TIMEOUT_MS = 120_000;
  public static final int DEFAULT_BREAKER_FAILURES = 3;
  public static final long DEFAULT_PROBE_INTERVAL_MS = 0;
  public static final int DEFAULT_STALL_FACTOR = 10;

  @Option(names = "--timeout", paramLabel = "MS", defaultValue = "" + DEFAULT_TIMEOUT_MS,
      description = "bound on every call to a server, ms")
  long timeoutMs;
  @Option(names = "--round-timeout", paramLabel = "MS",
      description = "deadline of one round, retries included, ms (default: 120000, and at least --timeout)")
  Long roundTimeoutMs;
  @Option(names = "--retries", paramLabel = "N", defaultValue = "4",
      description = "retries of a transient failure (no connection, timeout, 429/502/503/504, a stale reply) within the round")
  int retries;
  @Option(names = "--retry-backoff", paramLabel = "MS", defaultValue = "250",
      description = "the first retry's wait, ms; each later one doubles it, half of it random")
  long retryBackoffMs;
  @Option(names = "--min-servers", paramLabel = "K",
      description = "the quorum of an sgd round (exact models always need every server); with discovery, also how many "
          + "servers must be found (default: all listed; with discovery 1, then the quorum is all found)")
  Integer minServers;

  @Option(names = "--breaker-failures", paramLabel = "N", defaultValue = "" + DEFAULT_BREAKER_FAILURES,
      description = "sgd with a quorum: a server that failed N calls in a row, or could not be reached at all (refused "
          + "connection, no answer within --timeout), is left out of the next rounds until it answers a probe")
  int breakerFailures;
  @Option(names = "--probe-interval", paramLabel = "MS", defaultValue = "" + DEFAULT_PROBE_INTERVAL_MS,
      description = "the least time between two probes of a left-out server, ms; probes (liveness requests) go out "
          + "as rounds start, one at a time, and a server that answers takes part again from the next round")
  long probeIntervalMs;
  @Option(names = "--stall-factor", paramLabel = "K", defaultValue = "" + DEFAULT_STALL_FACTOR,
      description = "sgd: a server that has answered before counts as stalled after K times its slowest recent answer "
          + "(at least 1 s, at most --timeout); 0 always waits --timeout")
  int stallFactor;

  /** The quorum given, or 0 for all servers. */
  int quorum(String context) {
    return minServers == null ? 0 : Check.range(context, "min-servers", minServers, 1, 100_000);
  }

  FaultSettings settings(String context) {
    Check.range(context, "timeout", timeoutMs, 1, 3_600_000);
    long round = roundTimeoutMs == null ? Math.max(DEFAULT_ROUND_TIMEOUT_MS, timeoutMs)
        : Check.range(context, "round-timeout", roundTimeoutMs, 1, 86_400_000);
    return new FaultSettings(timeoutMs, round, Check.range(context, "retries", retries, 0, 100),
        Check.range(context, "retry-backoff", retryBackoffMs, 1, 600_000), quorum(context),
        new FaultSettings.Breaker(Check.range(context, "breaker-failures", breakerFailures, 1, 1000),
            Check.range(context, "probe-interval", probeIntervalMs, 0, 3_600_000),
            Check.range(context, "stall-factor", stallFactor, 0, 1_000_000)));
  }
}
