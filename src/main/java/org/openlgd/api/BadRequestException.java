package org.openlgd.api;

/** A request or reply that does not follow the protocol; the message says what is wrong, for a 400 reply. */
public final class BadRequestException extends IllegalArgumentException {
  public BadRequestException(String message) {
    super(message);
  }
}
