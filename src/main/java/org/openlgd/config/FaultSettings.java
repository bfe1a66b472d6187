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
 */
public record FaultSettings(long timeoutMs, long roundTimeoutMs, int retries, long retryBackoffMs, int quorum) {
  /** The defaults of the options: 30 s per call, 120 s per round, 4 retries from 250 ms, every server. */
  public static final FaultSettings DEFAULT = new FaultSettings(FaultOptions.DEFAULT_TIMEOUT_MS,
      FaultOptions.DEFAULT_ROUND_TIMEOUT_MS, 4, 250, 0);

  /** The quorum for a run over {@code servers} servers. */
  public int quorumOf(int servers) {
    return quorum == 0 ? servers : Math.min(quorum, servers);
  }
}
