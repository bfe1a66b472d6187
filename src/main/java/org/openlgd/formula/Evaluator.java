package org.openlgd.formula;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.openlgd.data.Table;

/**
 * Evaluates the expression of a factor on a table, all rows at once: numbers, text (a categorical), or true/false
 * (a comparison, categorical with levels False and True). The functions are {@value #FUNCTIONS}, also as
 * {@code np.log} and so on; {@code I(...)} protects arithmetic. A missing cell gives NaN (or no level); the
 * design leaves such rows out before it looks at the values.
 */
final class Evaluator {
  static final String FUNCTIONS = "log, log1p, exp, sqrt, abs";
  private static final Map<String, DoubleUnaryOperator> MATH = Map.of("log", Math::log, "log1p", Math::log1p,
      "exp", Math::exp, "sqrt", Math::sqrt, "abs", Math::abs);

  /** What an expression evaluates to. */
  sealed interface Value {
  }

  /** Numbers by row; {@code bool} when they are the 0/1 of a comparison. */
  record Numbers(double[] values, boolean bool) implements Value {
  }

  /** A constant number. */
  record Scalar(double value) implements Value {
  }

  /** A constant string. */
  record Str(String value) implements Value {
  }

  /**
   * A text column: codes into its levels, -1 where missing.
   *
   * @param where its first cell written as text, for messages ("'x' at FILE, line 2, column 3"), or null
   */
  record Text(int[] codes, List<String> levels, String where) implements Value {
  }

  private final String formula;
  private final Table table;

  Evaluator(String formula, Table table) {
    this.formula = formula;
    this.table = table;
  }

  /** Adds the columns {@code e} reads to {@code out}, with the position each is first named at. */
  static void columns(Expr e, Map<String, Integer> out) {
    if (e instanceof Expr.Column c) {
      out.putIfAbsent(c.name(), c.position());
    } else if (e instanceof Expr.Call c && c.function().equals("C")) {
      if (!c.args().isEmpty()) {
        columns(c.args().get(0), out); // the rest says how to code it
      }
    } else if (e instanceof Expr.Call c) {
      c.args().forEach(a -> columns(a, out));
      c.keywords().values().forEach(a -> columns(a, out));
    } else if (e instanceof Expr.Binary b) {
      columns(b.left(), out);
      columns(b.right(), out);
    } else if (e instanceof Expr.Negate n) {
      columns(n.operand(), out);
    }
  }

  Value eval(Expr e) {
    if (e instanceof Expr.Column c) {
      return column(c);
    } else if (e instanceof Expr.Number n) {
      return new Scalar(n.value());
    } else if (e instanceof Expr.Text t) {
      return new Str(t.value());
    } else if (e instanceof Expr.Negate n) {
      return n.minus() ? map(n.operand(), v -> -v, "-") : map(n.operand(), v -> v, "+");
    } else if (e instanceof Expr.Binary b) {
      return b.comparison() ? compare(b) : arithmetic(b);
    }
    return call((Expr.Call) e);
  }

  private Value column(Expr.Column c) {
    Table.Column col = table.column(c.name());
    if (col == null) {
      throw new FormulaException(formula, c.position(), "unknown column '" + c.name() + "'; the columns are " + table.names());
    }
    if (col instanceof Table.Text t) {
      String where = t.firstText() < 0 ? null
          : "'" + t.levels().get(t.codes()[t.firstText()]) + "' at " + table.where(t.firstText(), c.name());
      return new Text(t.codes(), t.levels(), where);
    }
    return new Numbers(((Table.Numbers) col).values(), false);
  }

  private Value call(Expr.Call c) {
    String fn = c.function().startsWith("np.") ? c.function().substring(3)
        : c.function().startsWith("numpy.") ? c.function().substring(6) : c.function();
    if (c.function().equals("I")) {
      one(c);
      return eval(c.args().get(0));
    }
    if (c.function().equals("C")) {
      throw new FormulaException(formula, c.position(), "C(...) makes a categorical; it cannot be used inside an expression");
    }
    DoubleUnaryOperator f = MATH.get(fn);
    if (f == null) {
      throw new FormulaException(formula, c.position(), "unknown function '" + c.function() + "'; the functions are "
          + FUNCTIONS + ", I(...) and C(...)");
    }
    one(c);
    return map(c.args().get(0), f, c.function() + "(...)");
  }

