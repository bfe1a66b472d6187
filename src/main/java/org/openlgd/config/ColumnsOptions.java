package org.openlgd.config;

import java.util.ArrayList;
import java.util.List;
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

  public String target() {
    return target;
  }

  public List<String> features() {
    return Check.list(features);
  }
}
