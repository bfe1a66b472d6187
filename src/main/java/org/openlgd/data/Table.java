package org.openlgd.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A site's raw data, column by column, as read: numbers ({@code double}, NaN where a cell is missing) or text
 * (dictionary codes into the column's sorted distinct values, -1 where missing). A formula turns it into the
 * numeric {@link Dataset} a model is fitted on ({@code org.openlgd.formula.Design}).
 */
public final class Table {
  /** A column of a table. */
  public sealed interface Column permits Numbers, Text {
    int size();

    /** Whether row {@code i} is missing. */
    boolean missing(int i);
  }

  /**
   * A numeric column; NaN marks a missing cell.
   *
   * @param complete true when the column is known to miss no cell (then nobody needs to look)
   */
  public record Numbers(double[] values, boolean complete) implements Column {
    public Numbers(double[] values) {
      this(values, false);
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public boolean missing(int i) {
      return Double.isNaN(values[i]);
    }
  }

  /**
   * A text column: codes into {@code levels} (sorted, distinct), -1 for a missing cell.
   *
   * @param firstText the row of the first cell that was written as text (not as a number), -1 when not known
   */
  public record Text(int[] codes, List<String> levels, int firstText) implements Column {
    public Text {
      levels = List.copyOf(levels);
    }

    public Text(int[] codes, List<String> levels) {
      this(codes, levels, -1);
    }

    @Override
    public int size() {
      return codes.length;
    }

    @Override
    public boolean missing(int i) {
      return codes[i] < 0;
    }
  }

  /** Where a row of a table came from, for messages: the file, line and column of a cell. */
  public interface Locator {
    /** The cell of row {@code row} (from 0) in column number {@code column} (from 0) named {@code name}. */
    String at(int row, int column, String name);
  }

  private final String source;
  private final Map<String, Column> columns;
  private final int rows;
  private final Locator locator;

  /** Columns by name, in file order; all of one length. */
  public Table(String source, Map<String, Column> columns) {
    this(source, columns, null);
  }

  /** As {@link #Table(String, Map)}, with the lines its rows came from ({@code locator}; null: data rows). */
  public Table(String source, Map<String, Column> columns, Locator locator) {
    this.source = source;
    this.locator = locator != null ? locator
        : (row, column, name) -> source + ", data row " + (row + 1) + ", column '" + name + "'";
    this.columns = new LinkedHashMap<>(columns);
    int n = -1;
    for (Map.Entry<String, Column> e : this.columns.entrySet()) {
      if (n >= 0 && e.getValue().size() != n) {
        throw new IllegalArgumentException("column '" + e.getKey() + "' has " + e.getValue().size() + " rows, not " + n);
      }
      n = e.getValue().size();
    }
    this.rows = Math.max(n, 0);
  }

  /** The numeric columns of a data set as a table (target first); the arrays are shared, not copied. */
  public static Table of(Dataset d) {
    Map<String, Column> cols = new LinkedHashMap<>();
    cols.put(d.target(), new Numbers(d.targetValues()));
    for (int j = 0; j < d.featureCount(); j++) {
      cols.put(d.features().get(j), new Numbers(d.column(j)));
    }
    return new Table(d.source(), cols);
  }

  /**
   * The rows of several tables stacked, in order; all must have the same columns. A column that holds text in any
   * of them holds text in the result (numbers in it become text, written shortest).
   */
  public static Table concat(String source, List<Table> parts) {
    Table first = parts.get(0);
    int total = 0;
    for (Table t : parts) {
      if (!t.names().equals(first.names())) {
        throw new IllegalArgumentException(t.source + " has columns " + t.names() + ", expected " + first.names());
      }
      total += t.rows;
    }
    Map<String, Column> out = new LinkedHashMap<>();
    for (String name : first.names()) {
      boolean text = parts.stream().anyMatch(t -> t.column(name) instanceof Text);
      if (!text) {
        double[] all = new double[total];
        int at = 0;
        for (Table t : parts) {
          System.arraycopy(((Numbers) t.column(name)).values(), 0, all, at, t.rows);
          at += t.rows;
        }
        out.put(name, new Numbers(all));
        continue;
      }
      TreeSet<String> levels = new TreeSet<>();
      for (Table t : parts) {
        for (int i = 0; i < t.rows; i++) {
          String v = t.text(name, i);
          if (v != null) {
            levels.add(v);
          }
        }
      }
      List<String> sorted = new ArrayList<>(levels);
      int[] codes = new int[total];
      int at = 0;
      for (Table t : parts) {
        for (int i = 0; i < t.rows; i++) {
          String v = t.text(name, i);
          codes[at++] = v == null ? -1 : Collections.binarySearch(sorted, v);
        }
      }
      out.put(name, new Text(codes, sorted));
    }
    int[] offsets = new int[parts.size()];
    for (int k = 1; k < offsets.length; k++) {
      offsets[k] = offsets[k - 1] + parts.get(k - 1).rows;
    }
    return new Table(source, out, (row, column, name) -> {
      int k = offsets.length - 1;
      while (k > 0 && offsets[k] > row) {
        k--;
      }
      return parts.get(k).locator.at(row - offsets[k], column, name);
    });
  }

  /**
   * A column from cells that are numbers ({@link Number}), text ({@link String}) or missing (null): numeric when no
   * cell is text, else text (its numbers written shortest).
   */
  public static Column column(List<?> cells) {
    boolean text = cells.stream().anyMatch(c -> c instanceof String);
    if (!text) {
      double[] v = new double[cells.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = cells.get(i) == null ? Double.NaN : ((Number) cells.get(i)).doubleValue();
      }
      return new Numbers(v);
    }
    TreeSet<String> levels = new TreeSet<>();
    List<String> asText = new ArrayList<>();
    for (Object c : cells) {
      String t = c == null ? null : c instanceof Number n ? CsvText.number(n.doubleValue()) : (String) c;
      asText.add(t);
      if (t != null) {
        levels.add(t);
      }
    }
    List<String> sorted = new ArrayList<>(levels);
    int[] codes = new int[cells.size()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = asText.get(i) == null ? -1 : Collections.binarySearch(sorted, asText.get(i));
    }
    return new Text(codes, sorted);
  }

  /** Whether {@code cell} is a plain decimal number as a CSV file holds one (not NaN, Infinity, hex). */
  public static boolean isNumber(String cell) {
    return CsvCells.looksNumeric(cell);
  }

  /** Cell {@code i} of column {@code name}: a Double, a String, or null when missing. */
  public Object cell(String name, int i) {
    Column c = column(name);
    if (c instanceof Text t) {
      return t.codes()[i] < 0 ? null : t.levels().get(t.codes()[i]);
    }
    double v = ((Numbers) c).values()[i];
    return Double.isNaN(v) ? null : (Object) v;
  }

  /** Cell {@code i} of column {@code name} as text (a number written shortest), or null when missing. */
  private String text(String name, int i) {
    Column c = column(name);
    if (c instanceof Text t) {
      return t.codes()[i] < 0 ? null : t.levels().get(t.codes()[i]);
    }
    double v = ((Numbers) c).values()[i];
    return Double.isNaN(v) ? null : CsvText.number(v);
  }

  public String source() {
    return source;
  }

  public int rows() {
    return rows;
  }

  public List<String> names() {
    return new ArrayList<>(columns.keySet());
  }

  /** The column named {@code name}, or null. */
  public Column column(String name) {
    return columns.get(name);
  }

  /**
   * A fingerprint of every loaded value, whatever a model makes of them: the first 16 hex digits of SHA-256 over
   * each column's name and cells (a number's IEEE bits, a text cell's level, a missing cell as such). Two runs with
   * different formulas on the same rows share it; the design's own fingerprint differs.
   */
  public String fingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(1 << 13);
      for (Map.Entry<String, Column> e : columns.entrySet()) {
        md.update((e.getKey() + "\u0000").getBytes(StandardCharsets.UTF_8));
        if (e.getValue() instanceof Text t) {
          md.update(String.join("\u0001", t.levels()).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < rows; i++) {
          if (buf.remaining() < 8) {
            md.update(buf.array(), 0, buf.position());
            buf.clear();
          }
          if (e.getValue() instanceof Text t) {
            buf.putLong(t.codes()[i]);
          } else {
            buf.putLong(Double.doubleToLongBits(((Numbers) e.getValue()).values()[i]));
          }
        }
        md.update(buf.array(), 0, buf.position());
        buf.clear();
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** This table with one more column (replacing one of the same name). */
  public Table with(String name, Column column) {
    Map<String, Column> more = new LinkedHashMap<>(columns);
    more.put(name, column);
    return new Table(source, more, locator);
  }

  /** Where the cell of row {@code row} in column {@code name} came from: "file, line L, column C" for a CSV file. */
  public String where(int row, String name) {
    return locator.at(row, names().indexOf(name), name);
  }
}
