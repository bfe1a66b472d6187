package org.openlgd.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Calibration of LGD predictions by decile of the pooled prediction. Each server adds up, per fine bucket of
 * predicted LGD (at most 0, the hundredths, at least 1: {@value #BUCKETS} buckets), the sums n, sum p, sum y and
 * sum y^2; pooled over servers without moving rows, the fine buckets are grouped in order into {@value #GROUPS}
 * groups of about equal pooled counts, the deciles of the pooled prediction to one hundredth ({@link #points}). Per
 * group the mean predicted and mean realised LGD and the difference with its 95 % interval follow.
 *
 * <p>Disclosure: a server merges every bucket of fewer than the minimum loans into its nearest non-empty neighbour
 * before it replies ({@link #merged}), so that no point of a calibration plot rests on one or two loans. A merged
 * bucket is still an honest group: its means are those of the loans in it.
 */
public record Calibration(long[] n, double[] sumP, double[] sumY, double[] sumY2) {
  public static final int BUCKETS = 102;
  /** The groups a calibration plot shows: deciles of the pooled prediction. */
  public static final int GROUPS = 10;
  /** Entries of {@link #toVector}. */
  public static final int SIZE = 4 * BUCKETS;
  private static final double Z975 = 1.959963984540054;

  /** An empty calibration, to add loans to. */
  public static Calibration empty() {
    return new Calibration(new long[BUCKETS], new double[BUCKETS], new double[BUCKETS], new double[BUCKETS]);
  }

  /** Adds a loan with realised {@code y} and predicted {@code p} (in place). */
  void add(double y, double p) {
    int b = bucket(p);
    n[b]++;
    sumP[b] += p;
    sumY[b] += y;
    sumY2[b] += y * y;
  }

  /** The fine bucket of a prediction: 0 at most 0, k for (k - 1)/100 &lt; p &lt;= k/100, 101 at least 1. */
  static int bucket(double p) {
    if (p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return BUCKETS - 1;
    }
    return Math.min(BUCKETS - 2, Math.max(1, (int) Math.ceil(p * (BUCKETS - 2))));
  }

  /**
   * This calibration with every bucket of 1 to {@code min} - 1 loans merged into its nearest non-empty neighbour
   * (the lower one on a tie), until every non-empty bucket holds at least {@code min} loans or one bucket is left.
   */
  public Calibration merged(int min) {
    Calibration c = new Calibration(n.clone(), sumP.clone(), sumY.clone(), sumY2.clone());
    for (boolean again = true; again; ) {
      again = false;
      for (int b = 0; b < BUCKETS; b++) {
        if (c.n[b] > 0 && c.n[b] < min) {
          int to = c.neighbour(b);
          if (to >= 0) {
            c.n[to] += c.n[b];
            c.sumP[to] += c.sumP[b];
            c.sumY[to] += c.sumY[b];
            c.sumY2[to] += c.sumY2[b];
            c.n[b] = 0;
            c.sumP[b] = 0;
            c.sumY[b] = 0;
            c.sumY2[b] = 0;
            again = true;
          }
        }
      }
    }
    return c;
  }

  private int neighbour(int b) {
    for (int d = 1; d < BUCKETS; d++) {
      if (b - d >= 0 && n[b - d] > 0) {
        return b - d;
      }
      if (b + d < BUCKETS && n[b + d] > 0) {
        return b + d;
      }
    }
    return -1;
  }

  /** The sum of calibrations (servers'). */
  public static Calibration add(List<Calibration> parts) {
    Calibration out = empty();
    for (Calibration c : parts) {
      for (int b = 0; b < BUCKETS; b++) {
        out.n[b] += c.n[b];
        out.sumP[b] += c.sumP[b];
        out.sumY[b] += c.sumY[b];
        out.sumY2[b] += c.sumY2[b];
      }
    }
    return out;
  }

  /** The sums as one vector: n, sum p, sum y, sum y^2, bucket by bucket. */
  public double[] toVector() {
    double[] v = new double[SIZE];
    for (int b = 0; b < BUCKETS; b++) {
      v[4 * b] = n[b];
      v[4 * b + 1] = sumP[b];
      v[4 * b + 2] = sumY[b];
      v[4 * b + 3] = sumY2[b];
    }
    return v;
  }

  /** The calibration of {@link #toVector}, read from {@code v} at {@code from}. */
  public static Calibration fromVector(double[] v, int from) {
    Calibration c = empty();
    for (int b = 0; b < BUCKETS; b++) {
      c.n[b] = (long) v[from + 4 * b];
      c.sumP[b] = v[from + 4 * b + 1];
      c.sumY[b] = v[from + 4 * b + 2];
      c.sumY2[b] = v[from + 4 * b + 3];
    }
    return c;
  }

  /**
   * One point of a calibration plot: a group's loans, their mean predicted and mean realised LGD, and the difference
   * realised - predicted with its 95 % interval (the sampling error of the mean realised LGD; NaN for a single loan).
   *
   * @param group the decile, 1 to 10 (a decile that fell in one fine bucket with its neighbour is absent)
   * @param from  the lower edge of the group's predicted LGD (exclusive; -infinity for the bucket at most 0)
   * @param to    the upper edge (inclusive; +infinity for the bucket at least 1)
   */
  public record Point(int group, double from, double to, long n, double meanPredicted, double meanRealised,
                      double difference, double ciLow, double ciHigh) {
  }

  /**
   * The points of the non-empty groups, by predicted LGD. A fine bucket joins the decile in which the middle of its
   * pooled loans falls, so that the groups hold about a tenth of the loans each, to one fine bucket.
   */
  public List<Point> points() {
    long total = 0;
    for (long c : n) {
      total += c;
    }
    List<Point> out = new ArrayList<>();
    long below = 0;
    int b = 0;
    while (b < BUCKETS) {
      if (n[b] == 0) {
        b++;
        continue;
      }
      int group = group(below, n[b], total);
      int first = b;
      long gn = 0;
      double sp = 0;
      double sy = 0;
      double sy2 = 0;
      for (; b < BUCKETS && (n[b] == 0 || group(below, n[b], total) == group); b++) {
        gn += n[b];
        sp += sumP[b];
        sy += sumY[b];
        sy2 += sumY2[b];
        below += n[b];
      }
      int last = b - 1;
      while (n[last] == 0) {
        last--;
      }
      out.add(point(group + 1, lowerEdge(first), upperEdge(last), gn, sp, sy, sy2));
    }
    return out;
  }

  private static int group(long below, long count, long total) {
    return (int) Math.min(GROUPS - 1, (long) Math.floor(GROUPS * (below + count / 2.0) / total));
  }

  private static double lowerEdge(int b) {
    return b == 0 ? Double.NEGATIVE_INFINITY : (b - 1) / (double) (BUCKETS - 2);
  }

  private static double upperEdge(int b) {
    return b == BUCKETS - 1 ? Double.POSITIVE_INFINITY : b / (double) (BUCKETS - 2);
  }

  private static Point point(int group, double from, double to, long n, double sumP, double sumY, double sumY2) {
    double mp = sumP / n;
    double my = sumY / n;
    double var = n > 1 ? Math.max(0, (sumY2 - n * my * my) / (n - 1)) : Double.NaN;
    double half = Z975 * Math.sqrt(var / n);
    return new Point(group, from, to, n, mp, my, my - mp, my - mp - half, my - mp + half);
  }
}
