package org.openlgd.formula;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openlgd.data.Table;

/**
 * A categorical factor's values at a site: a text column, {@code C(...)} of anything, or a comparison (False/True).
 * Holds either text codes or numbers; gives its levels and each kept row's level index in a run's levels.
 */
final class Categorical {
  private final int[] codes;
  private final List<String> text;
  private final double[] numbers;
  private final boolean bool;
  private final String where;

  private Categorical(int[] codes, List<String> text, double[] numbers, boolean bool, String where) {
    this.codes = codes;
    this.text = text;
    this.numbers = numbers;
    this.bool = bool;
    this.where = where;
  }

  /** Where its first text cell is, for messages, or null. */
  String where() {
    return where;
  }

  /** The factor's values when it is categorical at this table, else null (a numeric factor). */
  static Categorical of(String formula, Factor f, Table table) {
    Evaluator ev = new Evaluator(formula, table);
    Expr e = f.expr();
    boolean wrapped = e instanceof Expr.Call c && c.function().equals("C");
    if (wrapped) {
      Expr.Call c = (Expr.Call) e;
      if (c.args().isEmpty()) {
        throw new FormulaException(formula, c.position(), "C(...) needs a column or an expression");
      }
      e = c.args().get(0);
    }
    Evaluator.Value v = ev.eval(e);
    if (v instanceof Evaluator.Text t) {
      return new Categorical(t.codes(), t.levels(), null, false, t.where());
    }
    if (v instanceof Evaluator.Numbers n && (wrapped || n.bool() || f.forced())) {
      return new Categorical(null, null, n.values(), n.bool(), null);
    }
    if (v instanceof Evaluator.Numbers) {
      return null;
    }
    throw new FormulaException(formula, f.position(), f.code() + " is a constant, not a variable");
  }

  /**
   * The reference level given in {@code C(x, Treatment('a'))} or {@code C(x, Treatment(reference='a'))}, or null for
   * the first level; other contrasts are refused.
   */
  static Object reference(String formula, Factor f) {
    if (!(f.expr() instanceof Expr.Call c) || !c.function().equals("C")) {
      return null;
    }
    if (!c.keywords().isEmpty() || c.args().size() > 2) {
      throw new FormulaException(formula, c.position(), "C(...) takes a variable and optionally Treatment(...) here");
    }
    if (c.args().size() < 2 || c.args().get(1) instanceof Expr.Column t && t.name().equals("Treatment")) {
      return null;
    }
    if (c.args().get(1) instanceof Expr.Call t && t.function().equals("Treatment")) {
      Expr ref = t.args().size() == 1 && t.keywords().isEmpty() ? t.args().get(0)
          : t.args().isEmpty() && t.keywords().size() == 1 ? t.keywords().get("reference") : null;
      if (ref instanceof Expr.Text s) {
        return s.value();
      }
      if (ref instanceof Expr.Number n) {
        return n.value();
      }
      if (ref instanceof Expr.Column b && (b.name().equals("True") || b.name().equals("False"))) {
        return b.name().equals("True");
      }
      throw new FormulaException(formula, t.position(), "write the reference level as Treatment('level') or "
          + "Treatment(reference='level')");
    }
    throw new FormulaException(formula, c.args().get(1).position(), "only treatment contrasts are supported: "
        + "C(x) or C(x, Treatment(reference='level'))");
  }

  private Object level(int i) {
    if (codes != null) {
      return codes[i] < 0 ? null : text.get(codes[i]);
    }
    double v = numbers[i];
    return Double.isNaN(v) ? null : bool ? (Object) (v != 0) : (Object) v;
  }

  /** The rows of each level among the kept rows, levels sorted. */
  Map<Object, Long> countsAt(boolean[] keep) {
    Map<Object, Long> counts = new TreeMap<>(Levels.ORDER);
    if (codes != null) {
      long[] n = new long[text.size()];
      for (int i = 0; i < keep.length; i++) {
        if (keep[i] && codes[i] >= 0) {
          n[codes[i]]++;
        }
      }
      for (int k = 0; k < n.length; k++) {
        if (n[k] > 0) {
          counts.put(text.get(k), n[k]);
        }
      }
      return counts;
    }
    for (int i = 0; i < keep.length; i++) {
      Object level = keep[i] ? level(i) : null;
      if (level != null) {
        counts.merge(level, 1L, Long::sum);
      }
    }
    return counts;
  }

  /** Each kept row's index in {@code levels}; a level not among them is an error. */
  int[] codesAt(boolean[] keep, List<Object> levels, String source) {
    Map<Object, Integer> index = new HashMap<>();
    for (int k = 0; k < levels.size(); k++) {
      index.put(levels.get(k), k);
    }
    int[] local = null;
    if (codes != null) {
      local = new int[text.size()];
      for (int k = 0; k < local.length; k++) {
        local[k] = index.getOrDefault(text.get(k), -1);
      }
    }
    int[] result = new int[count(keep)];
    for (int i = 0, at = 0; i < keep.length; i++) {
      if (keep[i]) {
        int k = local != null ? (codes[i] < 0 ? -1 : local[codes[i]]) : index.getOrDefault(level(i), -1);
        if (k < 0) {
          throw new FormulaException(source + ": the level " + Levels.format(level(i)) + " in data row " + (i + 1)
              + " is not one of the run's levels " + levels.stream().map(Levels::format).toList());
        }
        result[at++] = k;
      }
    }
    return result;
  }

  private static int count(boolean[] keep) {
    int n = 0;
    for (boolean b : keep) {
      n += b ? 1 : 0;
    }
    return n;
  }
}
