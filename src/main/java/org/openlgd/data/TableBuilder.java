package org.openlgd.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table read row by row from a cursor (a database, a Parquet or SAS file): each column into a {@link ColumnBuffer}
 * (8 bytes a numeric cell, 4 a text cell), so that memory stays what the finished table holds, whatever the source's
 * size. A cell is a {@link Number}, a {@link String}, null (missing), or anything else, taken as its text (a date, a
 * boolean). Errors ({@link IllegalArgumentException}) name the source, the row and the column.
 */
public final class TableBuilder {
  private final String source;
  private final Map<String, ColumnBuffer> columns = new LinkedHashMap<>();
  private ColumnBuffer[] order;
  private String[] names;
  private int rows;

  /** {@code source}: the source as users read it (no password), named in the table and its messages. */
  public TableBuilder(String source) {
    this.source = source;
  }

  /** The column names, once, before the first row; two columns of one name are refused. */
  public void columns(List<String> header) {
    order = new ColumnBuffer[header.size()];
    names = header.toArray(String[]::new);
    for (int c = 0; c < order.length; c++) {
      order[c] = new ColumnBuffer(names[c]);
      if (columns.put(names[c], order[c]) != null) {
        throw new IllegalArgumentException(source + ": two columns are named '" + names[c] + "'");
      }
    }
  }

  /** Whether {@link #columns} was called. */
  public boolean started() {
    return order != null;
  }

  /** Cell {@code c} (from 0) of the current row. */
  public void cell(int c, Object value) {
    try {
      order[c].add(value == null || value instanceof Number || value instanceof String ? value : value.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ", data row " + (rows + 1) + ", column '" + names[c] + "': "
          + e.getMessage());
    }
  }

  /** Ends the current row. */
  public void endRow() {
    rows++;
  }

  /** Rows so far. */
  public int rows() {
    return rows;
  }

  /** The table (once: the buffers let go of their blocks). */
  public Table table() {
    Map<String, Table.Column> out = new LinkedHashMap<>();
    columns.forEach((name, b) -> out.put(name, b.column()));
    return new Table(source, out);
  }
}
