package org.openlgd.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The text cells of a CSV file read as a {@link Table}: each part of the file codes the text it meets with a
 * dictionary of its own (code k + 1 in a shared array per column, 0 for a number or a missing cell); once every part
 * is read, a column with any text becomes a text column with the sorted union of the parts' values, and the numbers
 * in it become text too (written shortest: 2, 0.5). Missing cells: empty, or one of {@link #MISSING}.
 */
final class CsvText {
  /** The cells that stand for a missing value besides an empty one (as pandas reads them by default). */
  static final Set<String> MISSING = Set.of("NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "null", "NULL", "None",
      "<NA>", "#N/A", "#NA");

  private final int[][] codes;
  private final int rows;

  CsvText(int columns, int rows) {
    this.codes = new int[columns][];
    this.rows = rows;
  }

  /** The shared code array of column {@code c}, made on first use. */
  synchronized int[] codes(int c) {
    if (codes[c] == null) {
      codes[c] = new int[rows];
    }
    return codes[c];
  }

  /** One part's dictionary per column. */
  static final class Dictionary {
    private final List<Map<String, Integer>> byColumn = new ArrayList<>();

    Dictionary(int columns) {
      for (int c = 0; c < columns; c++) {
        byColumn.add(null);
      }
    }

    /** The code (from 1) of {@code cell} in column {@code c}. */
    int code(int c, String cell) {
      Map<String, Integer> d = byColumn.get(c);
      if (d == null) {
        d = new HashMap<>();
        byColumn.set(c, d);
      }
      Integer k = d.get(cell);
      if (k == null) {
        k = d.size() + 1;
        d.put(cell, k);
      }
      return k;
    }

    Map<String, Integer> column(int c) {
      return byColumn.get(c);
    }
  }

  /**
   * The table: numeric columns as read, text columns coded into their sorted values.
   *
   * @param parts    each part's dictionary, in file order
   * @param firstRow where each part's rows start
   */
  Table table(String name, List<String> header, double[][] values, List<CsvChunk> chunks, int[] firstRow,
              Table.Locator locator) {
    List<Dictionary> parts = chunks.stream().map(CsvChunk::dictionary).toList();
    Map<String, Table.Column> out = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      int column = c;
      boolean complete = chunks.stream().noneMatch(k -> k.gap(column));
      out.put(header.get(c), codes[c] == null ? new Table.Numbers(values[c], complete) : text(c, values[c], parts, firstRow));
    }
    return new Table(name, out, locator);
  }

  private Table.Text text(int c, double[] values, List<Dictionary> parts, int[] firstRow) {
    int[] code = codes[c];
    TreeSet<String> all = new TreeSet<>();
    for (Dictionary d : parts) {
      if (d.column(c) != null) {
        all.addAll(d.column(c).keySet());
      }
    }
    for (int i = 0; i < rows; i++) {
      if (code[i] == 0 && !Double.isNaN(values[i])) {
        all.add(number(values[i]));
      }
    }
    int firstText = -1;
    for (int i = 0; i < rows && firstText < 0; i++) {
      firstText = code[i] > 0 ? i : -1;
    }
    List<String> levels = new ArrayList<>(all);
    Map<String, Integer> index = new HashMap<>();
    for (int k = 0; k < levels.size(); k++) {
      index.put(levels.get(k), k);
    }
    for (int p = 0; p < parts.size(); p++) {
      int[] remap = remap(parts.get(p).column(c), index);
      int end = p + 1 < parts.size() ? firstRow[p + 1] : rows;
      for (int i = firstRow[p]; i < end; i++) {
        code[i] = code[i] > 0 ? remap[code[i]] : Double.isNaN(values[i]) ? -1 : index.get(number(values[i]));
      }
    }
    return new Table.Text(code, levels, firstText);
  }

  private static int[] remap(Map<String, Integer> local, Map<String, Integer> index) {
    int[] out = new int[local == null ? 1 : local.size() + 1];
    if (local != null) {
      local.forEach((cell, k) -> out[k] = index.get(cell));
    }
    return out;
  }

  /** A number in a text column, as text: whole numbers without a point, others shortest. */
  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
