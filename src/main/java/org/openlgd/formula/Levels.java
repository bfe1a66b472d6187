package org.openlgd.formula;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The levels of categorical factors: text ({@link String}), numbers ({@link Double}) or the False/True of a
 * comparison ({@link Boolean}); sorted as patsy sorts them (False before True, numbers by value, text by code point)
 * and written as patsy writes them in column names ({@code True}, {@code 2}, {@code 0.5}, {@code real_estate}).
 */
public final class Levels {
  /** Levels of one kind in patsy's order; a mix sorts booleans, then numbers, then text. */
  public static final Comparator<Object> ORDER = Comparator.comparingInt(Levels::rank).thenComparing((a, b) -> {
    if (a instanceof String x) {
      return x.compareTo((String) b);
    }
    if (a instanceof Double x) {
      return Double.compare(x, (Double) b);
    }
    return Boolean.compare((Boolean) a, (Boolean) b);
  });

  private Levels() {
  }

  private static int rank(Object level) {
    return level instanceof Boolean ? 0 : level instanceof Double ? 1 : 2;
  }

  /** The distinct levels of {@code values} in order. */
  public static List<Object> sorted(Collection<?> values) {
    TreeSet<Object> set = new TreeSet<>(ORDER);
    for (Object v : values) {
      set.add(normalize(v));
    }
    return new ArrayList<>(set);
  }

  /** A level as this class holds it: whole and decimal numbers as Double, booleans and strings as they are. */
  public static Object normalize(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof Boolean || v instanceof String) {
      return v;
    }
    throw new IllegalArgumentException("a level must be a string, a number or a boolean, not " + v);
  }

  /**
   * The levels of a federation: for each factor, the sorted union of the levels the sites found. A factor that is
   * categorical at one site is categorical for all.
   */
  public static Map<String, List<Object>> union(List<Map<String, List<Object>>> sites) {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (Map<String, List<Object>> site : sites) {
      site.forEach((factor, levels) -> {
        List<Object> all = new ArrayList<>(out.getOrDefault(factor, List.of()));
        all.addAll(levels);
        out.put(factor, sorted(all));
      });
    }
    return out;
  }

  /** How a level is written in a column name: {@code True}, {@code 2} (a whole number), {@code 0.25}, the text. */
  public static String format(Object level) {
    if (level instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (level instanceof Double d) {
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue());
      }
      return Double.toString(d);
    }
    return level.toString();
  }
}
