package org.openlgd.formula;

import java.util.List;
import java.util.Map;

/** The expression of a factor, as written: a column, a literal, a call, arithmetic or a comparison. */
sealed interface Expr {
  /** Where it starts in the formula (0-based). */
  int position();

  /** A column of the data. */
  record Column(String name, int position) implements Expr {
  }

  /** A number as written. */
  record Number(double value, String text, int position) implements Expr {
  }

  /** A quoted string, without its quotes. */
  record Text(String value, int position) implements Expr {
  }

  /** A function call: {@code function} may be dotted ({@code np.log}). */
  record Call(String function, List<Expr> args, Map<String, Expr> keywords, int position) implements Expr {
  }

  /** A binary operation: {@code + - * / **} or a comparison {@code == != < <= > >=}. */
  record Binary(String op, Expr left, Expr right, int position) implements Expr {
    boolean comparison() {
      return List.of("==", "!=", "<", "<=", ">", ">=").contains(op);
    }
  }

  /** A unary sign. */
  record Negate(Expr operand, boolean minus, int position) implements Expr {
  }
}
