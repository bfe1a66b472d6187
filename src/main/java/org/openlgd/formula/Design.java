package org.openlgd.formula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openlgd.data.Dataset;
import org.openlgd.data.Table;

/**
 * A formula with the levels of its categorical factors: the design matrix's columns and names (patsy's,
 * {@link Coding}), and the {@link Dataset} a model is fitted on, built from a site's {@link Table}. A coordinator
 * knows the columns without any data; each site builds its own rows. The intercept is the models' own parameter,
 * not a column here.
 */
public final class Design {
  /** The server indicator column that {@code --server-effects} adds. */
  public static final String SERVER = "server";
  /** The most columns a design may have (a categorical of many levels in an interaction grows fast). */
  public static final int MAX_COLUMNS = 2000;

  /** What to do with a row that misses a value of a variable the formula uses. */
  public enum Missing {
    /** Leave the row out (R's na.omit, patsy's default). */
    DROP,
    /** Refuse the data, naming the first such row. */
    ERROR;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Missing parse(String s) {
      for (Missing m : values()) {
        if (m.wireName().equalsIgnoreCase(s.trim())) {
          return m;
        }
      }
      throw new IllegalArgumentException("missing must be drop or error, not '" + s + "'");
    }
  }

  /** A site's design: the rows to fit, how many rows were left out for a missing value, and the design. */
  public record Built(Dataset data, int dropped, Design design) {
  }

  private final Formula formula;
  private final Map<String, List<Object>> levels;
  private final Map<String, Integer> references = new HashMap<>();
  private final List<Coding.Column> columns;

  /** @param levels the levels of each categorical factor, by factor code (sorted; see {@link Levels}) */
  public Design(Formula formula, Map<String, List<Object>> levels) {
    this.formula = formula;
    this.levels = new LinkedHashMap<>(levels);
    for (Factor f : formula.factors()) {
      Object ref = Categorical.reference(formula.text(), f);
      if (ref != null && levels.containsKey(f.code())) {
        int k = levels.get(f.code()).indexOf(Levels.normalize(ref));
        if (k < 0) {
          throw new FormulaException(formula.text(), f.position(), "the reference level " + Levels.format(Levels.normalize(ref))
              + " of " + f.code() + " is not one of its levels " + levels.get(f.code()).stream().map(Levels::format).toList());
        }
        references.put(f.code(), k);
      }
    }
    if (levels.containsKey(formula.response().code())) {
      throw new FormulaException(formula.text(), formula.response().position(), "the response " + formula.response().code()
          + " is categorical; it must be a number");
    }
    long count = Coding.count(formula, levels);
    if (count > MAX_COLUMNS) {
      throw new FormulaException(formula.text(), -1, "the design would have up to " + count + " columns; at most " + MAX_COLUMNS);
    }
    this.columns = Coding.columns(formula, levels, references).stream().filter(c -> !c.factors().isEmpty()).toList();
  }

  public Formula formula() {
    return formula;
  }

  /** Whether the model has an intercept (the models' own parameter, not a column here). */
  public boolean intercept() {
    return formula.intercept();
  }

  /** The levels of each categorical factor, by code. */
  public Map<String, List<Object>> levels() {
    return levels;
  }

  /** The reference level of each categorical factor coded by contrasts (the first level unless given). */
  public Object reference(String factorCode) {
    List<Object> lv = levels.get(factorCode);
    return lv == null || lv.isEmpty() ? null : lv.get(references.getOrDefault(factorCode, 0));
  }

  /** The design matrix's column names but the intercept's, exactly as patsy names them. */
  public List<String> columnNames() {
    return columns.stream().map(Coding.Column::name).toList();
  }

  /**
   * The levels a site's rows give each categorical factor of {@code formula} (over the rows it keeps); the factors
   * missing from the answer are numeric.
   */
  public static Map<String, List<Object>> levels(Formula formula, Table table, String weights) {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    found(formula, table, weights).counts().forEach((factor, counts) -> out.put(factor, new ArrayList<>(counts.keySet())));
    return out;
  }

  /**
   * What a site tells the levels round: the rows of each level of each categorical factor (levels sorted) and the
   * rows kept, over the rows that miss no value of the formula's variables and the weights.
   */
  public record Found(Map<String, Map<Object, Long>> counts, int kept) {
  }

