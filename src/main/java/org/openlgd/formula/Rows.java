package org.openlgd.formula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.openlgd.data.Table;
import org.openlgd.stats.EstimationException;

/**
 * The rows of a table a design keeps: those that miss no value of a variable the formula (or the weights) use. A
 * problem of the data rather than of the formula (a missing value with {@link Design.Missing#ERROR}, a value that is
 * not finite, a negative weight) is an {@link EstimationException} naming the row.
 */
final class Rows {
  private final boolean[] keep;
  private final int count;

  private Rows(boolean[] keep, int count) {
    this.keep = keep;
    this.count = count;
  }

  boolean[] keep() {
    return keep;
  }

  int count() {
    return count;
  }

  /** The rows kept; with {@link Design.Missing#ERROR}, a missing value is an error naming its row and column. */
  static Rows of(Formula formula, Table table, String weights, Design.Missing missing) {
    Map<String, Integer> used = formula.columnPositions();
    List<Table.Column> columns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Integer> e : used.entrySet()) {
      Table.Column c = table.column(e.getKey());
      if (c == null) {
        throw new FormulaException(formula.text(), e.getValue(), "unknown column '" + e.getKey() + "'; the columns are "
            + table.names());
      }
      columns.add(c);
      names.add(e.getKey());
    }
    if (weights != null) {
      Table.Column w = table.column(weights);
      if (w == null) {
        throw new FormulaException("unknown weights column '" + weights + "'; the columns are " + table.names());
      }
      if (!(w instanceof Table.Numbers)) {
        throw new FormulaException("the weights column '" + weights + "' holds text; weights must be numbers");
      }
      columns.add(w);
      names.add(weights);
    }
    // column by column (a tight loop over an array each): the rows that miss a value, and the first of them
    boolean[] keep = new boolean[table.rows()];
    Arrays.fill(keep, true);
    int count = keep.length;
    int firstRow = Integer.MAX_VALUE;
    int firstColumn = -1;
    for (int k = 0; k < columns.size(); k++) {
      Table.Column c = columns.get(k);
      if (c instanceof Table.Numbers n && n.complete()) {
        continue;
      }
      double[] v = c instanceof Table.Numbers n ? n.values() : null;
      int[] codes = v == null ? ((Table.Text) c).codes() : null;
      for (int i = 0; i < keep.length; i++) {
        if (v != null ? Double.isNaN(v[i]) : codes[i] < 0) {
          if (i < firstRow) {
            firstRow = i;
            firstColumn = k;
          }
          if (keep[i]) {
            keep[i] = false;
            count--;
          }
        }
      }
    }
    if (missing == Design.Missing.ERROR && firstColumn >= 0) {
      throw new EstimationException(table.where(firstRow, names.get(firstColumn)) + ": missing value in column '"
          + names.get(firstColumn) + "' (--missing error; --missing drop leaves such rows out)");
    }
    if (count == 0) {
      throw new EstimationException(table.source() + ": every row misses a value of " + names);
    }
    return new Rows(keep, count);
  }

  /** The kept values of a numeric factor; a value that is not finite (log of 0, say) is an error naming its row. */
  double[] numeric(String formulaText, Factor f, Table table) {
    if (count == keep.length && f.expr() instanceof Expr.Column c && table.column(c.name()) instanceof Table.Numbers n) {
      return n.values(); // every row kept, a column as it is: shared, not copied (a table's numbers are finite)
    }
    Evaluator ev = new Evaluator(formulaText, table);
    double[] all = ev.numbers(ev.eval(f.expr()), f.expr(), f.code());
    return kept(all, f.code(), table.source());
  }

  /** The kept weights; each must be a finite number of at least 0. */
  double[] weights(Table table, String column) {
    double[] w = kept(((Table.Numbers) table.column(column)).values(), "the weights column '" + column + "'", table.source());
    for (int i = 0, r = 0; i < w.length; r++) {
      if (keep[r]) {
        if (w[i] < 0) {
          throw new EstimationException(table.source() + ": the weight in data row " + (r + 1) + " is " + w[i]
              + "; weights must be at least 0");
        }
        i++;
      }
    }
    return w;
  }

  private double[] kept(double[] all, String what, String source) {
    double[] out = new double[count];
    for (int i = 0, at = 0; i < all.length; i++) {
      if (keep[i]) {
        double v = all[i];
        if (!Double.isFinite(v)) {
          throw new EstimationException(source + ": " + what + " is " + v + " in data row " + (i + 1)
              + "; a model needs finite numbers (is a logarithm taken of 0 or less?)");
        }
        out[at++] = v;
      }
    }
    return out;
  }
}
