package org.openlgd.secure;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.function.Function;
import org.openlgd.model.Aggregator;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Share;
import org.openlgd.model.Shared;
import org.openlgd.stats.LeastSquares;

/**
 * The coordinator's side of secure aggregation: it adds the servers' masked shares in the ring, where the pairwise
 * masks cancel, and sees only the exact sums. The sum of statistic vectors is rounded once to doubles. Exact least
 * squares adds the servers' exact Gram matrices and factorises the sum in 100-digit arithmetic: in exact arithmetic
 * its Cholesky factor is the pooled R factor that TSQR would stack, so no digit is lost to the normal equations.
 */
public final class SecureAggregator implements Aggregator {
  private static final MathContext PRECISION = new MathContext(100);

  @Override
  public <T extends Shared> double[] sum(List<T> replies, Function<T, double[]> statistic) {
    BigInteger[] sum = Shares.sum(shares(replies));
    double[] out = new double[sum.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Ring.decode(sum[i]);
    }
    return out;
  }

  @Override
  public LeastSquares.OlsFit pooled(List<LocalEstimate> replies, boolean constant) {
    BigInteger[] sum = Shares.sum(shares(replies));
    long n = Ring.decodeExact(sum[sum.length - 1]).longValueExact();
    BigDecimal[][] gram = Shares.gramMatrix(sum);
    if (constant) {
      return LeastSquares.solve(cholesky(gram), n);
    }
    // without a constant: the Gram matrix of [X, y] is that of [1, X, y] without its first row and column
    BigDecimal[][] free = new BigDecimal[gram.length - 1][gram.length - 1];
    for (int i = 1; i < gram.length; i++) {
      System.arraycopy(gram[i], 1, free[i - 1], 0, gram.length - 1);
    }
    double[][] r = cholesky(free);
    double[][] withConstant = new double[r.length + 1][r.length + 1];
    for (int i = 0; i < r.length; i++) {
      System.arraycopy(r[i], 0, withConstant[i], 1, r.length);
    }
    return LeastSquares.solve(withConstant, n, false);
  }

  @Override
  public boolean secure() {
    return true;
  }

  private static <T extends Shared> List<Share> shares(List<T> replies) {
    return replies.stream().map(r -> {
      if (r.share() == null) {
        throw new IllegalArgumentException("a server answered a secure round without a masked share");
      }
      return r.share();
    }).toList();
  }

  /** The upper-triangular R with R'R = g (non-negative diagonal), computed in 100 digits and rounded to doubles. */
  static double[][] cholesky(BigDecimal[][] g) {
    int k = g.length;
    BigDecimal[][] l = new BigDecimal[k][k];
    for (int j = 0; j < k; j++) {
      BigDecimal d = g[j][j];
      for (int m = 0; m < j; m++) {
        d = d.subtract(l[j][m].multiply(l[j][m], PRECISION), PRECISION);
      }
      l[j][j] = d.signum() > 0 ? d.sqrt(PRECISION) : BigDecimal.ZERO;
      for (int i = j + 1; i < k; i++) {
        BigDecimal s = g[i][j];
        for (int m = 0; m < j; m++) {
          s = s.subtract(l[i][m].multiply(l[j][m], PRECISION), PRECISION);
        }
        l[i][j] = l[j][j].signum() == 0 ? BigDecimal.ZERO : s.divide(l[j][j], PRECISION);
      }
    }
    double[][] r = new double[k][k];
    for (int j = 0; j < k; j++) {
      for (int i = j; i < k; i++) {
        r[j][i] = l[i][j].doubleValue();
      }
    }
    return r;
  }
}