  private void one(Expr.Call c) {
    if (c.args().size() != 1 || !c.keywords().isEmpty()) {
      throw new FormulaException(formula, c.position(), c.function() + "(...) takes one argument");
    }
  }

  private Value map(Expr arg, DoubleUnaryOperator f, String what) {
    Value v = eval(arg);
    if (v instanceof Scalar s) {
      return new Scalar(f.applyAsDouble(s.value()));
    }
    double[] x = numbers(v, arg, what);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = f.applyAsDouble(x[i]);
    }
    return new Numbers(out, false);
  }

  /** The numbers of {@code v}; a categorical or a string used as a number is an error naming the place. */
  double[] numbers(Value v, Expr at, String what) {
    if (v instanceof Numbers n) {
      return n.values();
    } else if (v instanceof Text t) {
      throw new FormulaException((at instanceof Expr.Column c ? "column '" + c.name() + "'" : "an expression")
          + " holds text" + (t.where() == null ? "" : " (" + t.where() + ")") + ", so it is categorical and cannot be "
          + "used as a number in " + what + " (formula '" + formula + "')");
    } else if (v instanceof Str s) {
      throw new FormulaException(formula, at.position(), "the string '" + s.value() + "' cannot be used as a number");
    }
    double[] out = new double[table.rows()];
    Arrays.fill(out, ((Scalar) v).value());
    return out;
  }

  private Value arithmetic(Expr.Binary b) {
    DoubleBinaryOperator op = switch (b.op()) {
      case "+" -> Double::sum;
      case "-" -> (x, y) -> x - y;
      case "*" -> (x, y) -> x * y;
      case "/" -> (x, y) -> x / y;
      case "**" -> Math::pow;
      default -> throw new FormulaException(formula, b.position(), "unknown operator '" + b.op() + "'");
    };
    Value l = eval(b.left());
    Value r = eval(b.right());
    if (l instanceof Scalar x && r instanceof Scalar y) {
      return new Scalar(op.applyAsDouble(x.value(), y.value()));
    }
    double[] x = numbers(l, b.left(), "'" + b.op() + "'");
    double[] y = numbers(r, b.right(), "'" + b.op() + "'");
    double[] out = new double[x.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = op.applyAsDouble(x[i], y[i]);
    }
    return new Numbers(out, false);
  }

  private Value compare(Expr.Binary b) {
    Value l = eval(b.left());
    Value r = eval(b.right());
    if ((l instanceof Text && r instanceof Str) || (l instanceof Str && r instanceof Text)) {
      Text text = l instanceof Text lt ? lt : (Text) r;
      String value = l instanceof Str ls ? ls.value() : ((Str) r).value();
      if (!b.op().equals("==") && !b.op().equals("!=")) {
        throw new FormulaException(formula, b.position(), "text can only be compared with == or !=");
      }
      int code = text.levels().indexOf(value);
      double[] out = new double[text.codes().length];
      for (int i = 0; i < out.length; i++) {
        int c = text.codes()[i];
        out[i] = c < 0 ? Double.NaN : ((c == code) == b.op().equals("==")) ? 1 : 0;
      }
      return new Numbers(out, true);
    }
    double[] x = numbers(l, b.left(), "'" + b.op() + "'");
    double[] y = numbers(r, b.right(), "'" + b.op() + "'");
    double[] out = new double[x.length];
    for (int i = 0; i < out.length; i++) {
      boolean holds = holds(b.op(), x[i], y[i]);
      out[i] = Double.isNaN(x[i]) || Double.isNaN(y[i]) ? Double.NaN : holds ? 1 : 0;
    }
    return new Numbers(out, true);
  }

  private static boolean holds(String op, double x, double y) {
    switch (op) {
      case "==":
        return x == y;
      case "!=":
        return x != y;
      case "<":
        return x < y;
      case "<=":
        return x <= y;
      case ">":
        return x > y;
      default:
        return x >= y;
    }
  }
}
