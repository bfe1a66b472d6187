package org.openlgd.model;

import java.util.List;
import org.openlgd.stats.Qr;

/**
 * Where the servers' statistics meet: the only place a coordinator combines what individual servers sent. Every
 * family expresses its per-server statistics as vectors to add up, or (exact least squares) as R factors to stack.
 * A secure implementation can replace the plain one without touching the protocols.
 */
public interface Aggregator {
  /** The element-wise sum, in server order, of the servers' statistic vectors (all of one length). */
  double[] sum(List<double[]> statistics);

  /** The R factor of all servers' rows from their R factors (exact least squares). */
  double[][] stack(List<double[][]> rFactors);

  /** Plain sums and the TSQR reduction, in the clear. */
  Aggregator PLAIN = new Aggregator() {
    @Override
    public double[] sum(List<double[]> statistics) {
      if (statistics.isEmpty()) {
        throw new IllegalArgumentException("no statistics to add");
      }
      double[] out = new double[statistics.get(0).length];
      for (double[] s : statistics) {
        if (s.length != out.length) {
          throw new IllegalArgumentException("statistics of different sizes: " + s.length + " vs " + out.length);
        }
        for (int i = 0; i < out.length; i++) {
          out[i] += s[i];
        }
      }
      return out;
    }

    @Override
    public double[][] stack(List<double[][]> rFactors) {
      return Qr.combine(rFactors);
    }
  };
}
