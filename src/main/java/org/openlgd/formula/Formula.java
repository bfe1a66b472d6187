package org.openlgd.formula;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A model formula, as R and patsy write them: {@code LGD ~ ltv + log(ead) + C(collateral) + senior:ltv}. See
 * {@link FormulaParser} for the grammar. Plain Java: it names columns, the data decide which factors are categorical
 * ({@link Design}).
 *
 * @param text      as given
 * @param response  the left-hand side, one numeric factor
 * @param intercept whether the model has an intercept ({@code - 1} or {@code + 0} removes it)
 * @param terms     the right-hand side's terms but the intercept, in the order written, each once
 */
public record Formula(String text, Factor response, boolean intercept, List<Term> terms) {
  public Formula {
    terms = List.copyOf(terms);
  }

  /** Parses a formula; a {@link FormulaException} names the position of a syntax error. */
  public static Formula parse(String text) {
    return FormulaParser.parse(text);
  }

  /**
   * The shorthand {@code target ~ f1 + f2 + ...} of {@code --target} and {@code --features}: each name a column as it
   * is, whatever characters it holds (a column of text is categorical).
   */
  public static Formula of(String target, List<String> features) {
    List<Term> terms = new ArrayList<>();
    for (String f : features) {
      terms.add(new Term(List.of(column(f))));
    }
    return new Formula(target + " ~ " + String.join(" + ", features), column(target), true, terms);
  }

  private static Factor column(String name) {
    return new Factor(name, new Expr.Column(name, -1), -1, false);
  }

  /** The same formula with one more term, a factor whose values are categorical whatever they look like. */
  public Formula withCategorical(String column) {
    Factor f = new Factor(column, new Expr.Column(column, -1), -1, true);
    List<Term> more = new ArrayList<>(terms);
    more.add(new Term(List.of(f)));
    return new Formula(text + " + " + column, response, intercept, more);
  }

  /** Every factor, the response's first, each once. */
  public List<Factor> factors() {
    Set<Factor> all = new LinkedHashSet<>();
    all.add(response);
    for (Term t : terms) {
      all.addAll(t.factors());
    }
    return List.copyOf(all);
  }

  /** The data columns the formula reads, in the order first named. */
  public List<String> columns() {
    return List.copyOf(columnPositions().keySet());
  }

  /** The data columns the formula reads, each with the position it is first named at (-1 for an added factor). */
  Map<String, Integer> columnPositions() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Factor f : factors()) {
      Evaluator.columns(f.expr(), out);
    }
    return out;
  }

  /** Whether every term is one factor that is a column or a function of one (no interactions, no {@code I()}). */
  public boolean mainEffectsOnly() {
    return terms.stream().allMatch(t -> t.factors().size() == 1 && !(t.factors().get(0).expr() instanceof Expr.Call c
        && c.function().equals("I")));
  }

  @Override
  public String toString() {
    return response.code() + " ~ " + (intercept ? "1" : "0")
        + terms.stream().map(t -> " + " + t).collect(Collectors.joining());
  }
}
