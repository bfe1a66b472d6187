package org.openlgd.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic loan-level LGD data for a federation of banks, drawn from a documented two-stage model.
 *
 * <p>Covariates of a defaulted loan: {@code ltv} (loan-to-value at default, log-normal around the bank's level),
 * {@code senior} (1 = senior secured, 0 = subordinated or unsecured; Bernoulli with the bank's share),
 * {@code log_ead} (natural log of exposure at default in thousands, normal around the bank's level) and
 * {@code months_in_default} (time in default, 1 + a geometric count with the bank's mean). Banks differ in size
 * and in these levels, so their data are not identically distributed.
 *
 * <p>LGD given x = (1, ltv, senior, log_ead, months_in_default):
 * <ol>
 *   <li>cure, LGD = 0, with probability logistic(x'a);</li>
 *   <li>otherwise total loss, LGD = 1, with probability logistic(x'b);</li>
 *   <li>otherwise LGD ~ Beta(mu phi, (1 - mu) phi) with mu = logistic(x'c): with phi = {@value #PHI} the body is
 *       U-shaped (bimodal) for mid-range mu.</li>
 * </ol>
 * The coefficient vectors are {@link #CURE}, {@link #TOTAL_LOSS} and {@link #SEVERITY}. The same seed gives the
 * same files byte for byte.
 */
public final class LgdGenerator {
  public static final List<String> FEATURES = List.of("ltv", "senior", "log_ead", "months_in_default");
  public static final String TARGET = "LGD";
  /** Cure (LGD = 0) logit coefficients: intercept, ltv, senior, log_ead, months_in_default. */
  public static final double[] CURE = {1.0, -2.0, 0.8, -0.15, -0.06};
  /** Total-loss (LGD = 1 given no cure) logit coefficients. */
  public static final double[] TOTAL_LOSS = {-3.0, 1.5, -1.0, 0.1, 0.03};
  /** Severity mean (logit link) coefficients for 0 &lt; LGD &lt; 1. */
  public static final double[] SEVERITY = {-1.2, 1.4, -0.9, 0.05, 0.02};
  /** Severity precision. */
  public static final double PHI = 1.5;

  private LgdGenerator() {
  }

  /**
   * One bank's covariate mix and size, and its own effect u (0 unless asked for): its random intercept, subtracted
   * from the cure logit and added to the total-loss and severity logits (a bank that recovers worse has fewer cures,
   * more total losses and higher severities).
   */
  public record BankProfile(int id, int rows, double ltvMedian, double seniorShare, double logEadMean,
                            double meanMonthsInDefault, double bankEffect) {
    public BankProfile(int id, int rows, double ltvMedian, double seniorShare, double logEadMean,
                       double meanMonthsInDefault) {
      this(id, rows, ltvMedian, seniorShare, logEadMean, meanMonthsInDefault, 0);
    }
  }

  /** The profiles of {@code servers} banks averaging {@code rows} rows each; sizes fall linearly from 1.6x to 0.4x. */
  public static List<BankProfile> profiles(int servers, int rows, long seed) {
    return profiles(servers, rows, seed, 0);
  }

  /**
   * As {@link #profiles(int, int, long)}, each bank with its own effect u_k ~ N(0, tau^2), drawn from a stream of
   * their own (so the rest is the same whatever tau is; tau = 0 gives the banks without effects).
   */
  public static List<BankProfile> profiles(int servers, int rows, long seed, double tau) {
    SplittableRandom effects = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + 0x632BE59BD9B4E019L);
    List<BankProfile> out = new ArrayList<>();
    for (BankProfile p : plainProfiles(servers, rows, seed)) {
      double u = tau > 0 ? round(tau * effects.nextGaussian(), 6) : 0;
      out.add(new BankProfile(p.id(), p.rows(), p.ltvMedian(), p.seniorShare(), p.logEadMean(), p.meanMonthsInDefault(),
          u));
    }
    return out;
  }

  private static List<BankProfile> plainProfiles(int servers, int rows, long seed) {
    if (servers < 1 || rows < 1) {
      throw new IllegalArgumentException("need at least one server and one row, got servers=" + servers + " rows=" + rows);
    }
    List<BankProfile> out = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int k = 0; k < servers; k++) {
      double f = servers == 1 ? 1.0 : 1.6 - 1.2 * k / (servers - 1);
      int n = Math.max(1, (int) Math.round(rows * f));
      out.add(new BankProfile(k + 1, n,
          round(0.6 + 0.4 * rnd.nextDouble(), 3),
          round(0.2 + 0.6 * rnd.nextDouble(), 3),
          round(2.5 + 2.5 * rnd.nextDouble(), 3),
          round(6 + 18 * rnd.nextDouble(), 2)));
    }
    return out;
  }

  /** Draws the rows of one bank: columns LGD then {@link #FEATURES}. */
  public static double[][] sample(BankProfile bank, long seed) {
    return sample(bank, seed, 0);
  }

  /**
   * Draws the rows of one bank: columns LGD, {@link #FEATURES}, then {@code noise} nuisance covariates z1..zK, each
   * standard normal (4 decimals) with no effect on LGD, drawn from a stream of their own so that the other columns
   * are the same whatever {@code noise} is.
   */
  public static double[][] sample(BankProfile bank, long seed, int noise) {
    return sample(bank, seed, noise, false);
  }

  /**
   * As {@link #sample(BankProfile, long, int)}; with {@code fullPrecision} the continuous values keep every bit (16 or
   * 17 significant digits when written, as pandas and most tools write doubles) instead of 4 to 6 decimals.
   */
  public static double[][] sample(BankProfile bank, long seed, int noise, boolean fullPrecision) {
    int d4 = fullPrecision ? -1 : 4;
    int d6 = fullPrecision ? -1 : 6;
    SplittableRandom noiseRnd = new SplittableRandom(seed * 31 + 0x9E3779B97F4A7C15L * bank.id());
    SplittableRandom rnd = new SplittableRandom(seed ^ (0x5DEECE66DL * bank.id()));
    double[][] rows = new double[bank.rows()][];
    double stop = 1.0 / bank.meanMonthsInDefault();
    for (int i = 0; i < bank.rows(); i++) {
      double ltv = round(Math.min(3.0, bank.ltvMedian() * Math.exp(0.35 * rnd.nextGaussian())), d4);
      double senior = rnd.nextDouble() < bank.seniorShare() ? 1 : 0;
      double logEad = round(bank.logEadMean() + rnd.nextGaussian(), d4);
      double months = 1;
      while (months < 120 && rnd.nextDouble() > stop) {
        months++;
      }
      double[] x = {1, ltv, senior, logEad, months};
      double lgd;
      double u = bank.bankEffect();
      if (rnd.nextDouble() < logistic(dot(CURE, x) - u)) {
        lgd = 0;
      } else if (rnd.nextDouble() < logistic(dot(TOTAL_LOSS, x) + u)) {
        lgd = 1;
      } else {
        double mu = logistic(dot(SEVERITY, x) + u);
        double a = gamma(rnd, mu * PHI);
        double b = gamma(rnd, (1 - mu) * PHI);
        lgd = Math.min(0.999999, Math.max(0.000001, round(a / (a + b), d6)));
      }
      double[] row = new double[5 + noise];
      row[0] = lgd;
      row[1] = ltv;
      row[2] = senior;
      row[3] = logEad;
      row[4] = months;
      for (int j = 0; j < noise; j++) {
        row[5 + j] = round(noiseRnd.nextGaussian(), d4);
      }
      rows[i] = row;
    }
    return rows;
  }

  /** Writes {@code bank<k>.csv} for each bank and {@code regression_data.csv} (X = ltv, Y = LGD of bank 1). */
  public static List<Path> write(Path dir, int servers, int rows, long seed) throws IOException {
    return write(dir, servers, rows, seed, 0);
  }

  /** As {@link #write(Path, int, int, long)}, with {@code noise} nuisance covariates z1..zK in the bank files. */
  public static List<Path> write(Path dir, int servers, int rows, long seed, int noise) throws IOException {
    return write(dir, servers, rows, seed, noise, false);
  }

  /** As {@link #write(Path, int, int, long, int)}; {@code fullPrecision}: see {@link #sample(BankProfile, long, int, boolean)}. */
  public static List<Path> write(Path dir, int servers, int rows, long seed, int noise, boolean fullPrecision)
      throws IOException {
    return write(dir, profiles(servers, rows, seed), seed, noise, fullPrecision);
  }

  /** As above, for the banks {@code banks} (from {@link #profiles(int, int, long, double)}). */
  public static List<Path> write(Path dir, List<BankProfile> banks, long seed, int noise, boolean fullPrecision)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    double[][] first = null;
    for (BankProfile bank : banks) {
      double[][] data = sample(bank, seed, noise, fullPrecision);
      if (first == null) {
        first = data;
      }
      Path file = dir.resolve("bank" + bank.id() + ".csv");
      writeCsv(file, data);
      written.add(file);
    }
    Path xy = dir.resolve("regression_data.csv");
    try (BufferedWriter w = Files.newBufferedWriter(xy, StandardCharsets.UTF_8)) {
      w.write("X,Y");
      w.newLine();
      for (double[] r : first) {
        w.write(fmt(r[1]) + "," + fmt(r[0]));
        w.newLine();
      }
    }
    written.add(xy);
    return written;
  }

  /** Writes rows from {@link #sample} as CSV with the header LGD,ltv,senior,log_ead,months_in_default[,z1..]. */
  public static void writeCsv(Path file, double[][] rows) throws IOException {
    int noise = rows.length == 0 ? 0 : rows[0].length - 5;
    try (BufferedWriter w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
      w.write(TARGET + "," + String.join(",", FEATURES));
      for (int j = 1; j <= noise; j++) {
        w.write(",z" + j);
      }
      w.newLine();
      for (double[] r : rows) {
        for (int c = 0; c < r.length; c++) {
          if (c > 0) {
            w.write(',');
          }
          w.write(fmt(r[c]));
        }
        w.newLine();
      }
    }
  }

  /**
   * Whole numbers without a point; a value with at most 6 decimals as such, trailing zeros dropped; any other value
   * with the shortest digits that read back to the same double ({@link Double#toString}).
   */
  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    if (Math.abs(v) < 1e9 && Math.round(v * 1e6) / 1e6 != v) {
      return Double.toString(v);
    }
    if (Math.abs(v) < 1e9) {
      long scaled = Math.round(Math.abs(v) * 1e6);
      if (scaled == 0) {
        return "0";
      }
      StringBuilder sb = new StringBuilder(16);
      if (v < 0) {
        sb.append('-');
      }
      sb.append(scaled / 1_000_000);
      long frac = scaled % 1_000_000;
      if (frac != 0) {
        String digits = Long.toString(frac + 1_000_000).substring(1);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
          end--;
        }
        sb.append('.').append(digits, 0, end);
      }
      return sb.toString();
    }
    String s = String.format(Locale.ROOT, "%.6f", v);
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    return s.substring(0, end);
  }

  static double logistic(double t) {
    return 1 / (1 + Math.exp(-t));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** {@code v} to {@code digits} decimals; unchanged for a negative {@code digits}. */
  static double round(double v, int digits) {
    if (digits < 0) {
      return v;
    }
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang, with the shape &lt; 1 boost U^(1/shape). */
  static double gamma(SplittableRandom rnd, double shape) {
    if (shape < 1) {
      double u = rnd.nextDouble();
      return gamma(rnd, shape + 1) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = rnd.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rnd.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }
}
