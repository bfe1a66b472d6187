package org.openlgd.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("CSV files read as tables: text columns and missing values")
class CsvTableTest {
  @Test
  @DisplayName("text columns become sorted dictionaries; empty, NA, NaN and null cells are missing; numbers stay exact")
  void textAndMissing(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, "LGD,ltv,grade,coll\n0.5,1.25,A,\"real estate\"\n0.25,NA,3,cash\n,0.5,B,null\n"
        + "0.75,NaN,A,cash\n\n1,2,,none\n");
    Table t = CsvLoader.table(f);
    assertThat(t.rows()).isEqualTo(5);
    assertThat(t.names()).containsExactly("LGD", "ltv", "grade", "coll");
    double[] ltv = ((Table.Numbers) t.column("ltv")).values();
    assertThat(ltv[0]).isEqualTo(1.25);
    assertThat(t.column("ltv").missing(1)).isTrue();
    assertThat(t.column("ltv").missing(3)).isTrue();
    assertThat(t.column("LGD").missing(2)).isTrue();
    Table.Text grade = (Table.Text) t.column("grade");
    assertThat(grade.levels()).containsExactly("3", "A", "B");
    assertThat(grade.codes()).containsExactly(1, 0, 2, 1, -1);
    assertThat(grade.firstText()).isZero();
    Table.Text coll = (Table.Text) t.column("coll");
    assertThat(coll.levels()).containsExactly("cash", "none", "real estate");
    assertThat(t.cell("coll", 2)).isNull();
    assertThat(t.cell("coll", 0)).isEqualTo("real estate");
    assertThat(t.where(4, "grade")).isEqualTo(f + ", line 7, column 3");
  }

  @Test
  @DisplayName("a large file read in parts on several threads joins the parts' dictionaries and keeps every line number")
  void parts(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("big.csv");
    int rows = 700_000;
    try (BufferedWriter w = Files.newBufferedWriter(f)) {
      w.write("LGD,x,kind\n");
      for (int i = 0; i < rows; i++) {
        String kind = i == rows - 1 ? "zz_last" : i == 0 ? "aa_first" : i % 3 == 0 ? "k0" : i % 3 == 1 ? "k1" : "k2";
        w.write("0.123456," + (i % 1000) + ".25," + kind + "\n");
        if (i == rows / 2) {
          w.write("\n");
        }
      }
    }
    assertThat(Files.size(f)).isGreaterThan(3 * CsvLoader.MIN_PART);
    Table one = CsvLoader.table(f, 1);
    Table many = CsvLoader.table(f, 4);
    for (Table t : List.of(one, many)) {
      Table.Text kind = (Table.Text) t.column("kind");
      assertThat(kind.levels()).containsExactly("aa_first", "k0", "k1", "k2", "zz_last");
      assertThat(t.cell("kind", 0)).isEqualTo("aa_first");
      assertThat(t.cell("kind", rows - 1)).isEqualTo("zz_last");
      assertThat(t.cell("kind", 3)).isEqualTo("k0");
      assertThat(t.cell("x", 1234)).isEqualTo(234.25);
      assertThat(t.where(rows / 2, "x")).endsWith(", line " + (rows / 2 + 2) + ", column 2");
      assertThat(t.where(rows / 2 + 1, "x")).endsWith(", line " + (rows / 2 + 4) + ", column 2");
      assertThat(t.where(rows - 1, "kind")).endsWith(", line " + (rows + 2) + ", column 3");
    }
    assertThat(((Table.Text) many.column("kind")).codes()).isEqualTo(((Table.Text) one.column("kind")).codes());
  }

  @Test
  @DisplayName("tables of several files stack, text and numbers joined into one dictionary")
  void concat(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Files.writeString(a, "y,k\n1,x\n2,y\n");
    Files.writeString(b, "y,k\n3,1\n4,\n");
    Table t = Table.concat("a+b", List.of(CsvLoader.table(a), CsvLoader.table(b)));
    assertThat(t.rows()).isEqualTo(4);
    assertThat(((Table.Text) t.column("k")).levels()).containsExactly("1", "x", "y");
    assertThat(t.cell("k", 2)).isEqualTo("1");
    assertThat(t.cell("k", 3)).isNull();
  }
}
