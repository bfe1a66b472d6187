package org.openlgd.model;

import org.openlgd.stats.Validation;

/**
 * A server's answer to the validation round: its validation sums in a plain round; in a secure round its masked share
 * of them, and its own sums only when the server chooses to disclose them.
 *
 * @param sums  the server's sums, or null when it does not disclose them
 * @param share the masked share of its sums in a secure round, else null
 */
public record ValidationReply(Validation.Sums sums, Share share) implements Shared {
}
