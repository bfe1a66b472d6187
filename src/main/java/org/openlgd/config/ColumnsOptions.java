package org.openlgd.config;

import java.util.ArrayList;
import java.util.List;
import org.openlgd.formula.Design;
import org.openlgd.formula.Formula;
import picocli.CommandLine.Option;

/** Which columns of the data a model uses. */
public final class ColumnsOptions {
  @Option(names = "--target", paramLabel = "COL",
      description = "the target column (default: Y, else the first column; for an openNPL source "
          + "cash_and_cash_equivalent_items)")
  String target;
  @Option(names = "--features", paramLabel = "A,B", split = ",",
      description = "feature columns (default: every column but the target; for an openNPL source current_assets)")
  List<String> features = new ArrayList<>();
  @Option(names = "--formula", paramLabel = "F",
      description = "the model as a formula, e.g. \"LGD ~ ltv + log(ead) + C(collateral) + senior:ltv\" (docs/formulas.md); "
          + "instead of --target and --features")
  String formula;
  @Option(names = "--weights", paramLabel = "COL",
      description = "weight each row by this column (e.g. exposure at default): weighted least squares, weighted "
          + "quasi-likelihoods (statsmodels' var_weights), a weighted SGD loss")
  String weights;
  @Option(names = "--missing", paramLabel = "drop|error", defaultValue = "drop",
      description = "a row missing a value of a variable the model uses (an empty cell, NA, NaN, null): drop it (as "
          + "R's na.omit and patsy do; the rows dropped are reported) or refuse the data naming the row")
  String missing;

  public String target() {
    return target;
  }

  public List<String> features() {
    return Check.list(features);
  }

  /** The formula, or null for --target and --features. */
  public String formula() {
    return formula == null || formula.isBlank() ? null : formula;
  }

  /** The weights column, or null. */
  public String weights() {
    return weights == null || weights.isBlank() ? null : weights.trim();
  }

  public Design.Missing missing(String context) {
    if (formula() != null && (target != null || !features.isEmpty())) {
      throw new IllegalArgumentException(context + ": give --formula or --target/--features, not both");
    }
    if (formula() != null) {
      Formula.parse(formula);
    }
    return missing(context, missing);
  }

  /** {@code --missing} read: drop or error, else a message naming the command and the option. */
  static Design.Missing missing(String context, String value) {
    try {
      return Design.Missing.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(context + ": --missing must be drop or error, not '" + value + "'");
    }
  }
}
