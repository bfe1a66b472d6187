package org.openlgd.formula;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Python expression of one factor from its tokens: comparisons, {@code + -}, {@code * /}, unary signs,
 * {@code **} (right-associative, binding tighter than a sign on its left), calls with positional and keyword
 * arguments, dotted names, numbers, strings and parentheses.
 */
final class ExprParser {
  private final String formula;
  private final List<Token> tokens;
  private int at;
  private int depth;

  private ExprParser(String formula, List<Token> tokens) {
    this.formula = formula;
    this.tokens = tokens;
  }

  /** The expression of {@code tokens} (which must all belong to it). */
  static Expr parse(String formula, List<Token> tokens) {
    List<Token> withEnd = new ArrayList<>(tokens);
    int end = tokens.isEmpty() ? formula.length() : tokens.get(tokens.size() - 1).position() + tokens.get(tokens.size() - 1).text().length();
    withEnd.add(new Token(Token.Kind.END, "", end));
    ExprParser p = new ExprParser(formula, withEnd);
    Expr e = p.comparison();
    if (p.peek().kind() != Token.Kind.END) {
      throw p.error(p.peek(), "unexpected '" + p.peek().text() + "'");
    }
    return e;
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token next() {
    return tokens.get(at++);
  }

  private FormulaException error(Token t, String problem) {
    return new FormulaException(formula, t.position(), t.kind() == Token.Kind.END ? "the expression ends too early" : problem);
  }

  private Expr comparison() {
    Expr left = additive();
    while (peek().kind() == Token.Kind.OP && List.of("==", "!=", "<", "<=", ">", ">=").contains(peek().text())) {
      Token op = next();
      left = new Expr.Binary(op.text(), left, additive(), op.position());
    }
    return left;
  }

  private Expr additive() {
    Expr left = multiplicative();
    while (peek().is("+") || peek().is("-")) {
      Token op = next();
      left = new Expr.Binary(op.text(), left, multiplicative(), op.position());
    }
    return left;
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (peek().is("*") || peek().is("/")) {
      Token op = next();
      left = new Expr.Binary(op.text(), left, unary(), op.position());
    }
    return left;
  }

  private Expr unary() {
    if (peek().is("-") || peek().is("+")) {
      Token op = next();
      deeper(op);
      Expr e = new Expr.Negate(unary(), op.text().equals("-"), op.position());
      depth--;
      return e;
    }
    return power();
  }

  /** One level deeper in the expression; too deep is an error, not a stack overflow. */
  private void deeper(Token at) {
    if (++depth > FormulaParser.MAX_DEPTH) {
      throw new FormulaException(formula, at.position(), "an expression nested more than " + FormulaParser.MAX_DEPTH
          + " deep");
    }
  }

  private Expr power() {
    Expr base = primary();
    if (peek().is("**")) {
      Token op = next();
      deeper(op);
      Expr e = new Expr.Binary("**", base, unary(), op.position());
      depth--;
      return e;
    }
    return base;
  }

  private Expr primary() {
    Token t = next();
    switch (t.kind()) {
      case NUMBER -> {
        try {
          return new Expr.Number(Double.parseDouble(t.text()), t.text(), t.position());
        } catch (NumberFormatException e) {
          throw error(t, "'" + t.text() + "' is not a number");
        }
      }
      case STRING -> {
        return new Expr.Text(t.text().substring(1, t.text().length() - 1), t.position());
      }
      case NAME -> {
        StringBuilder name = new StringBuilder(t.text());
        while (peek().is(".") && tokens.get(at + 1).kind() == Token.Kind.NAME) {
          next();
          name.append('.').append(next().text());
        }
        if (peek().is("(")) {
          next();
          deeper(t);
          Expr call = call(name.toString(), t.position());
          depth--;
          return call;
        }
        if (name.indexOf(".") >= 0) {
          throw error(t, "unknown name '" + name + "'");
        }
        return new Expr.Column(name.toString(), t.position());
      }
      default -> {
        if (t.is("(")) {
          deeper(t);
          Expr inner = comparison();
          depth--;
          expect(")");
          return inner;
        }
        throw error(t, "unexpected '" + t.text() + "'");
      }
    }
  }

  private Expr call(String function, int position) {
    List<Expr> args = new ArrayList<>();
    Map<String, Expr> keywords = new LinkedHashMap<>();
    while (!peek().is(")")) {
      if (peek().kind() == Token.Kind.NAME && tokens.get(at + 1).is("=")) {
        Token key = next();
        next();
        keywords.put(key.text(), comparison());
      } else if (!keywords.isEmpty()) {
        throw error(peek(), "a positional argument after a keyword argument");
      } else {
        args.add(comparison());
      }
      if (!peek().is(",")) {
        break;
      }
      next();
    }
    expect(")");
    return new Expr.Call(function, args, keywords, position);
  }

  private void expect(String op) {
    Token t = next();
    if (!t.is(op)) {
      throw error(t, "expected '" + op + "' but found '" + t.text() + "'");
    }
  }
}
