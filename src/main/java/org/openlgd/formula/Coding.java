package org.openlgd.formula;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The columns of a design matrix and their names, exactly as patsy makes them. Terms are grouped by the set of
 * numeric factors they hold (the group without any first, the others in order of appearance) and sorted by degree
 * within a group. Within a group, each term's categorical factors are coded so that the columns are not redundant
 * with what came before: the subsets of its categorical factors not yet spanned are merged where one extends
 * another by one factor, and a factor merged in is coded in full ({@code C(x)[a]}, every level), the others by
 * treatment contrasts ({@code C(x)[T.b]}, every level but the reference). In a column of several factors the first
 * factor's levels vary fastest.
 */
final class Coding {
  /**
   * One design column.
   *
   * @param factors its factors, in the term's order
   * @param levels  for each factor, the level index it is 1 at (a categorical), or -1 for a numeric factor
   */
  record Column(String name, List<Factor> factors, int[] levels) {
  }

  /** A factor of a subterm, coded in full or by contrasts. */
  private record Coded(Factor factor, boolean full) {
  }

  private Coding() {
  }

  /**
   * The columns (the intercept's, with no factor, first when the formula has one).
   *
   * @param levels     the levels of every categorical factor, by code; the other factors are numeric
   * @param references the reference level index of each categorical factor coded by contrasts
   */
  static List<Column> columns(Formula formula, Map<String, List<Object>> levels, Map<String, Integer> references) {
    List<Term> terms = new ArrayList<>();
    if (formula.intercept()) {
      terms.add(new Term(List.of()));
    }
    terms.addAll(formula.terms());
    Map<Set<Factor>, List<Term>> buckets = new LinkedHashMap<>();
    buckets.put(Set.of(), new ArrayList<>());
    for (Term t : terms) {
      Set<Factor> numeric = new HashSet<>();
      t.factors().stream().filter(f -> !levels.containsKey(f.code())).forEach(numeric::add);
      buckets.computeIfAbsent(numeric, k -> new ArrayList<>()).add(t);
    }
    List<Column> out = new ArrayList<>();
    for (List<Term> bucket : buckets.values()) {
      bucket.sort(Comparator.comparingInt(t -> t.factors().size()));
      Set<Set<Coded>> used = new HashSet<>();
      for (Term t : bucket) {
        for (Set<Coded> subterm : subterms(t, levels, used)) {
          columns(t, subterm, levels, references, out);
        }
      }
    }
    return out;
  }

  /** An upper bound of the columns {@link #columns} makes: per term, the product of its factors' column counts. */
  static long count(Formula formula, Map<String, List<Object>> levels) {
    long total = 1;
    for (Term t : formula.terms()) {
      long n = 1;
      for (Factor f : t.factors()) {
        n = Math.min(Long.MAX_VALUE / 1_000_000, n * Math.max(1, levels.getOrDefault(f.code(), List.of(0)).size()));
      }
      total = Math.min(Long.MAX_VALUE / 2, total + n);
    }
    return total;
  }

  /** The subterms of {@code t} not yet spanned in its group, merged. */
  private static List<Set<Coded>> subterms(Term t, Map<String, List<Object>> levels, Set<Set<Coded>> used) {
    List<Factor> categorical = t.factors().stream().filter(f -> levels.containsKey(f.code())).toList();
    List<Set<Coded>> subterms = new ArrayList<>();
    for (List<Integer> subset : subsets(categorical.size())) {
      Set<Coded> s = new LinkedHashSet<>();
      subset.forEach(k -> s.add(new Coded(categorical.get(k), false)));
      if (!used.contains(s)) {
        subterms.add(s);
      }
    }
    used.addAll(subterms);
    while (mergeOne(subterms)) {
      // merge until nothing merges
    }
    return subterms;
  }

  /** The subsets of {0..m-1}: shorter first, then in lexicographic order of their sorted indices. */
  private static List<List<Integer>> subsets(int m) {
    List<List<Integer>> out = new ArrayList<>();
    for (int mask = 0; mask < 1 << m; mask++) {
      List<Integer> s = new ArrayList<>();
      for (int k = 0; k < m; k++) {
        if ((mask & 1 << k) != 0) {
          s.add(k);
        }
      }
      out.add(s);
    }
    out.sort(Comparator.<List<Integer>>comparingInt(List::size).thenComparing((a, b) -> {
      for (int k = 0; k < a.size(); k++) {
        int c = Integer.compare(a.get(k), b.get(k));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }));
    return out;
  }

  /**
   * Merges the first pair, from the left, of a subterm and a later one that extends it by one factor: the later
   * one takes the place of both, the extra factor coded in full.
   */
  private static boolean mergeOne(List<Set<Coded>> subterms) {
    for (int s = 0; s < subterms.size(); s++) {
      Set<Coded> small = subterms.get(s);
      for (int l = s + 1; l < subterms.size(); l++) {
        Set<Coded> large = subterms.get(l);
        if (large.size() == small.size() + 1 && large.containsAll(small)) {
          Set<Coded> merged = new LinkedHashSet<>();
          for (Coded c : large) {
            merged.add(small.contains(c) ? c : new Coded(c.factor(), true));
          }
          subterms.set(l, merged);
          subterms.remove(s);
          return true;
        }
      }
    }
    return false;
  }

  /** The columns of one subterm: every combination of its factors' columns, the first factor varying fastest. */
  private static void columns(Term t, Set<Coded> subterm, Map<String, List<Object>> levels,
                              Map<String, Integer> references, List<Column> out) {
    List<Factor> factors = new ArrayList<>();
    List<int[]> choices = new ArrayList<>();
    for (Factor f : t.factors()) {
      List<Object> lv = levels.get(f.code());
      if (lv == null) {
        factors.add(f);
        choices.add(new int[] {-1});
        continue;
      }
      Coded c = subterm.stream().filter(x -> x.factor().equals(f)).findFirst().orElse(null);
      if (c == null) {
        continue;
      }
      factors.add(f);
      int reference = references.getOrDefault(f.code(), 0);
      choices.add(IntStream.range(0, lv.size()).filter(k -> c.full() || k != reference).toArray());
    }
    int total = 1;
    for (int[] ch : choices) {
      total *= ch.length;
    }
    for (int combo = 0; combo < total; combo++) {
      int[] at = new int[factors.size()];
      StringBuilder name = new StringBuilder();
      int rest = combo;
      for (int k = 0; k < factors.size(); k++) {
        int[] ch = choices.get(k);
        at[k] = ch[rest % ch.length];
        rest /= ch.length;
        if (k > 0) {
          name.append(':');
        }
        Factor f = factors.get(k);
        name.append(f.code());
        if (at[k] >= 0) {
          boolean full = subterm.contains(new Coded(f, true));
          name.append(full ? "[" : "[T.").append(Levels.format(levels.get(f.code()).get(at[k]))).append(']');
        }
      }
      out.add(new Column(factors.isEmpty() ? "intercept" : name.toString(), List.copyOf(factors), at));
    }
  }
}
