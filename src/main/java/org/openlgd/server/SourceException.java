package org.openlgd.server;

/**
 * A data source that gave unusable rows, or that could not be reached ({@link #unreachable()}). A reload that fails
 * with it leaves the previous rows in use and is answered 422, or 503 when the source could not be reached.
 */
final class SourceException extends RuntimeException {
  private final boolean unreachable;

  /** Unusable data. */
  SourceException(String message) {
    this(message, false);
  }

  SourceException(String message, boolean unreachable) {
    super(message, null, false, false);
    this.unreachable = unreachable;
  }

  boolean unreachable() {
    return unreachable;
  }
}
