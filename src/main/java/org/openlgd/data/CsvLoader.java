package org.openlgd.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a numeric CSV file with a header line into a {@link Dataset}.
 *
 * <p>Accepted: a header naming every column, comma-separated fields, fields optionally enclosed in double
 * quotes (a doubled quote inside stands for one quote), surrounding blanks, CRLF or LF line ends, a UTF-8 byte
 * order mark and blank lines (skipped, as at the end of a file). Rejected with a {@link DataFormatException}
 * naming file, line and column: an empty file, a header that is missing or repeats a name, rows with more or
 * fewer fields than the header, empty (missing) cells, cells that are not numbers, and NaN or infinite values.
 *
 * <p>The target column is {@code targetName} when given, else {@code Y} when present, else the first column.
 * The features are {@code featureNames} when given, else every other column in file order.
 */
public final class CsvLoader {
  private static final Logger LOG = LoggerFactory.getLogger(CsvLoader.class);
  private static final String DEFAULT_TARGET = "Y";
  /** Files at least this large report their progress every {@value #PROGRESS_ROWS} rows. */
  private static final long PROGRESS_BYTES = 32L << 20;
  private static final int PROGRESS_ROWS = 1_000_000;

  private CsvLoader() {
  }

  public static Dataset load(Path file, String targetName, List<String> featureNames) throws DataFormatException {
    String name = file.toString();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(name, in, targetName, featureNames, Files.size(file));
    } catch (NoSuchFileException e) {
      throw new DataFormatException(name, 0, 0, "no such file");
    } catch (IOException e) {
      throw new DataFormatException(name, 0, 0, "cannot read: " + e.getMessage());
    }
  }

  /** Parses CSV text from {@code in}; {@code name} is used in messages. */
  public static Dataset read(String name, Reader in, String targetName, List<String> featureNames)
      throws DataFormatException, IOException {
    return read(name, in, targetName, featureNames, -1);
  }

  /**
   * As {@link #read(String, Reader, String, List)}; {@code sizeBytes} (the file's size, or -1) lets the column
   * buffers be sized once from the first data line, so that loading needs little more heap than the data.
   */
  static Dataset read(String name, Reader in, String targetName, List<String> featureNames, long sizeBytes)
      throws DataFormatException, IOException {
    BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
    List<String> fields = new ArrayList<>();
    String line;
    int lineNo = 0;
    List<String> header = null;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (!line.isBlank()) {
        header = new ArrayList<>(CsvCells.split(name, lineNo, line, fields));
        break;
      }
    }
    if (header == null) {
      throw new DataFormatException(name, lineNo == 0 ? 0 : 1, 0, "the file is empty; expected a header line naming the columns");
    }
    int headerLine = lineNo;
    checkHeader(name, headerLine, header);

    int width = header.size();
    int targetIndex = chooseTarget(name, headerLine, header, targetName);
    int[] featureIndex = chooseFeatures(name, headerLine, header, targetIndex, featureNames);

    ColumnBuffer[] cols = new ColumnBuffer[width];
    for (int c = 0; c < width; c++) {
      cols[c] = new ColumnBuffer();
    }
    boolean sized = sizeBytes < 0;
    long expectedRows = 1;
    boolean[] needed = new boolean[width];
    needed[targetIndex] = true;
    for (int f : featureIndex) {
      needed[f] = true;
    }
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      if (!sized) {
        // rows expected from the file size and this line's length, with a little room; buffers grow if it was short
        long expected = Math.min(Integer.MAX_VALUE - 16, sizeBytes / (line.length() + 1) * 21 / 20 + 64);
        for (int c = 0; c < width; c++) {
          if (needed[c]) {
            cols[c].reserve((int) expected);
          }
        }
        sized = true;
        expectedRows = expected * 20 / 21;
      }
      if (sizeBytes >= PROGRESS_BYTES && cols[targetIndex].size() > 0 && cols[targetIndex].size() % PROGRESS_ROWS == 0) {
        LOG.info("{}: {} rows read (about {} % of the file)", name, cols[targetIndex].size(),
            Math.min(99, Math.round(100.0 * cols[targetIndex].size() / Math.max(1, expectedRows))));
      }
      if (fastRow(line, width, needed, cols)) {
        continue;
      }
      CsvCells.split(name, lineNo, line, fields);
      if (fields.size() != width) {
        int col = Math.min(fields.size(), width) + 1;
        throw new DataFormatException(name, lineNo, col,
            "expected " + width + " fields as in the header, found " + fields.size());
      }
      for (int c = 0; c < width; c++) {
        String cell = fields.get(c);
        if (cell.isEmpty()) {
          throw new DataFormatException(name, lineNo, c + 1, "missing value in column '" + header.get(c) + "'");
        }
        if (needed[c]) {
          cols[c].add(CsvCells.parseNumber(name, lineNo, c, header.get(c), cell));
        }
      }
    }
    int rows = cols[targetIndex].size();
    if (rows == 0) {
      throw new DataFormatException(name, headerLine, 0, "the file has a header but no data rows");
    }
    double[][] x = new double[featureIndex.length][];
    List<String> features = new ArrayList<>();
    for (int j = 0; j < featureIndex.length; j++) {
      x[j] = cols[featureIndex[j]].toArray();
      features.add(header.get(featureIndex[j]));
    }
    return new Dataset(name, header.get(targetIndex), features, x, cols[targetIndex].toArray());
  }

  /**
   * The common case, a line without quotes whose every field is a plain number: parsed in place, without
   * allocating. Returns false, having added nothing, when the line needs the general path (which also reports
   * errors).
   */
  private static boolean fastRow(String line, int width, boolean[] needed, ColumnBuffer[] cols) {
    int n = line.length();
    if (line.indexOf('"') >= 0) {
      return false;
    }
    double[] values = ROW.get();
    if (values.length < width) {
      values = new double[width];
      ROW.set(values);
    }
    int start = 0;
    for (int c = 0; c < width; c++) {
      int end = line.indexOf(',', start);
      if (end < 0) {
        if (c != width - 1) {
          return false;
        }
        end = n;
      } else if (c == width - 1) {
        return false;
      }
      int a = start;
      int b = end;
      while (a < b && (line.charAt(a) == ' ' || line.charAt(a) == '\t')) {
        a++;
      }
      while (b > a && (line.charAt(b - 1) == ' ' || line.charAt(b - 1) == '\t')) {
        b--;
      }
      double v = FastDouble.parse(line, a, b);
      if (Double.isNaN(v)) {
        return false;
      }
      values[c] = v;
      start = end + 1;
    }
    for (int c = 0; c < width; c++) {
      if (needed[c]) {
        cols[c].add(values[c]);
      }
    }
    return true;
  }

  private static final ThreadLocal<double[]> ROW = ThreadLocal.withInitial(() -> new double[16]);

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

  private static int chooseTarget(String name, int lineNo, List<String> header, String targetName)
      throws DataFormatException {
    if (targetName != null && !targetName.isBlank()) {
      int i = header.indexOf(targetName);
      if (i < 0) {
        throw new DataFormatException(name, lineNo, 0, "no column named '" + targetName + "' (the target); columns are " + header);
      }
      return i;
    }
    int y = header.indexOf(DEFAULT_TARGET);
    return y >= 0 ? y : 0;
  }

  private static int[] chooseFeatures(String name, int lineNo, List<String> header, int target, List<String> wanted)
      throws DataFormatException {
    if (wanted == null || wanted.isEmpty()) {
      if (header.size() < 2) {
        throw new DataFormatException(name, lineNo, 0, "need at least one feature column besides the target '" + header.get(target) + "'");
      }
      int[] idx = new int[header.size() - 1];
      for (int c = 0, k = 0; c < header.size(); c++) {
        if (c != target) {
          idx[k++] = c;
        }
      }
      return idx;
    }
    int[] idx = new int[wanted.size()];
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < wanted.size(); k++) {
      String f = wanted.get(k);
      int i = header.indexOf(f);
      if (i < 0) {
        throw new DataFormatException(name, lineNo, 0, "no column named '" + f + "' (a feature); columns are " + header);
      }
      if (i == target) {
        throw new DataFormatException(name, lineNo, i + 1, "'" + f + "' is the target and cannot also be a feature");
      }
      if (!seen.add(f)) {
        throw new DataFormatException(name, lineNo, i + 1, "feature '" + f + "' is listed twice");
      }
      idx[k] = i;
    }
    return idx;
  }

}
