package org.openlgd.model;

import java.util.List;
import java.util.function.Function;
import org.openlgd.stats.LeastSquares;
import org.openlgd.stats.Qr;

/**
 * Where the servers' statistics meet: the only place a coordinator combines what individual servers sent. Each family
 * defines a server's statistics as a vector to add up ({@link Family#statistic}), or, for exact least squares, as the
 * R factor of its rows. {@link #PLAIN} adds them in the clear; secure aggregation adds masked shares instead and sees
 * only the sums.
 */
public interface Aggregator {
  /** The element-wise sum over the replies, in reply order, of their statistic vectors. */
  <T extends Shared> double[] sum(List<T> replies, Function<T, double[]> statistic);

  /** The exact pooled least-squares fit of all the replies' rows, from their R factors; with or without a constant. */
  LeastSquares.OlsFit pooled(List<LocalEstimate> replies, boolean constant);

  /** True when the servers' own statistics stay hidden from the coordinator. */
  boolean secure();

  /** Plain sums and the TSQR reduction, in the clear. */
  Aggregator PLAIN = new Aggregator() {
    @Override
    public <T extends Shared> double[] sum(List<T> replies, Function<T, double[]> statistic) {
      if (replies.isEmpty()) {
        throw new IllegalArgumentException("no statistics to add");
      }
      double[] out = null;
      for (T r : replies) {
        double[] s = statistic.apply(r);
        if (out == null) {
          out = new double[s.length];
        } else if (s.length != out.length) {
          throw new IllegalArgumentException("statistics of different sizes: " + s.length + " vs " + out.length);
        }
        for (int i = 0; i < out.length; i++) {
          out[i] += s[i];
        }
      }
      return out;
    }

    @Override
    public LeastSquares.OlsFit pooled(List<LocalEstimate> replies, boolean constant) {
      for (LocalEstimate e : replies) {
        if (e.r() == null) {
          throw new IllegalArgumentException("an estimate without an R factor cannot enter an exact fit");
        }
      }
      double n = sum(replies, e -> new double[] {e.n()})[0];
      return LeastSquares.solve(Qr.combine(replies.stream().map(LocalEstimate::r).toList()), (long) n, constant);
    }

    @Override
    public boolean secure() {
      return false;
    }
  };
}
