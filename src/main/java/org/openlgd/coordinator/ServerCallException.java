package org.openlgd.coordinator;

/** A call to a model server failed; the message names the server and the reason. */
public final class ServerCallException extends RuntimeException {
  public ServerCallException(String message) {
    super(message, null, false, false);
  }
}
