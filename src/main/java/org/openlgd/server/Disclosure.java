package org.openlgd.server;

import java.util.Map;
import org.openlgd.api.BadRequestException;
import org.openlgd.config.DisclosureRules;
import org.openlgd.config.ServerConfig;
import org.openlgd.data.Dataset;
import org.openlgd.formula.DesignSpec;
import org.openlgd.formula.Formula;
import org.openlgd.formula.FormulaException;

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
   * A design this server's {@code --formulas} accepts, else a refusal (403); a formula that does not parse is a 400.
   */
  static DesignSpec accepted(ServerConfig.Formulas policy, DesignSpec spec) {
    if (policy == ServerConfig.Formulas.OFF) {
      throw new Refused("this server fits its own columns only (--formulas off)");
    }
    Formula f;
    try {
      f = spec.parsed();
    } catch (FormulaException e) {
      throw new BadRequestException(e.getMessage());
    }
    if (policy == ServerConfig.Formulas.MAIN_EFFECTS && !f.mainEffectsOnly()) {
      throw new Refused("this server takes main effects only (--formulas main-effects): no interactions and no "
          + "I(...) in '" + spec.formula() + "'");
    }
    return spec;
  }

  /** Refuses, before anything is computed, a design whose matrix breaks min-category-count ({@code problem} not null). */
  static void refuseDesign(String problem) {
    if (problem != null) {
      throw new Refused(problem);
    }
  }

  /**
   * The levels round: every level of a categorical factor must be held by at least min-category-count rows, and so
   * must the rest (else the level singles out the few rows that are not of it); the refusal names the term, not the
   * rows or how many. Also the min-rows rule on the rows kept.
   */
  static void checkLevels(DisclosureRules rules, Map<String, Map<Object, Long>> counts, long rows) {
    if (rows < rules.minRows()) {
      throw new Refused("disclosure rule min-rows: an answer must rest on at least " + rules.minRows()
          + " rows; this design keeps fewer here");
    }
    int min = rules.minCategoryCount();
    counts.forEach((factor, byLevel) -> byLevel.values().forEach(c -> {
      if (c < min || (rows - c > 0 && rows - c < min)) {
        throw new Refused("disclosure rule min-category-count: the term " + factor + " would single out fewer than "
            + min + " rows at this server");
      }
    }));
  }

  /**
   * The min-category-count violation of {@code data}'s design matrix, or null: a binary (0/1) column, feature or
   * target, in which fewer than {@code minCategoryCount} rows (but some) take a value: such a column (a dummy, an
   * interaction of dummies, a comparison) would single those rows out. A column that is all 0 or all 1 singles out
   * nobody. The refusal names the column, not the rows or how many. Computed once per design.
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
      int min = rules.minCategoryCount();
      if (binary && ((zeros > 0 && zeros < min) || (ones > 0 && ones < min))) {
        String column = j < 0 ? data.target() : data.features().get(j);
        return "disclosure rule min-category-count: the binary column '" + column + "' would single out fewer than "
            + min + " rows at this server";
      }
    }
    return null;
  }
}
