package org.openlgd.coordinator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openlgd.formula.DesignSpec;
import org.openlgd.formula.Levels;

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
  /** How reports show it: the formula; each categorical's levels and reference; the rows dropped, by server. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    out.add("formula " + spec.formula() + (spec.weights() == null ? "" : ", weights " + spec.weights())
        + (spec.serverEffects() ? ", server effects" : ""));
    spec.levels().forEach((factor, levels) -> out.add("  " + factor + ": " + levels.stream().map(Levels::format)
        .collect(Collectors.joining(", ")) + " (reference " + Levels.format(references.get(factor)) + ")"));
    out.add("  rows dropped for a missing value (--missing " + spec.missing().wireName() + "): " + dropped()
        + rows.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()[1]).collect(Collectors.joining(", ", " (", ")")));
    return out;
  }

  /**
   * A run's design: {@code formula}, {@code weights}, {@code missing}, {@code serverEffects}, {@code columns} (the
   * design matrix's, patsy's names), {@code categoricals} ([{factor, levels, reference}]) and {@code rows} per server
   * ([{address, n, dropped}]).
   */
  public JsonObject toJson() {
    DesignSummary d = this;
    JsonArray categoricals = new JsonArray();
    d.spec().levels().forEach((factor, levels) -> categoricals.add(new JsonObject().put("factor", factor)
        .put("levels", new JsonArray(levels.stream().map(Levels::format).toList()))
        .put("reference", Levels.format(d.references().get(factor)))));
    JsonArray rows = new JsonArray();
    d.rows().forEach((address, r) -> rows.add(new JsonObject().put("address", address).put("n", r[0]).put("dropped", r[1])));
    return new JsonObject().put("formula", d.spec().formula()).put("weights", d.spec().weights())
        .put("missing", d.spec().missing().wireName()).put("serverEffects", d.spec().serverEffects())
        .put("columns", new JsonArray(List.copyOf(d.columns()))).put("categoricals", categoricals)
        .put("dropped", d.dropped()).put("rows", rows);
  }

  /** Rows dropped for a missing value, over all servers. */
  public long dropped() {
    return rows.values().stream().mapToLong(r -> r[1]).sum();
  }
}
