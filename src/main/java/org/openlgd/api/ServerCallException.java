package org.openlgd.api;

/**
 * A call to a model server failed; the message names the server and the reason. {@link #retryable()} tells a
 * transient failure (no connection, timeout, 429/502/503/504, a reply for another round) from a permanent one (a
 * 4xx such as 400, 401 or 403, an unusable reply), which asking again cannot fix.
 */
public final class ServerCallException extends RuntimeException {
  private final boolean retryable;

  public ServerCallException(String message) {
    this(message, false);
  }

  public ServerCallException(String message, boolean retryable) {
    super(message, null, false, false);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }

  /** True for HTTP statuses that say "try again later". */
  public static boolean transientStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }
}
