package org.openlgd.api;

/**
 * A call to a model server failed; the message names the server and the reason. {@link #retryable()} tells a
 * transient failure (no connection, timeout, 429/502/503/504, a reply for another round) from a permanent one (a
 * 4xx such as 400, 401 or 403, an unusable reply), which asking again cannot fix. {@link #unreachable()} marks the
 * transient failures that are unlikely to pass at once: the server refused the connection, was not on the event bus,
 * or gave no answer in time.
 */
public final class ServerCallException extends RuntimeException {
  private final boolean retryable;
  private final boolean unreachable;

  public ServerCallException(String message) {
    this(message, false);
  }

  public ServerCallException(String message, boolean retryable) {
    this(message, retryable, false);
  }

  private ServerCallException(String message, boolean retryable, boolean unreachable) {
    super(message, null, false, false);
    this.retryable = retryable;
    this.unreachable = unreachable;
  }

  /** No connection, no event-bus handler or no answer in time: retryable, but unlikely to pass at once. */
  public static ServerCallException unreachable(String message) {
    return new ServerCallException(message, true, true);
  }

  /** The same failure, with a longer message. */
  public ServerCallException withMessage(String message) {
    return new ServerCallException(message, retryable, unreachable);
  }

  public boolean retryable() {
    return retryable;
  }

  public boolean unreachable() {
    return unreachable;
  }

  /** True for HTTP statuses that say "try again later". */
  public static boolean transientStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }
}
