package org.openlgd.formula;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The formula grammar, a subset of Wilkinson–Rogers as patsy reads it:
 *
 * <pre>
 * formula := factor '~' sum
 * sum     := product (('+' | '-') product)*       a + b: both; a - b: a without b's terms; - 1, + 0: no intercept
 * product := inter (('*' | '/') inter)*           a * b = a + b + a:b;  a / b = a + a:b
 * inter   := power (':' power)*                   a:b: the interaction
 * power   := atom ('**' INTEGER)?                 (a + b) ** 2 = a + b + a:b
 * atom    := '(' sum ')' | '0' | '1' | '-' atom | factor
 * factor  := a Python expression: a column, a call f(...) (dotted names allowed), as {@link ExprParser} reads it
 * </pre>
 */
final class FormulaParser {
  /** Bounds that keep a hostile formula from exhausting a server: parentheses nested, terms made. */
  static final int MAX_DEPTH = 50;
  static final int MAX_TERMS = 500;

  private final String text;
  private int depth;
  private final List<Token> tokens;
  private int at;

  /** An intermediate result: terms, and what happened to the intercept. */
  private record Part(boolean intercept, boolean removed, List<Term> terms) {
    static Part of(List<Term> terms) {
      return new Part(false, false, terms);
    }
  }

  private FormulaParser(String text) {
    this.text = text;
    this.tokens = Token.split(text);
  }

