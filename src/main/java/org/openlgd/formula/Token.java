package org.openlgd.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * A token of a formula, as Python's tokenizer would cut it (names, numbers, strings, operators), with its 0-based
 * position; patsy names a factor by its tokens written with normalized spacing ({@link #code}).
 */
record Token(Kind kind, String text, int position) {
  enum Kind { NAME, NUMBER, STRING, OP, END }

  private static final List<String> OPERATORS = List.of("**", "==", "!=", "<=", ">=", "~", "+", "-", "*", "/", ":", "(",
      ")", "[", "]", ",", "=", "<", ">", ".");
  private static final List<String> SPACE_BOTH = List.of("+", "-", "*", "/", "%", "&", "^", "|", "<", ">", "==", "!=",
      "<=", ">=", "**");

  boolean is(String op) {
    return kind == Kind.OP && text.equals(op);
  }

  boolean objectLike() {
    return kind == Kind.NAME || kind == Kind.NUMBER || kind == Kind.STRING || is(")");
  }

  /** The tokens of {@code formula}, ending with an END token. */
  static List<Token> split(String formula) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = formula.length();
    while (i < n) {
      char c = formula.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(formula.charAt(i)) || formula.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(Kind.NAME, formula.substring(s, i), s));
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(formula.charAt(i + 1)))) {
        int s = i;
        while (i < n && (Character.isDigit(formula.charAt(i)) || formula.charAt(i) == '.')) {
          i++;
        }
        if (i < n && (formula.charAt(i) == 'e' || formula.charAt(i) == 'E')) {
          int e = i + 1;
          if (e < n && (formula.charAt(e) == '+' || formula.charAt(e) == '-')) {
            e++;
          }
          if (e < n && Character.isDigit(formula.charAt(e))) {
            i = e;
            while (i < n && Character.isDigit(formula.charAt(i))) {
              i++;
            }
          }
        }
        out.add(new Token(Kind.NUMBER, formula.substring(s, i), s));
      } else if (c == '\'' || c == '"') {
        int s = i++;
        while (i < n && formula.charAt(i) != c) {
          i++;
        }
        if (i >= n) {
          throw new FormulaException(formula, s, "a string opened here is not closed");
        }
        i++;
        out.add(new Token(Kind.STRING, formula.substring(s, i), s));
      } else {
        String op = null;
        for (String o : OPERATORS) {
          if (formula.startsWith(o, i)) {
            op = o;
            break;
          }
        }
        if (op == null) {
          throw new FormulaException(formula, i, "unexpected character '" + c + "'");
        }
        out.add(new Token(Kind.OP, op, i));
        i += op.length();
      }
    }
    out.add(new Token(Kind.END, "", n));
    return out;
  }

  /**
   * The tokens written as patsy names a factor: binary operators and {@code **} between spaces, a space after a
   * comma, none inside brackets or around a keyword's {@code =}, none after a unary sign.
   */
  static String code(List<Token> tokens) {
    StringBuilder sb = new StringBuilder();
    boolean prevWantsSpace = false;
    boolean prevSpaceDelim = false;
    boolean prevObject = false;
    int depth = 0;
    for (Token t : tokens) {
      if (t.kind != Kind.OP) {
        if (prevWantsSpace || prevSpaceDelim) {
          sb.append(' ');
        }
        sb.append(t.text);
        prevWantsSpace = false;
        prevSpaceDelim = true;
      } else {
        String op = t.text;
        if (op.equals("(") || op.equals("[")) {
          depth++;
        } else if ((op.equals(")") || op.equals("]")) && depth > 0) {
          depth--;
        }
        boolean before = SPACE_BOTH.contains(op);
        boolean after = before || op.equals(",");
        if (op.equals("=") && depth == 0) {
          before = true;
          after = true;
        }
        if ((op.equals("+") || op.equals("-")) && !prevObject) {
          before = false;
          after = false;
        }
        if (prevWantsSpace || before) {
          sb.append(' ');
        }
        sb.append(op);
        prevWantsSpace = after;
        prevSpaceDelim = false;
      }
      prevObject = t.objectLike();
    }
    return sb.toString();
  }
}
