package org.openlgd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's number parsing against {@link Double#parseDouble} (the JDK's, an independent implementation) on a
 * million random cells of every shape, in a file large enough to be cut into parts parsed on several threads; and
 * errors in any part reported with their line in the file.
 */
@DisplayName("CSV parsing: exact doubles, parts on several threads")
class CsvParsingTest {
  private static final int COLUMNS = 10;
  private static final int ROWS = 100_000;

  /** A random decimal string: any digit count, exponents from subnormal to huge, signs, leading zeros, odd forms. */
  static String randomNumber(SplittableRandom r) {
    String sign = switch (r.nextInt(4)) {
      case 0 -> "-";
      case 1 -> "+";
      default -> "";
    };
    switch (r.nextInt(8)) {
      case 0 -> {
        // the shortest text of a random double of any magnitude (Double.toString: E notation when small or large)
        double v = Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL);
        return sign + Double.toString(v);
      }
      case 1 -> {
        // 17 significant digits, as pandas writes most doubles
        return sign + String.format(Locale.ROOT, "%.16e", r.nextDouble() * Math.pow(10, r.nextInt(-30, 30)));
      }
      case 2 -> {
        // subnormals and the edge of underflow
        return sign + digits(r, r.nextInt(1, 25)) + "e-" + r.nextInt(300, 345);
      }
      case 3 -> {
        // long mantissas (up to 40 digits) around a decimal point
        String d = digits(r, r.nextInt(1, 41));
        int point = r.nextInt(0, d.length() + 1);
        return sign + (point == 0 ? "0" : d.substring(0, point)) + "." + d.substring(point);
      }
      case 4 -> {
        // halfway cases: the exact decimal of a double plus or minus half an ulp, rounded to 20-25 digits
        double v = r.nextDouble() * Math.pow(10, r.nextInt(-5, 6));
        BigDecimal mid = new BigDecimal(v).add(new BigDecimal(Math.ulp(v)).divide(BigDecimal.valueOf(2)));
        return sign + mid.round(new MathContext(r.nextInt(20, 26))).toPlainString();
      }
      case 5 -> {
        return sign + "0".repeat(r.nextInt(0, 4)) + r.nextInt(0, 1_000_000) + (r.nextBoolean() ? "" : ".");
      }
      case 6 -> {
        return sign + "." + digits(r, r.nextInt(1, 20)) + (r.nextBoolean() ? "E+" + r.nextInt(0, 300) : "e0");
      }
      default -> {
        return sign + digits(r, r.nextInt(1, 19)) + "e" + r.nextInt(-320, 309);
      }
    }
  }

  private static String digits(SplittableRandom r, int n) {
    StringBuilder sb = new StringBuilder(n);
    sb.append((char) ('1' + r.nextInt(9)));
    for (int i = 1; i < n; i++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    return sb.toString();
  }

  @Test
  @DisplayName("1,000,000 random numbers of every shape read to exactly Double.parseDouble's bits")
  void exactOnAMillion(@TempDir Path dir) throws Exception {
    SplittableRandom r = new SplittableRandom(20261128);
    Path file = dir.resolve("numbers.csv");
    List<String[]> expected = new ArrayList<>(ROWS);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder header = new StringBuilder("Y");
      for (int c = 1; c < COLUMNS; c++) {
        header.append(",x").append(c);
      }
      w.write(header.append('\n').toString());
      for (int i = 0; i < ROWS; i++) {
        String[] row = new String[COLUMNS];
        for (int c = 0; c < COLUMNS; c++) {
          String s;
          do {
            s = randomNumber(r);
          } while (!Double.isFinite(Double.parseDouble(s)));
          row[c] = s;
        }
        expected.add(row);
        w.write(String.join(",", row));
        w.write(i % 3 == 0 ? "\r\n" : "\n");
      }
    }
    assertThat(Files.size(file)).as("large enough to be read in parts").isGreaterThan(2 * CsvLoader.MIN_PART);
    Dataset d = CsvLoader.load(file, "Y", List.of());
    assertThat(d.rows()).isEqualTo(ROWS);
    long checked = 0;
    for (int i = 0; i < ROWS; i++) {
      String[] row = expected.get(i);
      assertBits(row[0], d.y(i), i);
      for (int c = 1; c < COLUMNS; c++) {
        assertBits(row[c], d.x(c - 1, i), i);
      }
      checked += COLUMNS;
    }
    assertThat(checked).isEqualTo(1_000_000);
  }

  private static void assertBits(String text, double got, int row) {
    double want = Double.parseDouble(text);
    if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(got)) {
      throw new AssertionError("row " + row + ": '" + text + "' read as " + got + ", Double.parseDouble gives " + want);
    }
  }

  @Test
  @DisplayName("an error in any part of a large file names its line in the file; the first error of the file wins")
  void errorsInLaterParts(@TempDir Path dir) throws Exception {
    int rows = 400_000;
    for (int bad : new int[] {2, rows / 2, rows - 1, rows + 1}) {
      Path file = dir.resolve("bad-" + bad + ".csv");
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.write("LGD,a,b\n");
        for (int line = 2; line <= rows + 1; line++) {
          if (line == bad) {
            w.write("0.5,oops,1.25\n");
          } else if (line == bad + 1000) {
            w.write("0.5,1.0\n"); // a later error, not the one reported
          } else {
            w.write("0.123456789012345678,1.2345678901234567,-9.87654321e-5\n");
          }
        }
      }
      assertThat(Files.size(file)).isGreaterThan(2 * CsvLoader.MIN_PART);
      assertThatThrownBy(() -> CsvLoader.load(file, null, List.of())).isInstanceOf(DataFormatException.class)
          .hasMessage(file + ", line " + bad + ", column 2: 'oops' in column 'a' is not a number");
    }
  }
}
