package org.openlgd.data;

/**
 * A data file that cannot be used, with the place of the problem: file, 1-based line and 1-based column
 * (the field number; 0 when the problem concerns the whole line or file).
 */
public final class DataFormatException extends Exception {
  private final String file;
  private final int line;
  private final int column;
  private final String problem;

  public DataFormatException(String file, int line, int column, String problem) {
    super(format(file, line, column, problem));
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  private static String format(String file, int line, int column, String problem) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(", line ").append(line);
    }
    if (column > 0) {
      sb.append(", column ").append(column);
    }
    return sb.append(": ").append(problem).toString();
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String problem() {
    return problem;
  }
}
