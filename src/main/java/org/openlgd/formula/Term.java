package org.openlgd.formula;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

/** A term: the interaction of its factors, in the order written (equal terms have the same set of factors). */
public record Term(List<Factor> factors) {
  public Term {
    List<Factor> unique = new ArrayList<>();
    for (Factor f : factors) {
      if (!unique.contains(f)) {
        unique.add(f);
      }
    }
    factors = List.copyOf(unique);
  }

  /** This term's factors followed by {@code other}'s new ones. */
  Term times(Term other) {
    List<Factor> all = new ArrayList<>(factors);
    all.addAll(other.factors);
    return new Term(all);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Term t && new HashSet<>(t.factors).equals(new HashSet<>(factors));
  }

  @Override
  public int hashCode() {
    return new HashSet<>(factors).hashCode();
  }

  @Override
  public String toString() {
    return factors.stream().map(Factor::code).collect(Collectors.joining(":"));
  }
}
