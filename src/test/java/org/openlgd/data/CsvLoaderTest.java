package org.openlgd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("CSV loader")
class CsvLoaderTest {

  private static Dataset read(String text) throws Exception {
    return CsvLoader.read("t.csv", new StringReader(text), null, List.of());
  }

  private static DataFormatException error(String text) {
    try {
      read(text);
    } catch (DataFormatException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("unexpected " + e, e);
    }
    throw new AssertionError("no error for:\n" + text);
  }

  @Test
  @DisplayName("reads a header, quoted fields, blanks, CRLF, a BOM and blank trailing lines")
  void readsWellFormedFile() throws Exception {
    Dataset d = read("\uFEFFX, \"Y\" ,\"Z,with comma\"\r\n1, 2.5 ,\"3\"\r\n\"-4e-1\",5,6\r\n\r\n\n   \n");
    assertThat(d.rows()).isEqualTo(2);
    assertThat(d.target()).isEqualTo("Y");
    assertThat(d.features()).containsExactly("X", "Z,with comma");
    assertThat(d.y(0)).isEqualTo(2.5);
    assertThat(d.x(0, 1)).isEqualTo(-0.4);
    assertThat(d.x(1, 1)).isEqualTo(6.0);
  }

  @Test
  @DisplayName("takes the first column as target when there is no Y, and honours --target/--features")
  void choosesColumns() throws Exception {
    Dataset d = read("LGD,a,b\n0.5,1,2\n");
    assertThat(d.target()).isEqualTo("LGD");
    assertThat(d.features()).containsExactly("a", "b");
    Dataset e = CsvLoader.read("t.csv", new StringReader("LGD,a,b\n0.5,1,2\n"), "b", List.of("a"));
    assertThat(e.target()).isEqualTo("b");
    assertThat(e.features()).containsExactly("a");
    assertThat(e.y(0)).isEqualTo(2.0);
  }

  @Test
  @DisplayName("a non-numeric cell names file, line and column")
  void nonNumeric() {
    DataFormatException e = error("X,Y\n1,2\n3,abc\n");
    assertThat(e.file()).isEqualTo("t.csv");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(2);
    assertThat(e.getMessage()).isEqualTo("t.csv, line 3, column 2: 'abc' in column 'Y' is not a number");
  }

  @Test
  @DisplayName("missing values, ragged rows, NaN and infinities are rejected where they occur")
  void badCells() {
    assertThat(error("X,Y\n1,\n").getMessage()).contains("line 2, column 2").contains("missing value");
    assertThat(error("X,Y\n,1\n").getMessage()).contains("line 2, column 1").contains("missing value");
    assertThat(error("X,Y\n1,2\n1,2,3\n").getMessage()).contains("line 3, column 3").contains("expected 2 fields").contains("found 3");
    assertThat(error("X,Y,Z\n1,2\n").getMessage()).contains("line 2, column 3").contains("found 2");
    assertThat(error("X,Y\n1,NaN\n").getMessage()).contains("line 2, column 2").contains("finite");
    assertThat(error("X,Y\nInfinity,1\n").getMessage()).contains("line 2, column 1").contains("finite");
    assertThat(error("X,Y\n1e400,1\n").getMessage()).contains("line 2, column 1").contains("finite");
    assertThat(error("X,Y\n0x10,1\n").getMessage()).contains("line 2, column 1");
    assertThat(error("X,Y\n1,2d\n").getMessage()).contains("line 2, column 2");
    assertThat(error("X,Y\n1,\"2\n").getMessage()).contains("line 2, column 2").contains("not closed");
  }

  @Test
  @DisplayName("empty files, header-only files and bad headers are rejected")
  void badFiles() {
    assertThat(error("").getMessage()).contains("empty");
    assertThat(error("\n\n  \n").getMessage()).contains("empty");
    assertThat(error("X,Y\n\n").getMessage()).contains("line 1").contains("no data rows");
    assertThat(error("X,X\n1,2\n").getMessage()).contains("line 1, column 2").contains("twice");
    assertThat(error("1,2\n3,4\n").getMessage()).contains("line 1").contains("header");
    assertThat(error("X,,Y\n1,2,3\n").getMessage()).contains("line 1, column 2").contains("empty column name");
    assertThat(error("Y\n1\n").getMessage()).contains("at least one feature");
  }

  @Test
  @DisplayName("unknown target or feature names list the columns")
  void unknownNames() {
    assertThatThrownBy(() -> CsvLoader.read("t.csv", new StringReader("X,Y\n1,2\n"), "LGD", List.of()))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("'LGD'").hasMessageContaining("[X, Y]");
    assertThatThrownBy(() -> CsvLoader.read("t.csv", new StringReader("X,Y\n1,2\n"), null, List.of("Q")))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("'Q'");
    assertThatThrownBy(() -> CsvLoader.read("t.csv", new StringReader("X,Y\n1,2\n"), null, List.of("Y")))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("target");
  }

  @Test
  @DisplayName("a missing file is a clear error, and real files load")
  void files(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> CsvLoader.load(dir.resolve("nope.csv"), null, List.of()))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("nope.csv").hasMessageContaining("no such file");
    Path f = dir.resolve("ok.csv");
    Files.writeString(f, "X,Y\n1,2\n3,4\n", StandardCharsets.UTF_8);
    assertThat(CsvLoader.load(f, null, List.of()).rows()).isEqualTo(2);
  }

  @Test
  @DisplayName("buffers sized from the file size still grow when the first row is not typical")
  void sizingFromFileSize(@TempDir Path dir) throws Exception {
    StringBuilder text = new StringBuilder("X,Y\n123456789.123456,987654321.654321\n");
    for (int i = 0; i < 5000; i++) {
      text.append(i).append(',').append(i % 7).append('\n');
    }
    Path f = dir.resolve("grow.csv");
    Files.writeString(f, text);
    Dataset d = CsvLoader.load(f, null, List.of());
    assertThat(d.rows()).isEqualTo(5001);
    assertThat(d.x(0, 5000)).isEqualTo(4999.0);
    assertThat(d.y(0)).isEqualTo(987654321.654321);
  }

  @Test
  @DisplayName("the shipped data load: four banks and the X,Y file")
  void shippedData() throws Exception {
    for (int k = 1; k <= 4; k++) {
      Dataset d = CsvLoader.load(Path.of("data/bank" + k + ".csv"), null, List.of());
      assertThat(d.target()).isEqualTo("LGD");
      assertThat(d.features()).containsExactly("ltv", "senior", "log_ead", "months_in_default");
      assertThat(d.rows()).isBetween(300, 5000);
    }
    Dataset xy = CsvLoader.load(Path.of("data/regression_data.csv"), null, List.of());
    assertThat(xy.target()).isEqualTo("Y");
    assertThat(xy.features()).containsExactly("X");
  }

  @Test
  @DisplayName("a load of 32 MB or more is cut into parts read on several threads, and logs them as they finish")
  void progress(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.csv");
    try (var w = Files.newBufferedWriter(big)) {
      w.write("LGD,a,b,c\n");
      for (int i = 0; i < 1_100_000; i++) {
        w.write("0.123456,1.234567,2.345678,3.456789\n");
      }
    }
    ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(CsvParts.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen = new ch.qos.logback.core.read.ListAppender<>();
    seen.start();
    log.addAppender(seen);
    try {
      assertThat(CsvLoader.load(big, null, List.of()).rows()).isEqualTo(1_100_000);
    } finally {
      log.detachAppender(seen);
    }
    assertThat(seen.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList())
        .anySatisfy(m -> assertThat(m).containsPattern("big.csv: \\d+ of \\d+ parts read"));
  }
}
