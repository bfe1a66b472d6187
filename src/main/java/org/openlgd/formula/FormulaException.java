package org.openlgd.formula;

/**
 * A formula that cannot be used: a syntax error, an unknown column or function, a categorical used as a number. The
 * message names the place: for a syntax error, the character position with the formula and a caret under it.
 */
public final class FormulaException extends IllegalArgumentException {
  private final int position;

  /** A problem at {@code position} (0-based) of {@code formula}; -1 for none. */
  public FormulaException(String formula, int position, String problem) {
    super(position < 0 ? problem + " in formula '" + formula + "'"
        : problem + " at character " + (position + 1) + " of the formula:\n  " + formula + "\n  " + " ".repeat(position) + "^");
    this.position = position;
  }

  /** A problem with the formula as a whole or with the data it names. */
  public FormulaException(String problem) {
    super(problem);
    this.position = -1;
  }

  /** The 0-based character position of the problem, or -1. */
  public int position() {
    return position;
  }
}
