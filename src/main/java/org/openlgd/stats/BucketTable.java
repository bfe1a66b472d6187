package org.openlgd.stats;

/**
 * The validation's 12 x 12 table of loans by realised (rows) and predicted (columns) LGD bucket: its discrimination
 * statistic, and the table as a server shows it under a disclosure minimum.
 */
public final class BucketTable {
  private BucketTable() {
  }

  /**
   * The bucket table as a server shows it under a disclosure minimum: every cell of fewer than {@code min} loans
   * (but not an empty one) set to 0, so that no cell singles out one or two loans, whatever coefficients placed them.
   */
  public static long[][] suppressed(long[][] table, int min) {
    long[][] out = new long[table.length][];
    for (int i = 0; i < table.length; i++) {
      out[i] = table[i].clone();
      for (int j = 0; j < out[i].length; j++) {
        if (out[i][j] < min) {
          out[i][j] = 0;
        }
      }
    }
    return out;
  }

  /** The loans a bucket table counts. */
  public static long loans(long[][] table) {
    long n = 0;
    for (long[] row : table) {
      for (long c : row) {
        n += c;
      }
    }
    return n;
  }

  /** Somers' D of the predicted bucket (columns) with respect to the realised bucket (rows). */
  public static double somersD(long[][] table) {
    int k = table.length;
    double concordant = 0;
    double discordant = 0;
    double pairs = 0;
    for (int r1 = 0; r1 < k; r1++) {
      for (int r2 = r1 + 1; r2 < k; r2++) {
        for (int c1 = 0; c1 < k; c1++) {
          double a = table[r1][c1];
          if (a == 0) {
            continue;
          }
          for (int c2 = 0; c2 < k; c2++) {
            double b = table[r2][c2];
            double ab = a * b;
            pairs += ab;
            if (c2 > c1) {
              concordant += ab;
            } else if (c2 < c1) {
              discordant += ab;
            }
          }
        }
      }
    }
    return pairs > 0 ? (concordant - discordant) / pairs : Double.NaN;
  }
}
