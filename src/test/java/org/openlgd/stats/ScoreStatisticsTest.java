package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ScoreStatistics: the additive vector, its names, sums over sites and the dropped first parameter")
class ScoreStatisticsTest {
  private static ScoreStatistics two(long n, double base) {
    return new ScoreStatistics(n, new double[] {base, base + 1}, new double[][] {{base + 2, base + 3}, {base + 4, base + 5}},
        new double[][] {{base + 6, base + 7}, {base + 8, base + 9}}, base + 10, base + 11, new double[] {base + 12});
  }

  @Test
  @DisplayName("toVector lays out n, gradient, information, meat, deviance, Pearson and extras; fromVector reads "
      + "them back; every entry has its name")
  void vector() {
    ScoreStatistics s = two(7, 100);
    double[] v = s.toVector();
    assertThat(v).containsExactly(7, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112);
    ScoreStatistics back = ScoreStatistics.fromVector(v, 2);
    assertThat(back.toVector()).containsExactly(v);
    assertThat(back.extra()).containsExactly(112);
    assertThat(List.of(0, 1, 2, 3, 6, 7, 10, 11, 12, 13).stream().map(i -> ScoreStatistics.vectorName(2, i)).toList())
        .containsExactly("n", "gradient[0]", "gradient[1]", "information[0][0]", "information[1][1]", "meat[0][0]",
            "meat[1][1]", "deviance", "pearson", "extra[0]");
    assertThat(ScoreStatistics.vectorName(2, 4)).isEqualTo("information[0][1]");
    assertThat(ScoreStatistics.vectorName(2, 8)).isEqualTo("meat[0][1]");
    ScoreStatistics noPearson = new ScoreStatistics(1, new double[] {1}, new double[][] {{1}}, new double[][] {{1}}, 2, Double.NaN);
    assertThat(noPearson.toVector()).containsExactly(1, 1, 1, 1, 2, 0);
    assertThatThrownBy(() -> ScoreStatistics.fromVector(new double[5], 2)).hasMessageContaining("5 entries");
  }

  @Test
  @DisplayName("the sum over sites adds every entry; statistics of different sizes or extras are refused")
  void sum() {
    ScoreStatistics s = ScoreStatistics.sum(List.of(two(7, 100), two(3, 1)));
    assertThat(s.toVector()).containsExactly(10, 101, 103, 105, 107, 109, 111, 113, 115, 117, 119, 121, 123, 125);
    assertThatThrownBy(() -> ScoreStatistics.sum(List.of())).hasMessageContaining("no statistics");
    ScoreStatistics one = new ScoreStatistics(1, new double[] {1}, new double[][] {{1}}, new double[][] {{1}}, 2, 3);
    assertThatThrownBy(() -> ScoreStatistics.sum(List.of(two(1, 0), one))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScoreStatistics.sum(List.of(one, two(1, 0)))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("withoutFirst drops the first row and column of both matrices and the first gradient entry")
  void withoutFirst() {
    ScoreStatistics s = two(7, 100).withoutFirst();
    assertThat(s.gradient()).containsExactly(101);
    assertThat(s.information()[0]).containsExactly(105);
    assertThat(s.meat()[0]).containsExactly(109);
    assertThat(s.deviance()).isEqualTo(110);
    assertThat(s.pearson()).isEqualTo(111);
    assertThat(s.n()).isEqualTo(7);
  }
}
