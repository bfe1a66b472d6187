package org.openlgd.secure;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.openlgd.model.Share;

/**
 * The exact encodings a server masks and the coordinator adds: a statistic vector entry by entry, or, for exact least
 * squares, the Gram matrix R'R of the server's R factor computed exactly from R (products of doubles are exact in the
 * ring), so that the sum over servers is the exact Gram matrix of all rows.
 */
public final class Shares {
  /** What a share of an estimate is named when its masks are drawn. */
  public static final String ESTIMATE = "estimate";
  /** What a share of validation sums is named when its masks are drawn. */
  public static final String VALIDATION = "validation";

  private Shares() {
  }

  /** The vector, exactly, entry {@code i} named {@code name.apply(i)} in the refusal of a value out of range. */
  public static BigInteger[] encode(double[] v, IntFunction<String> name) {
    BigInteger[] out = new BigInteger[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Ring.encode(v[i], name.apply(i));
    }
    return out;
  }

  /** The upper triangle of R'R (row by row), exactly, then the row count n. */
  public static BigInteger[] gram(double[][] r, long n) {
    int k = r.length;
    BigInteger[] out = new BigInteger[k * (k + 1) / 2 + 1];
    int at = 0;
    for (int j = 0; j < k; j++) {
      for (int l = j; l < k; l++) {
        BigInteger s = BigInteger.ZERO;
        for (int i = 0; i <= j; i++) {
          s = Ring.add(s, Ring.product(r[i][j], r[i][l], "the Gram matrix entry [" + j + "][" + l + "]"));
        }
        out[at++] = s;
      }
    }
    out[at] = Ring.encode(n, "n");
    return out;
  }

  /** The sum of the shares, element by element, in the ring: the masks cancel. */
  public static BigInteger[] sum(List<Share> shares) {
    if (shares.isEmpty()) {
      throw new IllegalArgumentException("no shares to add");
    }
    int len = shares.get(0).masked().size();
    BigInteger[] out = new BigInteger[len];
    Arrays.fill(out, BigInteger.ZERO);
    for (Share s : shares) {
      if (s.masked().size() != len) {
        throw new IllegalArgumentException("shares of different sizes: " + s.masked().size() + " vs " + len);
      }
      for (int i = 0; i < len; i++) {
        out[i] = Ring.add(out[i], s.masked().get(i));
      }
    }
    return out;
  }

  /** The exact symmetric k x k Gram matrix of {@link #gram}'s layout, without its row count. */
  static BigDecimal[][] gramMatrix(BigInteger[] sum) {
    int k = (int) Math.round((Math.sqrt(8.0 * (sum.length - 1) + 1) - 1) / 2);
    BigDecimal[][] g = new BigDecimal[k][k];
    int at = 0;
    for (int j = 0; j < k; j++) {
      for (int l = j; l < k; l++) {
        g[j][l] = Ring.decodeExact(sum[at++]);
        g[l][j] = g[j][l];
      }
    }
    return g;
  }
}
