package org.openlgd.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>A file is mapped into memory (read in large blocks), and one of several megabytes is cut at line ends into parts
 * handled on as many threads as the machine has cores: a first pass counts each part's rows, then each part parses
 * straight into its rows of one array per column ({@link CsvChunk}), so that loading holds 8 bytes per cell and little
 * more. The first error of the file is the one reported, with its line.
 */
public final class CsvLoader {
  private static final Logger LOG = LoggerFactory.getLogger(CsvLoader.class);
  private static final String DEFAULT_TARGET = "Y";
  /** A part is at least this large; a smaller file is parsed by the calling thread alone. */
  static final long MIN_PART = 4L << 20;
  /** Files at least this large log how their parts progress. */
  private static final long PROGRESS_BYTES = 32L << 20;

  private CsvLoader() {
  }

  public static Dataset load(Path file, String targetName, List<String> featureNames) throws DataFormatException {
    return load(file, targetName, featureNames, Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #load(Path, String, List)}, parsing on at most {@code threads} threads (1: on the calling thread). */
  public static Dataset load(Path file, String targetName, List<String> featureNames, int threads)
      throws DataFormatException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    String name = file.toString();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      return read(name, source(ch, size), size, targetName, featureNames, threads);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(name, 0, 0, "no such file");
    } catch (IOException e) {
      throw new DataFormatException(name, 0, 0, "cannot read: " + e.getMessage());
    }
  }

