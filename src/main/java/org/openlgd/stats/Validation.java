package org.openlgd.stats;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;
import org.openlgd.data.Dataset;

/**
 * Validation statistics of LGD predictions computed from additive sums, so that a federation gets the pooled
 * figures (and each server's) without moving rows.
 *
 * <p>From the sums over rows of y (realised), p (predicted), e = y - p, e^2 and |e|, and a table counting rows by
 * realised and predicted LGD bucket:
 * <ul>
 *   <li>RMSE = sqrt(sum e^2 / n), MAE = sum |e| / n, R^2 = 1 - sum e^2 / sum (y - mean y)^2;</li>
 *   <li>mean realised and mean predicted LGD, and the loss shortfall 1 - sum p / sum y;</li>
 *   <li>the one-sided paired t-test of realised against estimated LGD used in LGD back-testing: t = mean(e) /
 *       (s_e / sqrt n), s_e the standard deviation of e, with p = P(T_(n-1) &gt;= t); a small p says realised LGD
 *       exceeds the estimates (under-estimation);</li>
 *   <li>discrimination on the bucket table: Somers' D of the predicted bucket with respect to the realised one,
 *       (concordant - discordant) / (pairs in different realised buckets), pairs tied on the prediction counting in
 *       the denominator only; and the generalised AUC, gAUC = (1 + D) / 2.</li>
 * </ul>
 * With weighted rows, RMSE, MAE, R^2 and the mean realised and predicted LGD are weighted by the rows' weights (sums
 * of w, w y, w y^2, w p, w e^2, w |e| travel too); the t-test and the discrimination count loans.
 * Buckets (both axes): 0 for LGD = 0, k = 1..10 for ((k-1)/10, k/10] below 1, 11 for LGD = 1; predictions are
 * clamped to [0, 1] first.
 */
public final class Validation {
  public static final int BUCKETS = 12;
  /** Where the calibration sums start in {@link Sums#toVector}: after n, the six sums and the bucket table. */
  static final int CALIBRATION_AT = 7 + BUCKETS * BUCKETS;
  /** Where the histogram of realised LGD starts: after the calibration sums. */
  static final int HISTOGRAM_AT = CALIBRATION_AT + Calibration.SIZE;
  /** Where the weighted sums start, if any: after the histogram. */
  static final int WEIGHTED_AT = HISTOGRAM_AT + BUCKETS;

  private Validation() {
  }

  /** The names of the weighted sums, in order. */
  public static final List<String> WEIGHTED = List.of("sumW", "wSumY", "wSumY2", "wSumP", "wSumE2", "wSumAbsE");

