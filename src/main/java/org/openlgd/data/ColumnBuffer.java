package org.openlgd.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A column read cell by cell (from a database cursor, say) into the shape of a {@link Table} column: numbers into a
 * growing {@code double[]} (8 bytes a cell), text into a growing {@code int[]} of dictionary codes (4 bytes a cell),
 * missing cells as NaN or -1. The kind is set by the first cell that is not missing.
 */
public final class ColumnBuffer {
  private final String name;
  private double[] numbers;
  private int[] codes;
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
    if (cell == null) {
      if (numbers != null) {
        grow();
        numbers[size++] = Double.NaN;
      } else if (codes != null) {
        grow();
        codes[size++] = -1;
      } else {
        leadingMissing++;
      }
      return;
    }
    if (numbers == null && codes == null) {
      start(cell instanceof Number);
    }
    grow();
    if (numbers != null) {
      if (!(cell instanceof Number n)) {
        throw new IllegalArgumentException("column '" + name + "' holds numbers, then the text '" + cell + "'");
      }
      double v = n.doubleValue();
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("column '" + name + "' holds " + v + ", not a finite number");
      }
      numbers[size++] = v;
    } else {
      String text = cell instanceof Number n ? CsvText.number(n.doubleValue()) : cell.toString();
      Integer k = dictionary.get(text);
      if (k == null) {
        k = values.size();
        dictionary.put(text, k);
        values.add(text);
      }
      codes[size++] = k;
    }
  }

  private void start(boolean numeric) {
    int capacity = Math.max(1024, leadingMissing * 2);
    if (numeric) {
      numbers = new double[capacity];
      Arrays.fill(numbers, 0, leadingMissing, Double.NaN);
    } else {
      codes = new int[capacity];
      Arrays.fill(codes, 0, leadingMissing, -1);
    }
    size = leadingMissing;
  }

  private void grow() {
    int capacity = numbers != null ? numbers.length : codes.length;
    if (size == capacity) {
      int more = capacity + (capacity >> 1) + 16;
      if (numbers != null) {
        numbers = Arrays.copyOf(numbers, more);
      } else {
        codes = Arrays.copyOf(codes, more);
      }
    }
  }

  /** Cells added. */
  public int size() {
    return numbers == null && codes == null ? leadingMissing : size;
  }

  /** The column: numbers, or text with its values sorted (an all-missing column is numbers, all NaN). */
  public Table.Column column() {
    if (codes == null) {
      double[] v = numbers == null ? new double[leadingMissing] : Arrays.copyOf(numbers, size);
      if (numbers == null) {
        Arrays.fill(v, Double.NaN);
      }
      return new Table.Numbers(v);
    }
    TreeMap<String, Integer> sorted = new TreeMap<>(dictionary);
    List<String> levels = new ArrayList<>(sorted.keySet());
    int[] remap = new int[values.size()];
    for (int k = 0; k < levels.size(); k++) {
      remap[dictionary.get(levels.get(k))] = k;
    }
    int[] out = Arrays.copyOf(codes, size);
    int first = -1;
    for (int i = 0; i < size; i++) {
      if (out[i] >= 0) {
        out[i] = remap[out[i]];
        first = first < 0 ? i : first;
      }
    }
    return new Table.Text(out, levels, first);
  }
}
