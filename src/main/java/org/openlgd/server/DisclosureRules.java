package org.openlgd.server;

import org.openlgd.data.Dataset;

/**
 * Disclosure control, enforced by the model server itself before it answers with anything computed from its rows
 * (the coordinator cannot turn it off): at least {@code minRows} rows; at most {@code maxParameterRatio} * n
 * parameters (as DataSHIELD's p &lt;= 0.33 n); and in every binary (0/1) column, feature or target, at least
 * {@code minCategoryCount} rows of each value.
 */
public record DisclosureRules(int minRows, double maxParameterRatio, int minCategoryCount) {
  public static final int DEFAULT_MIN_ROWS = 10;
  public static final double DEFAULT_MAX_PARAMETER_RATIO = 0.33;
  public static final int DEFAULT_MIN_CATEGORY_COUNT = 3;

  /** A request refused by a disclosure rule; the message names the rule. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Checks an answer resting on {@code rows} rows with {@code parameters} parameters; {@code categoryProblem} is
   * what {@link #categoryProblem} found in the server's data (null when nothing).
   */
  public void check(String categoryProblem, long rows, int parameters) {
    if (rows < minRows) {
      throw new Refused("disclosure rule min-rows: an answer must rest on at least " + minRows + " rows; this one would rest on "
          + rows);
    }
    if (parameters > maxParameterRatio * rows) {
      throw new Refused("disclosure rule max-parameter-ratio: " + parameters + " parameters on " + rows
          + " rows exceed " + maxParameterRatio + " x rows");
    }
    if (categoryProblem != null) {
      throw new Refused(categoryProblem);
    }
  }

  /**
   * The min-category-count violation of {@code data}, or null: a binary (0/1) column, feature or target, with fewer
   * than {@code minCategoryCount} rows of a value. It depends on the data only, so a server computes it once per load.
   */
  public String categoryProblem(Dataset data) {
    for (int j = -1; j < data.featureCount(); j++) {
      long zeros = 0;
      long ones = 0;
      boolean binary = true;
      for (int i = 0; i < data.rows() && binary; i++) {
        double v = j < 0 ? data.y(i) : data.x(j, i);
        if (v == 0) {
          zeros++;
        } else if (v == 1) {
          ones++;
        } else {
          binary = false;
        }
      }
      if (binary && (zeros < minCategoryCount || ones < minCategoryCount)) {
        String column = j < 0 ? data.target() : data.features().get(j);
        return "disclosure rule min-category-count: binary column '" + column + "' has " + zeros + " zeros and "
            + ones + " ones; each value needs at least " + minCategoryCount + " rows";
      }
    }
    return null;
  }
}
