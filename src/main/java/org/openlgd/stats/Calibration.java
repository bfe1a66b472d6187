package org.openlgd.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Calibration of LGD predictions by bucket of predicted LGD (the validation's 12 buckets: 0, the tenths, 1): per
 * bucket the additive sums n, sum p, sum y and sum y^2, from which the mean predicted and mean realised LGD and the
 * difference with its 95 % interval follow, pooled over servers without moving rows.
 *
 * <p>Disclosure: a server merges every bucket of fewer than the minimum loans into its nearest non-empty neighbour
 * before it replies ({@link #merged}), so that no point of a calibration plot rests on one or two loans. A merged
 * bucket is still an honest group: its means are those of the loans in it.
 */
public record Calibration(long[] n, double[] sumP, double[] sumY, double[] sumY2) {
  public static final int BUCKETS = Validation.BUCKETS;
  /** Entries of {@link #toVector}. */
  public static final int SIZE = 4 * BUCKETS;
  private static final double Z975 = 1.959963984540054;

  /** An empty calibration, to add loans to. */
  public static Calibration empty() {
    return new Calibration(new long[BUCKETS], new double[BUCKETS], new double[BUCKETS], new double[BUCKETS]);
  }

  /** Adds a loan with realised {@code y} and predicted {@code p} (in place). */
  void add(double y, double p) {
    int b = Validation.bucket(p);
    n[b]++;
    sumP[b] += p;
    sumY[b] += y;
    sumY2[b] += y * y;
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
   * One point of a calibration plot: a bucket's loans, their mean predicted and mean realised LGD, and the
   * difference realised - predicted with its 95 % interval (the sampling error of the mean realised LGD; NaN for a
   * single loan).
   */
  public record Point(int bucket, long n, double meanPredicted, double meanRealised, double difference, double ciLow,
                      double ciHigh) {
  }

  /** The points of the non-empty buckets, by predicted LGD. */
  public List<Point> points() {
    List<Point> out = new ArrayList<>();
    for (int b = 0; b < BUCKETS; b++) {
      if (n[b] == 0) {
        continue;
      }
      double mp = sumP[b] / n[b];
      double my = sumY[b] / n[b];
      double var = n[b] > 1 ? Math.max(0, (sumY2[b] - n[b] * my * my) / (n[b] - 1)) : Double.NaN;
      double half = Z975 * Math.sqrt(var / n[b]);
      out.add(new Point(b, n[b], mp, my, my - mp, my - mp - half, my - mp + half));
    }
    return out;
  }
}
