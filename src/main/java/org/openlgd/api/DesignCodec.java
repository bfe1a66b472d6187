package org.openlgd.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openlgd.formula.Design;
import org.openlgd.formula.DesignSpec;
import org.openlgd.formula.Levels;

/**
 * A run's design on the wire, the {@code design} field of start, update and validate requests and the body of a
 * levels request: {@code {"formula": "LGD ~ ltv + C(collateral)", "weights": "ead", "missing": "drop",
 * "serverEffects": false, "levels": {"C(collateral)": ["cash", "none"]}}}. Levels are strings, numbers or booleans.
 * The levels reply: {@code {"levels": {...}, "n": rows kept, "dropped": rows left out for a missing value}}.
 */
public final class DesignCodec {
  public static final String DESIGN = "design";
  static final String FORMULA = "formula";
  static final String WEIGHTS = "weights";
  static final String MISSING = "missing";
  static final String SERVER_EFFECTS = "serverEffects";
  public static final String LEVELS = "levels";
  public static final String DROPPED = "dropped";

  private DesignCodec() {
  }

  public static JsonObject encode(DesignSpec spec) {
    JsonObject out = new JsonObject().put(FORMULA, spec.formula()).put(MISSING, spec.missing().wireName())
        .put(SERVER_EFFECTS, spec.serverEffects());
    if (spec.weights() != null) {
      out.put(WEIGHTS, spec.weights());
    }
    if (spec.levels() != null) {
      out.put(LEVELS, levels(spec.levels()));
    }
    return out;
  }

  /** Levels as JSON: an object of arrays by factor. */
  public static JsonObject levels(Map<String, List<Object>> levels) {
    JsonObject out = new JsonObject();
    levels.forEach((factor, values) -> out.put(factor, new JsonArray(new ArrayList<>(values))));
    return out;
  }

  /** A design from a request; a malformed one is a {@link BadRequestException}. */
  public static DesignSpec parse(Object value) {
    if (!(value instanceof JsonObject o)) {
      throw new BadRequestException("'design' must be an object with 'formula'");
    }
    if (!(o.getValue(FORMULA) instanceof String formula) || formula.length() > 4000) {
      throw new BadRequestException("'design.formula' must be a string of at most 4000 characters");
    }
    Object w = o.getValue(WEIGHTS);
    if (w != null && !(w instanceof String)) {
      throw new BadRequestException("'design.weights' must be a column name");
    }
    Design.Missing missing;
    try {
      missing = o.getValue(MISSING) == null ? Design.Missing.DROP : Design.Missing.parse(String.valueOf(o.getValue(MISSING)));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("'design.missing' must be drop or error");
    }
    Object effects = o.getValue(SERVER_EFFECTS);
    if (effects != null && !(effects instanceof Boolean)) {
      throw new BadRequestException("'design.serverEffects' must be true or false");
    }
    Object lv = o.getValue(LEVELS);
    return new DesignSpec(formula, (String) w, missing, Boolean.TRUE.equals(effects),
        lv == null ? null : parseLevels(lv, "'design.levels'"));
  }

  /** Levels from JSON: an object of arrays of strings, numbers or booleans, each sorted and distinct. */
  public static Map<String, List<Object>> parseLevels(Object value, String what) {
    if (!(value instanceof JsonObject o)) {
      throw new BadRequestException(what + " must be an object of arrays by factor");
    }
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (String factor : o.fieldNames()) {
      if (!(o.getValue(factor) instanceof JsonArray a) || a.size() > 100_000) {
        throw new BadRequestException(what + "." + factor + " must be an array of levels");
      }
      List<Object> values = new ArrayList<>();
      for (Object v : a) {
        try {
          values.add(Levels.normalize(v));
        } catch (IllegalArgumentException e) {
          throw new BadRequestException(what + "." + factor + ": " + e.getMessage());
        }
      }
      List<Object> sorted = Levels.sorted(values);
      if (!sorted.equals(values)) {
        throw new BadRequestException(what + "." + factor + " must be sorted and distinct");
      }
      out.put(factor, sorted);
    }
    return out;
  }
}
