package org.openlgd.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A column read cell by cell (from a database cursor, say) into the shape of a {@link Table} column: numbers into
 * blocks of {@code double} (8 bytes a cell), text into blocks of {@code int} dictionary codes (4 bytes a cell),
 * missing cells as NaN or -1. Blocks, not one growing array, so that reading never holds a column twice: the final
 * array is made once, at the end, and the blocks let go of as it is filled. The kind is set by the first cell that is
 * not missing.
 */
public final class ColumnBuffer {
  private static final int BLOCK = 1 << 16;

  private final String name;
  private Boolean numeric;
  private final List<double[]> numberBlocks = new ArrayList<>();
  private final List<int[]> codeBlocks = new ArrayList<>();
  private final Map<String, Integer> dictionary = new HashMap<>();
  private final List<String> values = new ArrayList<>();
  private int size;
  private int leadingMissing;

  public ColumnBuffer(String name) {
    this.name = name;
  }

  /**
   * Adds a cell: a {@link Number}, a {@link String}, or null for a missing one. A column that began with numbers
   * refuses text, and one that began with text takes numbers as their shortest text.
   */
  public void add(Object cell) {
    if (numeric == null) {
      if (cell == null) {
        leadingMissing++;
        return;
      }
      numeric = cell instanceof Number;
      for (int i = 0; i < leadingMissing; i++) {
        put(Double.NaN, -1);
      }
    }
    if (cell == null) {
      put(Double.NaN, -1);
    } else if (numeric) {
      if (!(cell instanceof Number n)) {
        throw new IllegalArgumentException("column '" + name + "' holds numbers, then the text '" + cell + "'");
      }
      double v = n.doubleValue();
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("column '" + name + "' holds " + v + ", not a finite number");
      }
      put(v, 0);
    } else {
      String text = cell instanceof Number n ? CsvText.number(n.doubleValue()) : cell.toString();
      Integer k = dictionary.get(text);
      if (k == null) {
        k = values.size();
        dictionary.put(text, k);
        values.add(text);
      }
      put(0, k);
    }
  }

  private void put(double number, int code) {
    int at = size % BLOCK;
    if (at == 0) {
      if (numeric) {
        numberBlocks.add(new double[BLOCK]);
      } else {
        codeBlocks.add(new int[BLOCK]);
      }
    }
    if (numeric) {
      numberBlocks.get(numberBlocks.size() - 1)[at] = number;
    } else {
      codeBlocks.get(codeBlocks.size() - 1)[at] = code;
    }
    size++;
  }

  /** Cells added. */
  public int size() {
    return numeric == null ? leadingMissing : size;
  }

  /**
   * The column (once: the blocks are let go of): numbers, or text with its values sorted; an all-missing column is
   * numbers, all NaN.
   */
  public Table.Column column() {
    if (numeric == null || numeric) {
      double[] v = new double[size()];
      if (numeric == null) {
        Arrays.fill(v, Double.NaN);
      }
      for (int b = 0; b < numberBlocks.size(); b++) {
        System.arraycopy(numberBlocks.get(b), 0, v, b * BLOCK, Math.min(BLOCK, size - b * BLOCK));
        numberBlocks.set(b, null);
      }
      return new Table.Numbers(v);
    }
    List<String> levels = new ArrayList<>(new TreeMap<>(dictionary).keySet());
    int[] remap = new int[values.size()];
    for (int k = 0; k < levels.size(); k++) {
      remap[dictionary.get(levels.get(k))] = k;
    }
    int[] out = new int[size];
    int first = -1;
    for (int b = 0; b < codeBlocks.size(); b++) {
      int[] block = codeBlocks.get(b);
      int n = Math.min(BLOCK, size - b * BLOCK);
      for (int i = 0; i < n; i++) {
        int c = block[i];
        out[b * BLOCK + i] = c < 0 ? -1 : remap[c];
        if (c >= 0 && first < 0) {
          first = b * BLOCK + i;
        }
      }
      codeBlocks.set(b, null);
    }
    return new Table.Text(out, levels, first);
  }
}
