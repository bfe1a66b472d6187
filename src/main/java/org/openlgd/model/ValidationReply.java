package org.openlgd.model;

import org.openlgd.stats.Validation;

/**
 * A server's answer to the validation round: its validation sums in a plain round; in a secure round its masked share
 * of them, and its own sums only when the server chooses to disclose them.
 *
 * @param sums       the server's sums, or null when it does not disclose them; its bucket table with the cells under
 *                   the disclosure minimum suppressed
 * @param somersD    Somers' D from the server's full bucket table (NaN when it does not say)
 * @param suppressed the loans in the cells the server suppressed
 * @param share      the masked share of its sums in a secure round, else null
 */
public record ValidationReply(Validation.Sums sums, double somersD, long suppressed, Share share) implements Shared {
  public ValidationReply(Validation.Sums sums, Share share) {
    this(sums, Double.NaN, 0, share);
  }

  /** The server's figures from its sums, with Somers' D from its full table when it gave it. */
  public Validation.Report report() {
    Validation.Report r = Validation.report(sums);
    return Double.isNaN(somersD) ? r : r.withSomersD(somersD);
  }
}