  static Formula parse(String text) {
    if (text == null || text.isBlank()) {
      throw new FormulaException("the formula is empty; write it as 'LGD ~ x1 + x2'");
    }
    FormulaParser p = new FormulaParser(text);
    int tilde = -1;
    for (int k = 0; k < p.tokens.size(); k++) {
      if (p.tokens.get(k).is("~")) {
        if (tilde >= 0) {
          throw new FormulaException(text, p.tokens.get(k).position(), "a second '~'");
        }
        tilde = k;
      }
    }
    if (tilde < 0) {
      throw new FormulaException(text, -1, "no '~' between the response and the terms");
    }
    if (tilde == 0) {
      throw new FormulaException(text, 0, "no response before '~'");
    }
    Factor response = p.factor();
    if (p.at != tilde) {
      throw new FormulaException(text, p.tokens.get(p.at).position(), "the response must be one expression");
    }
    p.at++;
    if (p.peek().kind() == Token.Kind.END) {
      throw new FormulaException(text, p.peek().position(), "no terms after '~'");
    }
    Part rhs = p.sum();
    if (p.peek().kind() != Token.Kind.END) {
      throw new FormulaException(text, p.peek().position(), "unexpected '" + p.peek().text() + "'");
    }
    for (Term t : rhs.terms()) {
      if (t.factors().contains(response)) {
        throw new FormulaException(text, -1, "the response " + response.code() + " is also a term");
      }
    }
    return new Formula(text, response, !rhs.removed(), rhs.terms());
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Part sum() {
    Part left = product();
    while (peek().is("+") || peek().is("-")) {
      boolean plus = next().is("+");
      Token start = peek();
      Part right = product();
      left = plus ? plus(left, right, start) : minus(left, right, start);
    }
    return left;
  }

  private static boolean number(Token t, String value) {
    return t.kind() == Token.Kind.NUMBER && t.text().equals(value);
  }

  private Part plus(Part left, Part right, Token start) {
    if (number(start, "0") && right.terms().isEmpty()) {
      return new Part(false, true, left.terms());
    }
    List<Term> terms = union(left.terms(), right.terms());
    return right.intercept() ? new Part(true, false, terms) : new Part(left.intercept(), left.removed(), terms);
  }

  private Part minus(Part left, Part right, Token start) {
    if (number(start, "0") && right.terms().isEmpty()) {
      return new Part(true, false, left.terms());
    }
    List<Term> terms = new ArrayList<>(left.terms());
    terms.removeAll(right.terms());
    return right.intercept() ? new Part(false, true, terms) : new Part(left.intercept(), left.removed(), terms);
  }

  private Part product() {
    Part left = interaction();
    while (peek().is("*") || peek().is("/")) {
      Token op = next();
      Part right = interaction();
      noIntercept(left, op);
      noIntercept(right, op);
      if (op.is("*")) {
        left = Part.of(union(union(left.terms(), right.terms()), times(left.terms(), right.terms())));
      } else {
        List<Factor> all = new ArrayList<>();
        left.terms().forEach(t -> all.addAll(t.factors()));
        left = Part.of(union(left.terms(), times(List.of(new Term(all)), right.terms())));
      }
    }
    return left;
  }

  private Part interaction() {
    Part left = power();
    while (peek().is(":")) {
      Token op = next();
      Part right = power();
      noIntercept(left, op);
      noIntercept(right, op);
      left = Part.of(times(left.terms(), right.terms()));
    }
    return left;
  }

  private Part power() {
    Part base = atom();
    if (peek().is("**")) {
      Token op = next();
      Token n = next();
      if (n.kind() != Token.Kind.NUMBER || !n.text().matches("[1-9][0-9]*")) {
        throw new FormulaException(text, n.position(), "'**' needs a positive whole number");
      }
      noIntercept(base, op);
      List<Term> all = base.terms();
      List<Term> big = base.terms();
      for (int k = 1; k < Integer.parseInt(n.text()); k++) {
        big = times(base.terms(), big);
        all = union(all, big);
      }
      return Part.of(all);
    }
    return base;
  }

  private Part atom() {
    Token t = peek();
    if (t.is("(")) {
      next();
      if (++depth > MAX_DEPTH) {
        throw new FormulaException(text, t.position(), "parentheses nested more than " + MAX_DEPTH + " deep");
      }
      Part inner = sum();
      depth--;
      Token close = next();
      if (!close.is(")")) {
        throw new FormulaException(text, close.position(), close.kind() == Token.Kind.END ? "a '(' is not closed"
            : "expected ')' but found '" + close.text() + "'");
      }
      return inner;
    }
    if (t.is("-")) {
      next();
      Token v = next();
      if (number(v, "1")) {
        return new Part(false, true, List.of());
      }
      if (number(v, "0")) {
        return new Part(true, false, List.of());
      }
      throw new FormulaException(text, t.position(), "a leading '-' works only on 0 or 1");
    }
    if (t.kind() == Token.Kind.NUMBER) {
      next();
      if (t.text().equals("1")) {
        return new Part(true, false, List.of());
      }
      if (t.text().equals("0")) {
        return new Part(false, true, List.of());
      }
      throw new FormulaException(text, t.position(), "a number in a formula can only be 0 or 1; write I(" + t.text() + " * x) for arithmetic");
    }
    if (t.kind() != Token.Kind.NAME) {
      throw new FormulaException(text, t.position(), t.kind() == Token.Kind.END ? "the formula ends too early"
          : "expected a column or a function, found '" + t.text() + "'");
    }
    return Part.of(List.of(new Term(List.of(factor()))));
  }

  /** A factor: a name, dotted names, and a call's balanced parentheses. */
  private Factor factor() {
    int from = at;
    Token first = next();
    if (first.kind() != Token.Kind.NAME) {
      throw new FormulaException(text, first.position(), "expected a column or a function, found '" + first.text() + "'");
    }
    while (peek().is(".") && tokens.get(at + 1).kind() == Token.Kind.NAME) {
      at += 2;
    }
    if (peek().is("(")) {
      int depth = 0;
      do {
        Token t = next();
        if (t.kind() == Token.Kind.END) {
          throw new FormulaException(text, tokens.get(from).position(), "the parenthesis of this call is not closed");
        }
        depth += t.is("(") ? 1 : t.is(")") ? -1 : 0;
      } while (depth > 0);
    }
    List<Token> own = tokens.subList(from, at);
    return new Factor(Token.code(own), ExprParser.parse(text, own), first.position(), false);
  }

  private Token next() {
    return tokens.get(at++);
  }

  private void noIntercept(Part p, Token op) {
    if (p.intercept() || p.removed()) {
      throw new FormulaException(text, op.position(), "0 or 1 cannot take part in '" + op.text() + "'");
    }
  }

  private List<Term> union(List<Term> a, List<Term> b) {
    Set<Term> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return bounded(out);
  }

  private List<Term> times(List<Term> a, List<Term> b) {
    if ((long) a.size() * b.size() > 10L * MAX_TERMS) {
      throw new FormulaException(text, -1, "the formula makes more than " + MAX_TERMS + " terms");
    }
    Set<Term> out = new LinkedHashSet<>();
    for (Term x : a) {
      for (Term y : b) {
        out.add(x.times(y));
      }
    }
    return bounded(out);
  }

  private List<Term> bounded(Set<Term> terms) {
    if (terms.size() > MAX_TERMS) {
      throw new FormulaException(text, -1, "the formula makes more than " + MAX_TERMS + " terms");
    }
    return new ArrayList<>(terms);
  }
}
