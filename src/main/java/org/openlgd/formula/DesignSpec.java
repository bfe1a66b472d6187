package org.openlgd.formula;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a run asks every site to model: a formula, the weights column, what to do with missing values, and whether
 * each site gets its own intercept shift ({@code --server-effects}, the indicator column {@value Design#SERVER});
 * with the levels of the categorical factors once the first round has found them.
 *
 * @param levels null before the levels round
 */
public record DesignSpec(String formula, String weights, Design.Missing missing, boolean serverEffects,
                         Map<String, List<Object>> levels) {
  public DesignSpec {
    Objects.requireNonNull(formula, "formula");
    Objects.requireNonNull(missing, "missing");
    if (weights != null && weights.isBlank()) {
      weights = null;
    }
  }

  /**
   * The formula of a spec that keeps the servers' own columns (target ~ features, as they report them) and only adds
   * weights, the missing-value rule or server effects; the coordinator replaces it by the formula of those columns.
   */
  public static final String OWN_COLUMNS = ".";

  /** A spec without levels yet. */
  public DesignSpec(String formula, String weights, Design.Missing missing, boolean serverEffects) {
    this(formula, weights, missing, serverEffects, null);
  }

  /** The formula parsed; with server effects, the server indicator added as a last term. */
  public Formula parsed() {
    Formula f = Formula.parse(formula);
    if (serverEffects && f.columns().contains(Design.SERVER)) {
      throw new FormulaException("--server-effects adds a column '" + Design.SERVER + "'; the formula already uses one");
    }
    return serverEffects ? f.withCategorical(Design.SERVER) : f;
  }

  /** Whether the formula is still to be made from the servers' own columns ({@link #OWN_COLUMNS}). */
  public boolean ownColumns() {
    return formula.equals(OWN_COLUMNS);
  }

  /** This spec with {@code text} as its formula. */
  public DesignSpec withFormula(String text) {
    return new DesignSpec(text, weights, missing, serverEffects, levels);
  }

  /** This spec with the run's levels. */
  public DesignSpec withLevels(Map<String, List<Object>> runLevels) {
    return new DesignSpec(formula, weights, missing, serverEffects, runLevels);
  }

  /** The design: the spec's formula with its levels (which must be known). */
  public Design design() {
    if (levels == null) {
      throw new IllegalStateException("the levels of " + formula + " are not known yet");
    }
    return new Design(parsed(), levels);
  }
}
