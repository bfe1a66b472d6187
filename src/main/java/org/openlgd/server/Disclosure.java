package org.openlgd.server;

import org.openlgd.config.DisclosureRules;
import org.openlgd.data.Dataset;

/**
 * Enforces a server's {@link DisclosureRules} before it answers with anything computed from its rows: the coordinator
 * cannot turn them off. A refusal names the rule.
 */
final class Disclosure {
  private Disclosure() {
  }

  /** A request refused by a disclosure rule; the message names the rule. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Checks an answer resting on {@code rows} rows with {@code parameters} parameters; {@code categoryProblem} is what
   * {@link #categoryProblem} found in the server's data (null when nothing).
   */
  static void check(DisclosureRules rules, String categoryProblem, long rows, int parameters) {
    if (rows < rules.minRows()) {
      throw new Refused("disclosure rule min-rows: an answer must rest on at least " + rules.minRows()
          + " rows; this one would rest on " + rows);
    }
    if (parameters > rules.maxParameterRatio() * rows) {
      throw new Refused("disclosure rule max-parameter-ratio: " + parameters + " parameters on " + rows
          + " rows exceed " + rules.maxParameterRatio() + " x rows");
    }
    if (categoryProblem != null) {
      throw new Refused(categoryProblem);
    }
  }

  /**
   * The min-category-count violation of {@code data}, or null: a binary (0/1) column, feature or target, with fewer
   * than {@code minCategoryCount} rows of a value. It depends on the data only, so a server computes it once per load.
   */
  static String categoryProblem(DisclosureRules rules, Dataset data) {
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
      if (binary && (zeros < rules.minCategoryCount() || ones < rules.minCategoryCount())) {
        String column = j < 0 ? data.target() : data.features().get(j);
        return "disclosure rule min-category-count: binary column '" + column + "' has " + zeros + " zeros and "
            + ones + " ones; each value needs at least " + rules.minCategoryCount() + " rows";
      }
    }
    return null;
  }
}
