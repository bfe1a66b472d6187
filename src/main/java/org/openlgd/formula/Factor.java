package org.openlgd.formula;

import java.util.Objects;

/**
 * One factor of a formula: an expression of the data, named by its code (its tokens written as patsy writes them,
 * {@code log(ead)}, {@code C(coll)}, {@code I(ltv ** 2)}). Two factors with the same code are the same factor.
 *
 * @param forced categorical whatever its values (the server indicator of {@code --server-effects})
 */
public record Factor(String code, Expr expr, int position, boolean forced) {
  /** The name a design column takes from this factor. */
  public String code() {
    return code;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Factor f && f.code.equals(code);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code);
  }

  @Override
  public String toString() {
    return code;
  }
}
