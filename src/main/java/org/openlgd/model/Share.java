package org.openlgd.model;

import java.math.BigInteger;
import java.util.List;

/**
 * What a server sends in a secure round instead of its statistics: the statistic vector encoded as exact fixed-point
 * ring elements, with the pairwise masks it shares with the round's other participants added. Alone it says nothing
 * about the server's data; the masks cancel only in the sum over all participants.
 */
public record Share(List<BigInteger> masked) {
  public Share {
    masked = List.copyOf(masked);
  }
}
