package org.openlgd.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The data lines of one byte range of a CSV file, parsed into the loader's column arrays from a given row on. Bytes
 * are read in large blocks and parsed in place: a line of unquoted plain numbers goes through the fast path (fields
 * split on commas, each checked to hold only the characters of a decimal number, then read by FastDoubleParser, which
 * gives exactly the double of {@link Double#parseDouble}); any other line goes through the general path of
 * {@link CsvCells} on its text, which also makes every error message. {@link CsvBytes#count} tells beforehand how many rows
 * a range holds, so that every range writes straight into the final arrays. Line numbers are counted from the
 * range's start; the loader adds the lines before. The range parses until its first error, which it keeps: the
 * loader reports the first error of the file.
 */
final class CsvChunk {
  /** Bytes read at a time. */
  static final int BLOCK = 1 << 20;

  /** Where the bytes come from: positional reads, safe from several threads. */
  interface Source {
    /** Reads up to {@code length} bytes at {@code position} into {@code dst}; -1 at the end. */
    int read(long position, byte[] dst, int offset, int length) throws IOException;
  }

  /**
   * What the columns are and what the file is called; {@code text} non-null reads a {@link Table}: cells may be text
   * or missing (NaN).
   */
  record Layout(String name, List<String> header, boolean[] needed, CsvText text) {
    Layout(String name, List<String> header, boolean[] needed) {
      this(name, header, needed, null);
    }

    int width() {
      return header.size();
    }
  }

  private final Layout layout;
  private final double[][] out;
  private final double[] values;
  private final List<String> fields = new ArrayList<>();
  /** This part's text dictionary (a table is read), else null. */
  private final CsvText.Dictionary dictionary;
  /** The text code of each cell of the line in hand (0: none). */
  private final int[] lineCodes;
  /** Reading a table: the columns in which this range stored a missing cell. */
  private final boolean[] gaps;
  private int row;
  private int lines;
  private final int firstRow;
  /** For each blank line met, how many rows of this range came before it (a table maps rows to lines with it). */
  private final List<Integer> blanks = new ArrayList<>();
  private DataFormatException error;

  /**
   * @param out      the loader's arrays, one per column (null for the columns not needed)
   * @param firstRow where this range's first row goes in them
   */
  CsvChunk(Layout layout, double[][] out, int firstRow) {
    this.layout = layout;
    this.out = out;
    this.row = firstRow;
    this.firstRow = firstRow;
    this.values = new double[layout.width()];
    this.dictionary = layout.text() == null ? null : new CsvText.Dictionary(layout.width());
    this.lineCodes = new int[layout.width()];
    this.gaps = new boolean[layout.width()];
  }

  /** Reading a table: whether this range stored a missing cell in column {@code c}. */
  boolean gap(int c) {
    return gaps[c];
  }

  /** The line (from 1, counted from the range's start) of the range's row {@code r} (from 0). */
  int line(int r) {
    int before = 0;
    while (before < blanks.size() && blanks.get(before) <= r) {
      before++;
    }
    return r + 1 + before;
  }

  /** This part's text dictionary, or null when a data set is read. */
  CsvText.Dictionary dictionary() {
    return dictionary;
  }

  /** The first error, with its line counted from the range's start; null when the range parsed. */
  DataFormatException error() {
    return error;
  }

  /** Parses the lines of {@code [start, end)}; {@code start} is the first byte of a line, {@code end} one past a newline. */
  CsvChunk parse(Source in, long start, long end) throws IOException {
    byte[] buf = new byte[(int) Math.min(BLOCK, Math.max(256, end - start))];
    long pos = start;
    int have = 0;
    int at = 0;
    while (error == null) {
      int nl = CsvBytes.newline(buf, at, have);
      if (nl < 0) {
        if (pos >= end) {
          if (at < have) {
            line(buf, at, have);
          }
          break;
        }
        if (at > 0) {
          System.arraycopy(buf, at, buf, 0, have - at);
          have -= at;
          at = 0;
        }
        if (have == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(pos, buf, have, (int) Math.min(buf.length - have, end - pos));
        if (n < 0) {
          end = pos;
          continue;
        }
        pos += n;
        have += n;
        continue;
      }
      line(buf, at, nl);
      at = nl + 1;
    }
    return this;
  }

  /** One line, {@code [a, b)} without its newline. */
  private void line(byte[] buf, int a, int b) {
    lines++;
    if (b > a && buf[b - 1] == '\r') {
      b--;
    }
    if (CsvBytes.blank(buf, a, b)) {
      blanks.add(row - firstRow);
      return;
    }
    if (fast(buf, a, b)) {
      return;
    }
    try {
      general(new String(buf, a, b - a, StandardCharsets.UTF_8));
    } catch (DataFormatException e) {
      error = e;
    }
  }

  /**
   * The common line: no quotes, {@code width} fields, every needed one a plain finite decimal number and every other
   * one non-empty. False, having added nothing, when the line needs the general path.
   */
  private boolean fast(byte[] buf, int a, int b) {
    int width = values.length;
    boolean[] needed = layout.needed();
    int start = a;
    for (int c = 0; c < width; c++) {
      int end = CsvBytes.comma(buf, start, b);
      if ((end == b) != (c == width - 1)) {
        return bail();
      }
      int x = start;
      int y = end;
      while (x < y && (buf[x] == ' ' || buf[x] == '\t')) {
        x++;
      }
      while (y > x && (buf[y - 1] == ' ' || buf[y - 1] == '\t')) {
        y--;
      }
      if (x == y && (dictionary == null || !needed[c])) {
        return bail();
      }
      if (x == y) {
        values[c] = Double.NaN; // a missing cell in a table
      } else if (needed[c] && !plain(buf, x, y)) {
        if (dictionary == null || buf[x] == '"' || !text(c, new String(buf, x, y - x, StandardCharsets.UTF_8))) {
          return bail();
        }
      } else if (needed[c]) {
        double v;
        try {
          v = JavaDoubleParser.parseDouble(buf, x, y - x);
        } catch (NumberFormatException e) {
          return bail();
        }
        if (!Double.isFinite(v)) {
          return bail();
        }
        values[c] = v;
      } else if (buf[x] == '"') {
        return bail();
      }
      start = end + 1;
    }
    store();
    return true;
  }

  /** Reading a table, an unquoted cell that is no plain number: text (coded) or missing; false for the general path. */
  private boolean text(int c, String cell) {
    if (CsvText.MISSING.contains(cell)) {
      values[c] = Double.NaN;
      return true;
    }
    if (CsvCells.looksNumeric(cell)) {
      return false;
    }
    values[c] = Double.NaN;
    lineCodes[c] = dictionary.code(c, cell);
    return true;
  }

  /** Gives the line up to the general path, forgetting the text codes this one took. */
  private boolean bail() {
    Arrays.fill(lineCodes, 0);
    return false;
  }

  /**
   * Whether a field that the Java number syntax accepts is a plain decimal number: it starts (after a sign) with a
   * digit or a point, is not hexadecimal, and ends with a digit or a point. That rules out NaN, Infinity, hex and the
   * d and f suffixes, the forms {@link Double#parseDouble} takes that a CSV cell must not hold.
   */
  private static boolean plain(byte[] buf, int x, int y) {
    int i = buf[x] == '-' || buf[x] == '+' ? x + 1 : x;
    if (i >= y || !(digit(buf[i]) || buf[i] == '.')) {
      return false;
    }
    if (buf[i] == '0' && i + 1 < y && (buf[i + 1] == 'x' || buf[i + 1] == 'X')) {
      return false;
    }
    return digit(buf[y - 1]) || buf[y - 1] == '.';
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  private void store() {
    for (int c = 0; c < values.length; c++) {
      if (out[c] != null) {
        out[c][row] = values[c];
      }
      if (lineCodes[c] != 0) {
        layout.text().codes(c)[row] = lineCodes[c];
        lineCodes[c] = 0;
      } else if (values[c] != values[c]) {
        gaps[c] = true; // NaN without text: a missing cell
      }
    }
    row++;
  }

  /** Any line: split with quotes, checked field by field; the messages name the line (counted from the range). */
  private void general(String text) throws DataFormatException {
    String name = layout.name();
    List<String> header = layout.header();
    int width = header.size();
    CsvCells.split(name, lines, text, fields);
    if (fields.size() != width) {
      int col = Math.min(fields.size(), width) + 1;
      throw new DataFormatException(name, lines, col, "expected " + width + " fields as in the header, found " + fields.size());
    }
    for (int c = 0; c < width; c++) {
      String cell = fields.get(c);
      if (dictionary != null && (cell.isEmpty() || CsvText.MISSING.contains(cell))) {
        values[c] = Double.NaN;
      } else if (cell.isEmpty()) {
        throw new DataFormatException(name, lines, c + 1, "missing value in column '" + header.get(c) + "'");
      } else if (dictionary != null && !CsvCells.looksNumeric(cell)) {
        values[c] = Double.NaN;
        lineCodes[c] = dictionary.code(c, cell);
      } else if (layout.needed()[c]) {
        values[c] = CsvCells.parseNumber(name, lines, c, header.get(c), cell);
      }
    }
    store();
  }
}
