package org.openlgd.config;

/**
 * How a coordinator bounds its waits and rides out failing servers.
 *
 * @param timeoutMs      bound on every call to a server ({@code --timeout})
 * @param roundTimeoutMs deadline of one round, retries included ({@code --round-timeout})
 * @param retries        how often a call that failed transiently is tried again within the round ({@code --retries})
 * @param retryBackoffMs the first retry's delay; each later one doubles it, with jitter ({@code --retry-backoff})
 * @param quorum         how many servers must answer a federated-averaging round; 0 means all of them
 *                       ({@code --min-servers}). Exact models always need every server.
 * @param breaker        when a federated-averaging run stops asking a failing server, and how often it probes it
 */
public record FaultSettings(long timeoutMs, long roundTimeoutMs, int retries, long retryBackoffMs, int quorum,
                            Breaker breaker) {
  /** The defaults of the options: 30 s per call, 120 s per round, 4 retries from 250 ms, every server. */
  public static final FaultSettings DEFAULT = new FaultSettings(FaultOptions.DEFAULT_TIMEOUT_MS,
      FaultOptions.DEFAULT_ROUND_TIMEOUT_MS, 4, 250, 0);

  /** Settings with the default circuit breaker. */
  public FaultSettings(long timeoutMs, long roundTimeoutMs, int retries, long retryBackoffMs, int quorum) {
    this(timeoutMs, roundTimeoutMs, retries, retryBackoffMs, quorum, Breaker.DEFAULT);
  }

  /**
   * A server's circuit in federated averaging: it opens after {@code failures} failed calls in a row, or at once when
   * the server cannot be reached (refused connection, no answer in time); while it is open the server is left out of
   * the rounds and sent a liveness probe as a round starts, at most every {@code probeIntervalMs}. A server that has answered before counts
   * as stalled after {@code stallFactor} times its slowest recent answer (at least 1 s, at most the call timeout; 0:
   * always the call timeout). ({@code --breaker-failures}, {@code --probe-interval}, {@code --stall-factor}.)
   */
  public record Breaker(int failures, long probeIntervalMs, int stallFactor) {
    public static final Breaker DEFAULT = new Breaker(FaultOptions.DEFAULT_BREAKER_FAILURES,
        FaultOptions.DEFAULT_PROBE_INTERVAL_MS, FaultOptions.DEFAULT_STALL_FACTOR);
  }

  /** The quorum for a run over {@code servers} servers. */
  public int quorumOf(int servers) {
    return quorum == 0 ? servers : Math.min(quorum, servers);
  }
}
