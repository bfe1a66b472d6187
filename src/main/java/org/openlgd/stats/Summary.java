package org.openlgd.stats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Descriptive statistics that pool over servers without moving rows and without showing a row value: per numeric
 * variable the count, mean and sum of squared deviations (pooled exactly, by Chan's update), and counts on a common
 * grid of bins, from which quantiles are read by linear interpolation inside a bin. The grid is set from the pooled
 * mean and standard deviation, so no server's minimum or maximum is ever asked for; the bins below and above it
 * are open, and a quantile that falls in one of them is not given.
 */
public final class Summary {
  /** The quantiles a description shows: never the minimum or the maximum. */
  public static final double[] QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};
  /** Half the width of a grid, in pooled standard deviations. */
  static final double HALF_WIDTH_SD = 5;

  private Summary() {
  }

  /**
   * Count, mean and sum of squared deviations from the mean of some values.
   *
   * @param n    values counted
   * @param mean their mean (NaN without values)
   * @param m2   the sum of squared deviations from the mean
   */
  public record Moments(long n, double mean, double m2) {
    public static final Moments NONE = new Moments(0, Double.NaN, 0);

    /** The moments of the values of {@code x} that {@code missing} does not flag (null: none missing). */
    public static Moments of(double[] x, boolean[] missing) {
      long n = 0;
      double mean = 0;
      double m2 = 0;
      for (int i = 0; i < x.length; i++) {
        if (missing != null && missing[i]) {
          continue;
        }
        n++;
        double d = x[i] - mean;
        mean += d / n;
        m2 += d * (x[i] - mean);
      }
      return n == 0 ? NONE : new Moments(n, mean, m2);
    }

    /** The moments of the union of the parts' values (Chan, Golub and LeVeque's pairwise update). */
    public static Moments pooled(List<Moments> parts) {
      Moments out = NONE;
      for (Moments p : parts) {
        if (p.n == 0) {
          continue;
        }
        if (out.n == 0) {
          out = p;
          continue;
        }
        long n = out.n + p.n;
        double d = p.mean - out.mean;
        out = new Moments(n, out.mean + d * p.n / n, out.m2 + p.m2 + d * d * ((double) out.n * p.n / n));
      }
      return out;
    }

    /** The sample standard deviation (n - 1 in the denominator); NaN for fewer than two values. */
    public double sd() {
      return n > 1 ? Math.sqrt(m2 / (n - 1)) : Double.NaN;
    }
  }

  /**
   * Equal bins from {@code lo} to {@code hi}, with an open bin below (index 0) and above (index bins + 1).
   */
  public record Grid(double lo, double hi, int bins) {
    public Grid {
      if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi) || bins < 1) {
        throw new IllegalArgumentException("a grid needs finite lo < hi and at least one bin (got " + lo + ", " + hi
            + ", " + bins + ")");
      }
    }

    /**
     * A grid over at least the pooled mean plus and minus five standard deviations (one unit each way for a constant)
     * in at most about {@code bins} bins, whose width is 1, 2 or 5 times a power of ten and whose edges are multiples of
     * it: round values such as 0, 1 or a whole number of months fall on the lower edge of a bin, so that a mass of
     * values there (LGD of exactly 0 or 1) does not spread below it.
     */
    public static Grid around(Moments pooled, int bins) {
      double sd = pooled.sd();
      double half = Double.isFinite(sd) && sd > 0 ? HALF_WIDTH_SD * sd : Math.max(1, Math.abs(pooled.mean) * 1e-6);
      double width = nice(2 * half / bins);
      double lo = Math.floor((pooled.mean - half) / width) * width;
      int k = (int) Math.ceil((pooled.mean + half - lo) / width);
      return new Grid(lo, lo + k * width, k);
    }

    /** The least of 1, 2 or 5 times a power of ten that is at least {@code w}. */
    static double nice(double w) {
      double p = Math.pow(10, Math.floor(Math.log10(w)));
      for (double m : new double[] {1, 2, 5, 10}) {
        if (m * p >= w * (1 - 1e-12)) {
          return m * p;
        }
      }
      return 10 * p;
    }

    double width() {
      return (hi - lo) / bins;
    }

    /**
     * The width of the lattice this grid lies on: 1, 2 or 5 times a power of ten, of which lo is a multiple; NaN when
     * the grid lies on no such lattice.
     */
    public double lattice() {
      double w = nice(width());
      boolean on = Math.abs(w - width()) <= 1e-9 * w && Math.abs(lo / w - Math.rint(lo / w)) <= 1e-6;
      return on ? w : Double.NaN;
    }

    /**
     * Counts per bin (length bins + 2) of the values {@code missing} does not flag, made from the cells of the
     * grid's lattice: a cell of fewer than {@code min} values counts nowhere (its values are added to
     * {@code hidden[0]}). Every grid of one width is read from the same cells, whatever its lo and hi, so that
     * two replies on shifted grids differ by whole cells of at least {@code min} values, never by one value.
     */
    public long[] latticeCounts(double[] x, boolean[] missing, int min, long[] hidden) {
      double w = lattice();
      if (Double.isNaN(w)) {
        throw new IllegalArgumentException("the grid from " + lo + " to " + hi + " in " + bins + " bins is not on a "
            + "lattice: its width must be 1, 2 or 5 times a power of ten, and lo a multiple of it");
      }
      Map<Long, Long> cells = new HashMap<>();
      for (int i = 0; i < x.length; i++) {
        if (missing == null || !missing[i]) {
          cells.merge((long) Math.floor(x[i] / w + 1e-9), 1L, Long::sum); // a value on an edge, less rounding, opens its cell
        }
      }
      long first = Math.round(lo / w);
      long[] c = new long[bins + 2];
      for (Map.Entry<Long, Long> e : cells.entrySet()) {
        if (e.getValue() < min) {
          hidden[0] += e.getValue();
          continue;
        }
        long b = e.getKey() - first;
        c[b < 0 ? 0 : b >= bins ? bins + 1 : (int) b + 1] += e.getValue();
      }
      return c;
    }

    /**
     * The {@code q} quantile of binned {@code counts}, interpolated linearly inside its bin; NaN when it falls in an
     * open bin or there are no counts.
     */
    public double quantile(long[] counts, double q) {
      long total = 0;
      for (long c : counts) {
        total += c;
      }
      if (total == 0) {
        return Double.NaN;
      }
      double target = q * total;
      double below = 0;
      for (int b = 0; b < counts.length; b++) {
        if (counts[b] > 0 && below + counts[b] >= target) {
          if (b == 0 || b == bins + 1) {
            return Double.NaN;
          }
          return lo + (b - 1 + (target - below) / counts[b]) * width();
        }
        below += counts[b];
      }
      return Double.NaN;
    }
  }

  /** Whether a count may be shown: none, or at least the minimum. */
  public static boolean shown(long count, int min) {
    return count == 0 || count >= min;
  }

  /** The element-wise sum of count vectors of one length. */
  public static long[] add(List<long[]> parts) {
    long[] out = null;
    for (long[] p : parts) {
      if (out == null) {
        out = new long[p.length];
      }
      if (p.length != out.length) {
        throw new IllegalArgumentException("counts of different grids (" + p.length + " and " + out.length + " bins)");
      }
      for (int i = 0; i < p.length; i++) {
        out[i] += p[i];
      }
    }
    return out;
  }
}