  /**
   * The additive sums of one site (or of several, added).
   *
   * @param weighted    with weighted rows, the sums of w, w y, w y^2, w p, w e^2 and w |e| (see {@link #WEIGHTED});
   *                    else null
   * @param calibration the sums by bucket of predicted LGD ({@link Calibration}), or null when not known
   * @param histogram   loans by bucket of realised LGD (the distribution of LGD, 0 and 1 apart), or null when not
   *                    known; a server shows 0 for a bucket under the disclosure minimum
   */
  public record Sums(long n, double sumY, double sumY2, double sumP, double sumE, double sumE2, double sumAbsE,
                     long[][] table, double[] weighted, Calibration calibration, long[] histogram) {
    public Sums(long n, double sumY, double sumY2, double sumP, double sumE, double sumE2, double sumAbsE,
                long[][] table, double[] weighted, Calibration calibration) {
      this(n, sumY, sumY2, sumP, sumE, sumE2, sumAbsE, table, weighted, calibration, null);
    }

    public Sums(long n, double sumY, double sumY2, double sumP, double sumE, double sumE2, double sumAbsE,
                long[][] table) {
      this(n, sumY, sumY2, sumP, sumE, sumE2, sumAbsE, table, null, null);
    }

    public Sums(long n, double sumY, double sumY2, double sumP, double sumE, double sumE2, double sumAbsE,
                long[][] table, double[] weighted) {
      this(n, sumY, sumY2, sumP, sumE, sumE2, sumAbsE, table, weighted, null);
    }

    /** These sums with another calibration (the one a server shows, small buckets merged). */
    public Sums withCalibration(Calibration other) {
      return new Sums(n, sumY, sumY2, sumP, sumE, sumE2, sumAbsE, table, weighted, other, histogram);
    }

    /** These sums with another histogram (the one a server shows, small buckets suppressed). */
    public Sums withHistogram(long[] other) {
      return new Sums(n, sumY, sumY2, sumP, sumE, sumE2, sumAbsE, table, weighted, calibration, other);
    }

    /**
     * The sums as one vector to add up across sites: n, the six sums, the bucket table row by row, the calibration
     * sums and the histogram (zeros when not known), then the weighted sums if any.
     */
    public double[] toVector() {
      double[] v = new double[WEIGHTED_AT + (weighted == null ? 0 : WEIGHTED.size())];
      if (weighted != null) {
        System.arraycopy(weighted, 0, v, WEIGHTED_AT, WEIGHTED.size());
      }
      for (int b = 0; histogram != null && b < BUCKETS; b++) {
        v[HISTOGRAM_AT + b] = histogram[b];
      }
      if (calibration != null) {
        System.arraycopy(calibration.toVector(), 0, v, CALIBRATION_AT, Calibration.SIZE);
      }
      v[0] = n;
      v[1] = sumY;
      v[2] = sumY2;
      v[3] = sumP;
      v[4] = sumE;
      v[5] = sumE2;
      v[6] = sumAbsE;
      for (int i = 0; i < BUCKETS; i++) {
        for (int j = 0; j < BUCKETS; j++) {
          v[7 + i * BUCKETS + j] = table[i][j];
        }
      }
      return v;
    }

    /** The name of entry {@code index} of {@link #toVector}. */
    public static String vectorName(int index) {
      List<String> first = List.of("n", "sumY", "sumY2", "sumP", "sumE", "sumE2", "sumAbsE");
      int t = index - first.size();
      if (index >= WEIGHTED_AT) {
        return "validation " + WEIGHTED.get(index - WEIGHTED_AT);
      }
      if (index >= HISTOGRAM_AT) {
        return "validation histogram[" + (index - HISTOGRAM_AT) + "]";
      }
      if (index >= CALIBRATION_AT) {
        int c = index - CALIBRATION_AT;
        return "validation calibration[" + c / 4 + "]." + List.of("n", "sumP", "sumY", "sumY2").get(c % 4);
      }
      return "validation " + (t < 0 ? first.get(index) : "table[" + t / BUCKETS + "][" + t % BUCKETS + "]");
    }

    /** The sums of {@link #toVector}. */
    public static Sums fromVector(double[] v) {
      long[][] t = new long[BUCKETS][BUCKETS];
      for (int i = 0; i < BUCKETS; i++) {
        for (int j = 0; j < BUCKETS; j++) {
          t[i][j] = (long) v[7 + i * BUCKETS + j];
        }
      }
      double[] w = v.length > WEIGHTED_AT ? Arrays.copyOfRange(v, WEIGHTED_AT, v.length) : null;
      long[] h = new long[BUCKETS];
      for (int b = 0; b < BUCKETS; b++) {
        h[b] = (long) v[HISTOGRAM_AT + b];
      }
      return new Sums((long) v[0], v[1], v[2], v[3], v[4], v[5], v[6], t, w, Calibration.fromVector(v, CALIBRATION_AT),
          h);
    }

    /** These sums with another bucket table (the one a server shows, small cells suppressed). */
    public Sums withTable(long[][] other) {
      return new Sums(n, sumY, sumY2, sumP, sumE, sumE2, sumAbsE, other, weighted, calibration, histogram);
    }

    public static Sums add(List<Sums> parts) {
      long n = 0;
      double y = 0;
      double y2 = 0;
      double p = 0;
      double e = 0;
      double e2 = 0;
      double ae = 0;
      long[][] t = new long[BUCKETS][BUCKETS];
      double[] w = parts.stream().allMatch(s -> s.weighted != null) && !parts.isEmpty() ? new double[WEIGHTED.size()] : null;
      for (Sums s : parts) {
        for (int k = 0; w != null && k < w.length; k++) {
          w[k] += s.weighted[k];
        }
        n += s.n;
        y += s.sumY;
        y2 += s.sumY2;
        p += s.sumP;
        e += s.sumE;
        e2 += s.sumE2;
        ae += s.sumAbsE;
        for (int i = 0; i < BUCKETS; i++) {
          for (int j = 0; j < BUCKETS; j++) {
            t[i][j] += s.table[i][j];
          }
        }
      }
      boolean calibrated = !parts.isEmpty() && parts.stream().allMatch(s -> s.calibration != null);
      long[] h = !parts.isEmpty() && parts.stream().allMatch(s -> s.histogram != null) ? new long[BUCKETS] : null;
      for (Sums s : parts) {
        for (int b = 0; h != null && b < BUCKETS; b++) {
          h[b] += s.histogram[b];
        }
      }
      return new Sums(n, y, y2, p, e, e2, ae, t, w,
          calibrated ? Calibration.add(parts.stream().map(Sums::calibration).toList()) : null, h);
    }
  }

