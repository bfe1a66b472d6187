package org.openlgd.coordinator;

import java.util.List;
import java.util.Map;
import org.openlgd.formula.DesignSpec;

/**
 * A run's design, as the levels round found it and reports show it.
 *
 * @param spec       the formula, weights, missing-value rule and server effects, with the run's levels
 * @param columns    the design matrix's column names but the intercept (patsy's names)
 * @param references the reference level of each categorical factor
 * @param rows       per server address: rows kept and rows dropped for a missing value
 */
public record DesignSummary(DesignSpec spec, List<String> columns, Map<String, Object> references,
                            Map<String, long[]> rows) {
  /** Rows dropped for a missing value, over all servers. */
  public long dropped() {
    return rows.values().stream().mapToLong(r -> r[1]).sum();
  }
}