  /** The levels round's answer at a site, from one pass over its rows. */
  public static Found found(Formula formula, Table table, String weights) {
    Rows rows = Rows.of(formula, table, weights, Missing.DROP);
    return new Found(levelCounts(formula, table, rows), rows.count());
  }

  private static Map<String, Map<Object, Long>> levelCounts(Formula formula, Table table, Rows rows) {
    Map<String, Map<Object, Long>> out = new LinkedHashMap<>();
    for (Factor f : formula.factors()) {
      Categorical c = Categorical.of(formula.text(), f, table);
      if (c != null && f.equals(formula.response())) {
        throw new FormulaException(table.source() + ": the response " + f.code() + " holds text"
            + (c.where() == null ? "" : " (" + c.where() + ")") + "; it must be a number");
      }
      if (c != null) {
        out.put(f.code(), c.countsAt(rows.keep()));
      }
    }
    return out;
  }

  /**
   * This site's rows: the response, the design's columns and the weights, over the rows that miss no value (or, with
   * {@link Missing#ERROR}, a {@link FormulaException} naming the first that does).
   */
  public Built build(Table table, String weights, Missing missing) {
    return build(table, weights, Rows.of(formula, table, weights, missing));
  }

  /**
   * A site on its own: the design of {@code formula} with the levels of this table, and its rows (what a model server
   * fits when a request names no formula).
   */
  public static Built local(Formula formula, Table table, String weights, Missing missing) {
    Rows rows = Rows.of(formula, table, weights, missing);
    Map<String, List<Object>> levels = new LinkedHashMap<>();
    levelCounts(formula, table, rows).forEach((factor, counts) -> levels.put(factor, new ArrayList<>(counts.keySet())));
    return new Design(formula, levels).build(table, weights, rows);
  }

  private Built build(Table table, String weights, Rows rows) {
    int n = rows.count();
    Map<Factor, double[]> numeric = new HashMap<>();
    Map<Factor, int[]> categorical = new HashMap<>();
    for (Factor f : formula.factors()) {
      Categorical c = Categorical.of(formula.text(), f, table);
      boolean isCategorical = levels.containsKey(f.code());
      if (c != null && !isCategorical) {
        throw new FormulaException("the factor " + f.code() + " is categorical at " + table.source()
            + " but the run has no levels for it");
      }
      if (isCategorical) {
        if (c == null) {
          throw new FormulaException("the factor " + f.code() + " holds numbers at " + table.source()
              + " but is categorical at another server; wrap it in C(...) to make it categorical everywhere");
        }
        categorical.put(f, c.codesAt(rows.keep(), levels.get(f.code()), table.source()));
      } else {
        numeric.put(f, rows.numeric(formula.text(), f, table));
      }
    }
    double[][] x = new double[columns.size()][];
    for (int j = 0; j < x.length; j++) {
      x[j] = column(columns.get(j), numeric, categorical, n);
    }
    double[] w = weights == null ? null : rows.weights(table, weights);
    Dataset d = new Dataset(table.source(), formula.response().code(), columnNames(), x,
        numeric.get(formula.response()), w);
    return new Built(d, table.rows() - n, this);
  }

  private static double[] column(Coding.Column c, Map<Factor, double[]> numeric, Map<Factor, int[]> categorical, int n) {
    if (c.factors().size() == 1 && c.levels()[0] < 0) {
      return numeric.get(c.factors().get(0));
    }
    double[] out = new double[n];
    Arrays.fill(out, 1);
    for (int k = 0; k < c.factors().size(); k++) {
      Factor f = c.factors().get(k);
      if (c.levels()[k] < 0) {
        double[] v = numeric.get(f);
        for (int i = 0; i < n; i++) {
          out[i] *= v[i];
        }
      } else {
        int[] codes = categorical.get(f);
        int level = c.levels()[k];
        for (int i = 0; i < n; i++) {
          if (codes[i] != level) {
            out[i] = 0;
          }
        }
      }
    }
    return out;
  }

  /** The formula's text as given, for records. */
  @Override
  public String toString() {
    return formula.text();
  }
}
