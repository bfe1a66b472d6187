package org.openlgd.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openlgd.stats.Summary;

/**
 * {@code POST /describe}: the request ({@code target}, the column averaged by level, and {@code grids}, per numeric
 * column the bins to count in) and the server's reply, in which every count, mean or quantile the disclosure rules
 * hold back is null.
 */
public final class DescribeCodec {
  public static final String TARGET = "target";
  public static final String GRIDS = "grids";
  public static final String ROWS = "rows";
  public static final String MIN_COUNT = "minCount";
  public static final String MIN_VALUES = "minValues";
  public static final String NUMBERS = "numbers";
  public static final String CATEGORIES = "categories";
  public static final String N = Wire.N;
  public static final String MISSING = "missing";
  public static final String MOMENTS = "moments";
  public static final String GRID = "grid";
  public static final String COUNTS = "counts";
  public static final String HIDDEN = "hiddenInBins";
  /** Why a server did not count a column in the grid asked for. */
  public static final String REFUSED = "gridRefused";
  public static final String QUANTILES = "quantiles";
  public static final String LEVELS = "levels";
  public static final String LEVEL = "level";
  public static final String OTHER = "other";
  public static final String TARGET_N = "targetN";
  public static final String TARGET_SUM = "targetSum";
  public static final String TARGET_MEAN = "targetMean";
  /** The most bins a grid may have. */
  public static final int MAX_BINS = 1000;

  private DescribeCodec() {
  }

  /** What a describe asks: the target (null for the server's own) and grids by column (may be empty). */
  public record Request(String target, Map<String, Summary.Grid> grids) {
  }

  /** One server's description, as its reply says it (null: held back). */
  public record Reply(int id, long rows, String target, int minCount, int minValues, Map<String, Numeric> numbers,
                      Map<String, Categorical> categories) {
  }

  /**
   * A numeric column at one server: counts, moments, and on a grid the counts shown and the loans in cells held back,
   * or why it was not counted on that grid.
   */
  public record Numeric(Long n, Long missing, Summary.Moments moments, Summary.Grid grid, long[] counts, long hidden,
                        String refused) {
  }

  /** A text column at one server: the missing cells (null when they joined {@code other}), levels, rare levels. */
  public record Categorical(Long missing, List<Level> levels, Level other) {
  }

  /**
   * A level (or the rare levels together, {@code levels} of them, with the missing cells when {@code withMissing}):
   * its rows, the rows with a target, and the target's sum over them.
   */
  public record Level(String name, Long n, Long targetN, Double targetSum, int levels, boolean withMissing) {
  }

  public static JsonObject encodeRequest(String target, Map<String, Summary.Grid> grids) {
    JsonObject g = new JsonObject();
    grids.forEach((name, grid) -> g.put(name, grid(grid)));
    return new JsonObject().put(TARGET, target).put(GRIDS, g);
  }

  public static Request parseRequest(JsonObject json) {
    Object target = json.getValue(TARGET);
    if (target != null && !(target instanceof String)) {
      throw new BadRequestException("'target' must be a column name");
    }
    Object grids = json.getValue(GRIDS);
    Map<String, Summary.Grid> out = new LinkedHashMap<>();
    if (grids != null && !(grids instanceof JsonObject)) {
      throw new BadRequestException("'grids' must be an object of {\"lo\": x, \"hi\": y, \"bins\": k} by column");
    }
    if (grids != null) {
      for (Map.Entry<String, Object> e : (JsonObject) grids) {
        out.put(e.getKey(), parseGrid(e.getValue(), "'grids." + e.getKey() + "'"));
      }
    }
    return new Request((String) target, out);
  }

  private static Summary.Grid parseGrid(Object v, String where) {
    if (!(v instanceof JsonObject g) || !(g.getValue("lo") instanceof Number lo) || !(g.getValue("hi") instanceof Number hi)
        || !(g.getValue("bins") instanceof Number bins)) {
      throw new BadRequestException(where + " must be {\"lo\": x, \"hi\": y, \"bins\": k}");
    }
    if (bins.doubleValue() != bins.intValue() || bins.intValue() < 1 || bins.intValue() > MAX_BINS) {
      throw new BadRequestException(where + ": bins must be a whole number from 1 to " + MAX_BINS);
    }
    try {
      return new Summary.Grid(lo.doubleValue(), hi.doubleValue(), bins.intValue());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(where + ": " + e.getMessage());
    }
  }

  public static JsonObject grid(Summary.Grid g) {
    return new JsonObject().put("lo", g.lo()).put("hi", g.hi()).put("bins", g.bins());
  }

  public static JsonObject moments(Summary.Moments m) {
    return new JsonObject().put(N, m.n()).put("mean", m.mean()).put("m2", m.m2());
  }

  /** A server's reply; a malformed one is an {@link IllegalArgumentException}. */
  public static Reply parse(JsonObject j) {
    try {
      Map<String, Numeric> numbers = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : j.getJsonObject(NUMBERS)) {
        JsonObject v = (JsonObject) e.getValue();
        JsonObject m = v.getJsonObject(MOMENTS);
        JsonArray c = v.getJsonArray(COUNTS);
        long[] counts = c == null ? null : c.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
        numbers.put(e.getKey(), new Numeric(v.getLong(N), v.getLong(MISSING), m == null ? null
            : new Summary.Moments(m.getLong(N), m.getDouble("mean"), m.getDouble("m2")),
            v.getValue(GRID) == null ? null : parseGrid(v.getValue(GRID), "grid"), counts, v.getLong(HIDDEN, 0L), v.getString(REFUSED)));
      }
      Map<String, Categorical> categories = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : j.getJsonObject(CATEGORIES)) {
        JsonObject v = (JsonObject) e.getValue();
        List<Level> levels = new ArrayList<>();
        for (Object o : v.getJsonArray(LEVELS)) {
          levels.add(level((JsonObject) o, ((JsonObject) o).getString(LEVEL)));
        }
        JsonObject other = v.getJsonObject(OTHER);
        categories.put(e.getKey(), new Categorical(v.getLong(MISSING), levels, other == null ? null : level(other, null)));
      }
      return new Reply(j.getInteger("id"), j.getLong(ROWS), j.getString(TARGET), j.getInteger(MIN_COUNT),
          j.getInteger(MIN_VALUES), numbers, categories);
    } catch (ClassCastException | NullPointerException | BadRequestException e) {
      throw new IllegalArgumentException("a describe reply that does not parse (" + e + ")");
    }
  }

  private static Level level(JsonObject o, String name) {
    return new Level(name, o.getLong(N), o.getLong(TARGET_N), o.getDouble(TARGET_SUM),
        o.getInteger(LEVELS, 1), o.getBoolean(MISSING, false));
  }
}
