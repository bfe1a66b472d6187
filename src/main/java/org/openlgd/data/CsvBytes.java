package org.openlgd.data;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte-level scanning for the CSV loader: counting a range's lines and rows before it is parsed, and finding newlines
 * and commas eight bytes at a time (a byte equal to the one sought is a zero byte of the word XOR the byte repeated;
 * the lowest byte the classic zero-byte test flags is always exact).
 */
final class CsvBytes {
  private CsvBytes() {
  }

  /** How many lines (blank ones too) and rows (lines that are not blank) a range holds. */
  record Counts(int lines, int rows) {
  }

  /** Counts the lines and rows of {@code [start, end)}: a newline search eight bytes at a time, lines mostly unread. */
  static Counts count(CsvChunk.Source in, long start, long end) throws IOException {
    byte[] buf = new byte[(int) Math.min(CsvChunk.BLOCK, Math.max(256, end - start))];
    int lines = 0;
    int rows = 0;
    int state = LINE_START;
    for (long pos = start; pos < end; ) {
      int n = in.read(pos, buf, 0, (int) Math.min(buf.length, end - pos));
      if (n < 0) {
        break;
      }
      int i = 0;
      while (i < n) {
        if (state == CONTENT) {
          int nl = newline(buf, i, n);
          if (nl < 0) {
            break;
          }
          lines++;
          rows++;
          state = LINE_START;
          i = nl + 1;
        } else {
          byte c = buf[i++];
          if (c == '\n') {
            lines++;
            state = LINE_START;
          } else {
            state = blank(c) ? BLANK_SO_FAR : CONTENT;
          }
        }
      }
      pos += n;
    }
    if (state != LINE_START) {
      lines++;
      rows += state == CONTENT ? 1 : 0;
    }
    return new Counts(lines, rows);
  }

  private static final int LINE_START = 0;
  private static final int BLANK_SO_FAR = 1;
  private static final int CONTENT = 2;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** The index of the first newline in {@code b[from, to)}, or -1. */
  static int newline(byte[] b, int from, int to) {
    return find(b, from, to, (byte) '\n', NEWLINES);
  }

  /**
   * The index of the first byte {@code c} in {@code b[from, to)}, or -1; {@code repeated} is {@code c} in all eight
   * bytes of a long. Eight bytes at a time: a byte equal to {@code c} is a zero byte of the word XOR
   * {@code repeated} (the lowest flagged byte of the classic zero-byte test is always exact).
   */
  private static int find(byte[] b, int from, int to, byte c, long repeated) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ repeated;
      long t = (x - ONES) & ~x & HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  static boolean blank(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
  }

  static boolean blank(byte[] buf, int a, int b) {
    for (int i = a; i < b; i++) {
      if (!blank(buf[i])) {
        return false;
      }
    }
    return true;
  }

  /** The end of the field that starts at {@code from} in {@code b[from, to)}: the first comma, or {@code to}. */
  static int comma(byte[] b, int from, int to) {
    int i = find(b, from, to, (byte) ',', COMMAS);
    return i < 0 ? to : i;
  }
}
