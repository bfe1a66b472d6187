package org.openlgd.api;

/** A reply that does not belong to the round it answers (see {@link RoundTag#checkEcho}). */
public final class StaleReplyException extends IllegalArgumentException {
  private final boolean retryable;

  public StaleReplyException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  /** True for a reply of another round or run (asking again may get the right one); false for a server without tags. */
  public boolean retryable() {
    return retryable;
  }
}
