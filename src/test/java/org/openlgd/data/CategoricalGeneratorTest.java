package org.openlgd.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.formula.Design;
import org.openlgd.formula.Formula;

@DisplayName("Categorical data generator")
class CategoricalGeneratorTest {
  @Test
  @DisplayName("the shipped data/categorical files are what the documented command writes, byte for byte")
  void shipped(@TempDir Path dir) throws Exception {
    List<Path> files = CategoricalGenerator.write(dir, 4, 1500, 2026, 0.05);
    for (Path f : files) {
      assertThat(Files.readString(f)).as(f.getFileName().toString())
          .isEqualTo(Files.readString(Path.of("data/categorical").resolve(f.getFileName())));
    }
  }

  @Test
  @DisplayName("the last bank lacks the level guarantee; about the missing share of ltv, collateral and ead is empty")
  void levelsAndGaps(@TempDir Path dir) throws Exception {
    List<Path> files = CategoricalGenerator.write(dir, 4, 5000, 7, 0.1);
    Formula f = Formula.parse("LGD ~ ltv + collateral + facility + log(ead)");
    for (int k = 0; k < 4; k++) {
      Table t = CsvLoader.table(files.get(k));
      List<Object> levels = Design.levels(f, t, "ead").get("collateral");
      assertThat(levels).as("bank %d", k + 1).isEqualTo(k == 3 ? List.of("cash", "none", "real_estate")
          : List.of("cash", "guarantee", "none", "real_estate"));
      for (String c : List.of("ltv", "collateral", "ead")) {
        long missing = IntStream.range(0, t.rows()).filter(i -> t.column(c).missing(i)).count();
        assertThat((double) missing / t.rows()).as("%s at bank %d", c, k + 1).isBetween(0.07, 0.13);
      }
      assertThat(t.column("facility").missing(0)).isFalse();
    }
  }
}
