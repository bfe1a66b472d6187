package org.openlgd.model;

import java.util.ArrayList;
import java.util.List;
import org.openlgd.stats.LeastSquares;
import org.openlgd.stats.Qr;
import org.openlgd.stats.WeightedAverage;

/** How a coordinator combines the sites' reports for one round. Plain Java. */
public final class FederatedFit {
  private FederatedFit() {
  }

  /** Row-count weighted average of the sites' coefficient vectors (federated averaging). */
  public static double[] average(List<LocalEstimate> estimates) {
    List<double[]> coefs = new ArrayList<>();
    List<Long> ns = new ArrayList<>();
    for (LocalEstimate e : estimates) {
      if (e.coefficients() == null) {
        throw new IllegalArgumentException("an estimate without coefficients cannot be averaged");
      }
      coefs.add(e.coefficients());
      ns.add(e.n());
    }
    return WeightedAverage.of(coefs, ns);
  }

  /** The exact pooled least-squares fit from the sites' R factors. */
  public static LeastSquares.OlsFit pooledLeastSquares(List<LocalEstimate> estimates) {
    List<double[][]> rs = new ArrayList<>();
    long n = 0;
    for (LocalEstimate e : estimates) {
      if (e.r() == null) {
        throw new IllegalArgumentException("an estimate without an R factor cannot enter an exact fit");
      }
      rs.add(e.r());
      n += e.n();
    }
    return LeastSquares.solve(Qr.combine(rs), n);
  }

  /** Total rows. */
  public static long totalRows(List<LocalEstimate> estimates) {
    return estimates.stream().mapToLong(LocalEstimate::n).sum();
  }
}
