package org.openlgd.data;

import java.util.Arrays;

/** A growable array of doubles: one column of a CSV file while it is read. */
final class ColumnBuffer {
  private double[] data = new double[1024];
  private int size;

  int size() {
    return size;
  }

  void reserve(int capacity) {
    if (capacity > data.length) {
      data = Arrays.copyOf(data, capacity);
    }
  }

  void add(double v) {
    if (size == data.length) {
      data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 16, data.length + (data.length >> 1) + 16));
    }
    data[size++] = v;
  }

  /** The values, trimmed; the buffer is released, so that columns can be trimmed one at a time. */
  double[] toArray() {
    double[] out = size == data.length ? data : Arrays.copyOf(data, size);
    data = null;
    return out;
  }
}
