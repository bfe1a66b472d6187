package org.openlgd.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("LGD data generator")
class LgdGeneratorTest {

  @Test
  @DisplayName("the same seed writes the same files; another seed does not")
  void reproducible(@TempDir Path dir) throws Exception {
    LgdGenerator.write(dir.resolve("a"), 3, 200, 5);
    LgdGenerator.write(dir.resolve("b"), 3, 200, 5);
    LgdGenerator.write(dir.resolve("c"), 3, 200, 6);
    for (String f : List.of("bank1.csv", "bank2.csv", "bank3.csv", "regression_data.csv")) {
      assertThat(Files.readString(dir.resolve("a").resolve(f))).isEqualTo(Files.readString(dir.resolve("b").resolve(f)));
    }
    assertThat(Files.readString(dir.resolve("a/bank1.csv"))).isNotEqualTo(Files.readString(dir.resolve("c/bank1.csv")));
  }

  @Test
  @DisplayName("banks differ in size; LGD lies in [0,1] with point masses at 0 and 1 and a U-shaped body")
  void realistic(@TempDir Path dir) throws Exception {
    LgdGenerator.write(dir, 4, 2000, 11);
    int[] sizes = new int[4];
    for (int k = 1; k <= 4; k++) {
      Dataset d = CsvLoader.load(dir.resolve("bank" + k + ".csv"), null, List.of());
      sizes[k - 1] = d.rows();
      int zeros = 0;
      int ones = 0;
      int low = 0;
      int mid = 0;
      int high = 0;
      for (int i = 0; i < d.rows(); i++) {
        double y = d.y(i);
        assertThat(y).isBetween(0.0, 1.0);
        if (y == 0) {
          zeros++;
        } else if (y == 1) {
          ones++;
        } else if (y < 0.1) {
          low++;
        } else if (y > 0.9) {
          high++;
        } else if (y > 0.45 && y < 0.55) {
          mid++;
        }
        assertThat(d.x(1, i)).isIn(0.0, 1.0);
      }
      assertThat(zeros).as("cures in bank %d", k).isGreaterThan(d.rows() / 20);
      assertThat(ones).as("total losses in bank %d", k).isGreaterThan(d.rows() / 20);
      assertThat(low).as("body near 0 vs middle").isGreaterThan(mid);
      assertThat(high).as("body near 1 vs middle").isGreaterThan(mid);
    }
    assertThat(sizes).containsExactly(3200, 2400, 1600, 800);
  }
}