  /**
   * The figures. With weighted rows, RMSE, MAE, R^2 and the two means are weighted ({@code weighted} true); the
   * paired t-test, Somers' D and gAUC count every loan once.
   */
  public record Report(long n, double rmse, double mae, double rSquared, double meanRealised, double meanPredicted,
                       double tStatistic, double pValue, double somersD, double gAuc, boolean weighted) {
    public Report(long n, double rmse, double mae, double rSquared, double meanRealised, double meanPredicted,
                  double tStatistic, double pValue, double somersD, double gAuc) {
      this(n, rmse, mae, rSquared, meanRealised, meanPredicted, tStatistic, pValue, somersD, gAuc, false);
    }

    /** This report with Somers' D (and gAUC) from another table: the server's own, from its full bucket table. */
    public Report withSomersD(double d) {
      return new Report(n, rmse, mae, rSquared, meanRealised, meanPredicted, tStatistic, pValue, d, (1 + d) / 2,
          weighted);
    }

    /**
     * The loss shortfall, 1 - sum w p / sum w y (w the rows' weights, exposure at default; 1 without weights): the
     * share of realised losses the predictions miss; negative when they over-predict. NaN without realised losses.
     */
    public double lossShortfall() {
      return meanRealised > 0 ? 1 - meanPredicted / meanRealised : Double.NaN;
    }
  }

  /** 0 for 0, 1..10 for the tenths below 1, 11 for 1. */
  public static int bucket(double lgd) {
    double v = Math.min(1, Math.max(0, lgd));
    if (v == 0) {
      return 0;
    }
    if (v == 1) {
      return BUCKETS - 1;
    }
    return Math.min(10, Math.max(1, (int) Math.ceil(v * 10)));
  }

  /**
   * The sums over the rows of {@code d} that {@code include} accepts, with {@code predict} giving row i's prediction.
   */
  public static Sums sums(Dataset d, IntToDoubleFunction predict, IntPredicate include) {
    long n = 0;
    double y = 0;
    double y2 = 0;
    double p = 0;
    double e = 0;
    double e2 = 0;
    double ae = 0;
    long[][] t = new long[BUCKETS][BUCKETS];
    double[] w = d.weighted() ? new double[WEIGHTED.size()] : null;
    Calibration calibration = Calibration.empty();
    for (int i = 0; i < d.rows(); i++) {
      if (!include.test(i)) {
        continue;
      }
      double yi = d.y(i);
      double pi = predict.applyAsDouble(i);
      double ei = yi - pi;
      if (w != null) {
        double wi = d.weight(i);
        w[0] += wi;
        w[1] += wi * yi;
        w[2] += wi * yi * yi;
        w[3] += wi * pi;
        w[4] += wi * ei * ei;
        w[5] += wi * Math.abs(ei);
      }
      n++;
      y += yi;
      y2 += yi * yi;
      p += pi;
      e += ei;
      e2 += ei * ei;
      ae += Math.abs(ei);
      t[bucket(yi)][bucket(pi)]++;
      calibration.add(yi, pi);
    }
    long[] histogram = new long[BUCKETS];
    for (int b = 0; b < BUCKETS; b++) {
      for (int c = 0; c < BUCKETS; c++) {
        histogram[b] += t[b][c];
      }
    }
    return new Sums(n, y, y2, p, e, e2, ae, t, w, calibration, histogram);
  }

  public static Report report(Sums s) {
    long n = s.n();
    if (n == 0) {
      return new Report(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double meanE = s.sumE() / n;
    double sst = s.sumY2() - s.sumY() * s.sumY() / n;
    double varE = n > 1 ? (s.sumE2() - n * meanE * meanE) / (n - 1) : Double.NaN;
    double t = meanE / Math.sqrt(varE / n);
    double p = n > 1 && Double.isFinite(t) ? 1 - new TDistribution(null, n - 1).cumulativeProbability(t) : Double.NaN;
    double d = BucketTable.somersD(s.table());
    double[] w = s.weighted();
    if (w != null && w[0] > 0) {
      double wsst = w[2] - w[1] * w[1] / w[0];
      return new Report(n, Math.sqrt(w[4] / w[0]), w[5] / w[0], wsst > 0 ? 1 - w[4] / wsst : Double.NaN, w[1] / w[0],
          w[3] / w[0], t, p, d, (1 + d) / 2, true);
    }
    return new Report(n, Math.sqrt(s.sumE2() / n), s.sumAbsE() / n, sst > 0 ? 1 - s.sumE2() / sst : Double.NaN,
        s.sumY() / n, s.sumP() / n, t, p, d, (1 + d) / 2);
  }
}