  /** Parses CSV text from {@code in}; {@code name} is used in messages. */
  public static Dataset read(String name, Reader in, String targetName, List<String> featureNames)
      throws DataFormatException, IOException {
    StringBuilder text = new StringBuilder();
    char[] block = new char[8192];
    for (int n; (n = in.read(block)) >= 0; ) {
      text.append(block, 0, n);
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    return read(name, (position, dst, offset, length) -> {
      if (position >= bytes.length) {
        return -1;
      }
      int n = (int) Math.min(length, bytes.length - position);
      System.arraycopy(bytes, (int) position, dst, offset, n);
      return n;
    }, bytes.length, targetName, featureNames, Runtime.getRuntime().availableProcessors());
  }

  private static Dataset read(String name, CsvChunk.Source in, long size, String targetName, List<String> featureNames,
      int threads) throws DataFormatException, IOException {
    CsvHeader h = CsvHeader.read(name, in, size);
    int targetIndex = chooseTarget(name, h.line(), h.names(), targetName);
    int[] featureIndex = chooseFeatures(name, h.line(), h.names(), targetIndex, featureNames);
    boolean[] needed = new boolean[h.names().size()];
    needed[targetIndex] = true;
    for (int f : featureIndex) {
      needed[f] = true;
    }
    double[][] columns = parse(name, in, size, threads, h, needed, false).columns();
    double[][] x = new double[featureIndex.length][];
    List<String> features = new ArrayList<>();
    for (int j = 0; j < featureIndex.length; j++) {
      x[j] = columns[featureIndex[j]];
      features.add(h.names().get(featureIndex[j]));
    }
    return new Dataset(name, h.names().get(targetIndex), features, x, columns[targetIndex]);
  }

  /**
   * Reads every column of a CSV file into a {@link Table}: as {@link #load(Path, String, List)} reads numbers, but a
   * column with any text cell is a text column, and an empty cell or NA, NaN, null (see {@link CsvText#MISSING}) is a
   * missing value.
   */
  public static Table table(Path file) throws DataFormatException {
    return table(file, Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #table(Path)}, parsing on at most {@code threads} threads. */
  public static Table table(Path file, int threads) throws DataFormatException {
    String name = file.toString();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      CsvChunk.Source in = source(ch, size);
      CsvHeader h = CsvHeader.read(name, in, size);
      boolean[] needed = new boolean[h.names().size()];
      Arrays.fill(needed, true);
      Parsed p = parse(name, in, size, threads, h, needed, true);
      return p.text().table(name, h.names(), p.columns(), p.chunks(), p.firstRow(), locator(name, p));
    } catch (NoSuchFileException e) {
      throw new DataFormatException(name, 0, 0, "no such file");
    } catch (IOException e) {
      throw new DataFormatException(name, 0, 0, "cannot read: " + e.getMessage());
    }
  }

  /** The file's bytes: mapped (each read one copy from the page cache, without a system call) unless too large. */
  private static CsvChunk.Source source(FileChannel ch, long size) throws IOException {
    if (size == 0 || size >= Integer.MAX_VALUE) {
      return (position, dst, offset, length) -> ch.read(ByteBuffer.wrap(dst, offset, length), position);
    }
    MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
    return (position, dst, offset, length) -> {
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(length, size - position);
      map.get((int) position, dst, offset, n);
      return n;
    };
  }

  /** The parsed columns, the parts, where their rows and lines start, and the text cells (a table) or null. */
  private record Parsed(double[][] columns, List<CsvChunk> chunks, int[] firstRow, int[] linesBefore, CsvText text) {
  }

  /** The file, line and column of a row's cell, through the part that holds the row. */
  private static Table.Locator locator(String name, Parsed p) {
    return (row, column, columnName) -> {
      int k = Arrays.binarySearch(p.firstRow(), row);
      if (k < 0) {
        k = -k - 2;
      }
      while (k + 1 < p.firstRow().length && p.firstRow()[k + 1] == p.firstRow()[k] && p.firstRow()[k + 1] <= row) {
        k++;
      }
      int line = p.linesBefore()[k] + p.chunks().get(k).line(row - p.firstRow()[k]);
      return name + ", line " + line + ", column " + (column + 1);
    };
  }

  private static Parsed parse(String name, CsvChunk.Source in, long size, int threads, CsvHeader h, boolean[] needed,
      boolean table) throws DataFormatException, IOException {
    long t0 = System.nanoTime();
    List<long[]> parts = CsvParts.cut(in, h.dataStart(), size, threads);
    long t1 = System.nanoTime();
    List<CsvBytes.Counts> counts = CsvParts.inParallel(parts, p -> CsvBytes.count(in, p[0], p[1]), threads, name, false);
    long t2 = System.nanoTime();
    long rows = counts.stream().mapToLong(CsvBytes.Counts::rows).sum();
    if (rows == 0) {
      throw new DataFormatException(name, h.line(), 0, "the file has a header but no data rows");
    }
    if (rows > Integer.MAX_VALUE - 16) {
      throw new DataFormatException(name, 0, 0, "more than " + (Integer.MAX_VALUE - 16) + " rows; split the file");
    }
    double[][] columns = new double[h.names().size()][];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = needed[c] ? new double[(int) rows] : null;
    }
    int[] firstRow = new int[parts.size()];
    for (int k = 1; k < parts.size(); k++) {
      firstRow[k] = firstRow[k - 1] + counts.get(k - 1).rows();
    }
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < parts.size(); k++) {
      order.add(k);
    }
    CsvText text = table ? new CsvText(columns.length, (int) rows) : null;
    CsvChunk.Layout layout = new CsvChunk.Layout(name, h.names(), needed, text);
    List<CsvChunk> chunks = CsvParts.inParallel(order,
        k -> new CsvChunk(layout, columns, firstRow[k]).parse(in, parts.get(k)[0], parts.get(k)[1]), threads, name,
        size >= PROGRESS_BYTES);
    LOG.debug("{}: {} rows in {} parts; parts {} ms, counting {} ms, parsing {} ms", name, rows, parts.size(),
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    int lineBefore = h.line();
    int[] linesBefore = new int[chunks.size()];
    for (int k = 0; k < chunks.size(); k++) {
      DataFormatException e = chunks.get(k).error();
      if (e != null) {
        throw new DataFormatException(e.file(), lineBefore + e.line(), e.column(), e.problem());
      }
      linesBefore[k] = lineBefore;
      lineBefore += counts.get(k).lines();
    }
    return new Parsed(columns, chunks, firstRow, linesBefore, text);
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
