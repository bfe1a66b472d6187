package org.openlgd.data;

import java.util.List;

/**
 * The cells of a CSV line: splitting a line into fields (quotes, doubled quotes, blanks) and reading a field as a
 * finite number, each failure a {@link DataFormatException} naming file, line and column.
 */
final class CsvCells {
  private CsvCells() {
  }

  static double parseNumber(String name, int lineNo, int c, String column, String cell) throws DataFormatException {
    double v;
    try {
      v = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new DataFormatException(name, lineNo, c + 1, "'" + cell + "' in column '" + column + "' is not a number");
    }
    if (!Double.isFinite(v) || !looksNumeric(cell)) {
      throw new DataFormatException(name, lineNo, c + 1, "'" + cell + "' in column '" + column + "' is not a finite number");
    }
    return v;
  }

  /** Plain decimal or scientific notation; excludes Java's extras such as NaN, Infinity, hex and the d/f suffixes. */
  static boolean looksNumeric(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  /**
   * Splits one CSV line into trimmed fields (into {@code out}, which is cleared); quoted fields may hold commas and
   * doubled quotes.
   */
  static List<String> split(String name, int lineNo, String line, List<String> out) throws DataFormatException {
    out.clear();
    int n = line.length();
    int i = 0;
    StringBuilder sb = new StringBuilder();
    while (true) {
      sb.setLength(0);
      while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      if (i < n && line.charAt(i) == '"') {
        int open = i;
        i++;
        boolean closed = false;
        while (i < n) {
          char ch = line.charAt(i);
          if (ch == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              sb.append('"');
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          sb.append(ch);
          i++;
        }
        if (!closed) {
          throw new DataFormatException(name, lineNo, out.size() + 1,
              "quote opened at character " + (open + 1) + " is not closed on this line");
        }
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
          i++;
        }
        if (i < n && line.charAt(i) != ',') {
          throw new DataFormatException(name, lineNo, out.size() + 1, "unexpected text after a closing quote");
        }
        out.add(sb.toString().trim());
      } else {
        int start = i;
        while (i < n && line.charAt(i) != ',') {
          i++;
        }
        out.add(line.substring(start, i).trim());
      }
      if (i >= n) {
        return out;
      }
      i++; // skip the comma
    }
  }
}
