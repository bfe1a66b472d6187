package org.openlgd.model;

/** What a server shares in its answer to a round, besides its row count. */
public enum ReplyContent {
  /** Its own parameter estimate (federated averaging). */
  COEFFICIENTS,
  /** The R factor of its {@code [1, X, y]} (exact least squares). */
  R_FACTOR,
  /** Its score statistics at the posted parameters (the scoring models). */
  SCORE
}
