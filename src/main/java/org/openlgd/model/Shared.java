package org.openlgd.model;

/** A server's answer that, in a secure round, carries a masked {@link Share} in place of its statistics. */
public interface Shared {
  /** The masked share, or null in a plain round. */
  Share share();
}
