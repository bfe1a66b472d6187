package org.openlgd.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A CSV file's header: its names, its line number, and where the data begin; blank lines before it are skipped. */
record CsvHeader(List<String> names, int line, long dataStart) {
  static CsvHeader read(String name, CsvChunk.Source in, long size) throws IOException, DataFormatException {
    byte[] buf = new byte[(int) Math.min(64 * 1024, Math.max(1, size))];
    int have = 0;
    long pos = 0;
    int at = 0;
    int lineNo = 0;
    while (true) {
      int nl = -1;
      for (int i = at; i < have; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      boolean last = nl < 0 && pos >= size;
      if (nl < 0 && !last) {
        if (have == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(pos, buf, have, (int) Math.min(buf.length - have, size - pos));
        if (n < 0) {
          size = pos;
          continue;
        }
        pos += n;
        have += n;
        continue;
      }
      int end = last ? have : nl;
      if (last && at >= have) {
        throw new DataFormatException(name, lineNo == 0 ? 0 : 1, 0, "the file is empty; expected a header line naming the columns");
      }
      lineNo++;
      String line = new String(buf, at, end - at, StandardCharsets.UTF_8);
      if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (!line.isBlank()) {
        List<String> names = new ArrayList<>(CsvCells.split(name, lineNo, line, new ArrayList<>()));
        checkHeader(name, lineNo, names);
        return new CsvHeader(names, lineNo, last ? size : nl + 1);
      }
      if (last) {
        throw new DataFormatException(name, 1, 0, "the file is empty; expected a header line naming the columns");
      }
      at = nl + 1;
    }
  }

  private static void checkHeader(String name, int lineNo, List<String> header) throws DataFormatException {
    Set<String> seen = new HashSet<>();
    boolean allNumeric = true;
    for (int c = 0; c < header.size(); c++) {
      String h = header.get(c);
      if (h.isEmpty()) {
        throw new DataFormatException(name, lineNo, c + 1, "empty column name in the header");
      }
      if (!seen.add(h)) {
        throw new DataFormatException(name, lineNo, c + 1, "column name '" + h + "' appears twice in the header");
      }
      allNumeric &= CsvCells.looksNumeric(h);
    }
    if (allNumeric) {
      throw new DataFormatException(name, lineNo, 1,
          "the first line holds numbers, not column names; add a header line (e.g. X,Y)");
    }
  }
}
