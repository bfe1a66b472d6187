package org.openlgd.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic LGD data with categorical drivers, exposure weights and missing values, drawn from the two-stage model
 * of {@link LgdGenerator} with two more drivers:
 *
 * <ul>
 *   <li>{@code collateral}: real_estate, cash, guarantee or none, with bank-specific shares; the last bank takes no
 *       guarantees, so that level is absent there;</li>
 *   <li>{@code facility}: term_loan, revolver or mortgage;</li>
 * </ul>
 * and {@code ead} (exposure at default in thousands, log-normal; the models use log(ead), the weights ead itself).
 * Each logit adds the effects of {@link #COLLATERAL} and {@link #FACILITY} (0 for none and term_loan) to
 * x = (1, ltv, senior, log(ead), months_in_default) times {@link LgdGenerator#CURE}, {@link LgdGenerator#TOTAL_LOSS}
 * and {@link LgdGenerator#SEVERITY}. With a missing share p, each of ltv, collateral and ead is left empty in a row
 * with probability p, from a stream of its own. The same seed gives the same files byte for byte.
 */
public final class CategoricalGenerator {
  public static final List<String> COLUMNS = List.of("LGD", "ltv", "senior", "ead", "months_in_default", "collateral",
      "facility");
  public static final List<String> COLLATERAL_LEVELS = List.of("real_estate", "cash", "guarantee", "none");
  public static final List<String> FACILITY_LEVELS = List.of("term_loan", "revolver", "mortgage");
  /** Effects by level on the cure, total-loss and severity logits, in that order. */
  public static final Map<String, double[]> COLLATERAL = Map.of("real_estate", new double[] {0.6, -0.8, -0.5},
      "cash", new double[] {1.0, -1.5, -1.0}, "guarantee", new double[] {0.4, -0.5, -0.3}, "none", new double[] {0, 0, 0});
  public static final Map<String, double[]> FACILITY = Map.of("term_loan", new double[] {0, 0, 0},
      "revolver", new double[] {-0.4, 0.4, 0.3}, "mortgage", new double[] {0.3, -0.3, -0.2});

  private CategoricalGenerator() {
  }

  /** Writes {@code bank<k>.csv} for each bank; returns the files. */
  public static List<Path> write(Path dir, int servers, int rows, long seed, double missingShare) throws IOException {
    if (!(missingShare >= 0 && missingShare < 1)) {
      throw new IllegalArgumentException("the missing share must be in [0, 1), not " + missingShare);
    }
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    List<LgdGenerator.BankProfile> banks = LgdGenerator.profiles(servers, rows, seed);
    for (LgdGenerator.BankProfile bank : banks) {
      Path file = dir.resolve("bank" + bank.id() + ".csv");
      write(file, bank, seed, missingShare, servers > 1 && bank.id() == servers);
      out.add(file);
    }
    return out;
  }

  private static void write(Path file, LgdGenerator.BankProfile bank, long seed, double missingShare,
                            boolean noGuarantees) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed ^ (0x2545F4914F6CDD1DL * bank.id()));
    SplittableRandom gaps = new SplittableRandom(seed * 17 + bank.id());
    double stop = 1.0 / bank.meanMonthsInDefault();
    double[] shares = noGuarantees ? new double[] {0.45, 0.15, 0, 0.40} : new double[] {0.35, 0.1 + 0.02 * bank.id(), 0.2, 0.25};
    try (BufferedWriter w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
      w.write(String.join(",", COLUMNS));
      w.newLine();
      for (int i = 0; i < bank.rows(); i++) {
        double ltv = LgdGenerator.round(Math.min(3.0, bank.ltvMedian() * Math.exp(0.35 * rnd.nextGaussian())), 4);
        double senior = rnd.nextDouble() < bank.seniorShare() ? 1 : 0;
        double ead = LgdGenerator.round(Math.exp(bank.logEadMean() + rnd.nextGaussian()), 2);
        double months = 1;
        while (months < 120 && rnd.nextDouble() > stop) {
          months++;
        }
        String collateral = pick(rnd, COLLATERAL_LEVELS, shares);
        String facility = pick(rnd, FACILITY_LEVELS, new double[] {0.5, 0.3, 0.2});
        double[] x = {1, ltv, senior, Math.log(ead), months};
        double[] c = COLLATERAL.get(collateral);
        double[] f = FACILITY.get(facility);
        double lgd;
        if (rnd.nextDouble() < LgdGenerator.logistic(LgdGenerator.dot(LgdGenerator.CURE, x) + c[0] + f[0])) {
          lgd = 0;
        } else if (rnd.nextDouble() < LgdGenerator.logistic(LgdGenerator.dot(LgdGenerator.TOTAL_LOSS, x) + c[1] + f[1])) {
          lgd = 1;
        } else {
          double mu = LgdGenerator.logistic(LgdGenerator.dot(LgdGenerator.SEVERITY, x) + c[2] + f[2]);
          double a = LgdGenerator.gamma(rnd, mu * LgdGenerator.PHI);
          double b = LgdGenerator.gamma(rnd, (1 - mu) * LgdGenerator.PHI);
          lgd = Math.min(0.999999, Math.max(0.000001, LgdGenerator.round(a / (a + b), 6)));
        }
        boolean noLtv = gaps.nextDouble() < missingShare;
        boolean noCollateral = gaps.nextDouble() < missingShare;
        boolean noEad = gaps.nextDouble() < missingShare;
        w.write(LgdGenerator.fmt(lgd) + "," + (noLtv ? "" : LgdGenerator.fmt(ltv)) + "," + LgdGenerator.fmt(senior) + ","
            + (noEad ? "" : LgdGenerator.fmt(ead)) + "," + LgdGenerator.fmt(months) + "," + (noCollateral ? "" : collateral)
            + "," + facility);
        w.newLine();
      }
    }
  }

  private static String pick(SplittableRandom rnd, List<String> levels, double[] shares) {
    double total = 0;
    for (double s : shares) {
      total += s;
    }
    double u = rnd.nextDouble() * total;
    for (int k = 0; k < levels.size(); k++) {
      u -= shares[k];
      if (u < 0 && shares[k] > 0) {
        return levels.get(k);
      }
    }
    return levels.get(levels.size() - 1);
  }
}
