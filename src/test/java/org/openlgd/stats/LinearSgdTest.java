package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;

@DisplayName("Linear SGD")
class LinearSgdTest {

  @Test
  @DisplayName("the same seed and epoch give the same pass; the epoch changes the order")
  void reproducible() throws Exception {
    Dataset d = CsvLoader.load(Path.of("data/bank2.csv"), null, List.of());
    double[] a = LinearSgd.pass(d, null, 0, 0.1, 7);
    double[] b = LinearSgd.pass(d, null, 0, 0.1, 7);
    assertThat(a).containsExactly(b);
    assertThat(LinearSgd.shuffledOrder(100, 7, 1)).isNotEqualTo(LinearSgd.shuffledOrder(100, 7, 2));
    int[] order = LinearSgd.shuffledOrder(100, 7, 1);
    Arrays.sort(order);
    for (int i = 0; i < 100; i++) {
      assertThat(order[i]).isEqualTo(i);
    }
  }

  @Test
  @DisplayName("epochs chained by warm starts approach the least-squares fit")
  void convergesToLeastSquares() throws Exception {
    Dataset d = CsvLoader.load(Path.of("data/bank1.csv"), null, List.of());
    double[] ols = LeastSquares.fit(d).coefficients();
    double[] beta = LinearSgd.pass(d, null, 0, LinearSgd.DEFAULT_ETA0, 1);
    double first = WeightedAverage.maxAbsDiff(beta, ols);
    for (int e = 1; e <= 30; e++) {
      beta = LinearSgd.pass(d, beta, e, LinearSgd.DEFAULT_ETA0, 1);
    }
    double last = WeightedAverage.maxAbsDiff(beta, ols);
    assertThat(last).isLessThan(first).isLessThan(0.01);
  }

  @Test
  @DisplayName("features are standardised internally: rescaling a feature rescales its coefficient")
  void scaleFree() {
    double[][] rows = new double[200][1];
    double[][] scaled = new double[200][1];
    double[] y = new double[200];
    SplittableRandom rnd = new SplittableRandom(9);
    for (int i = 0; i < 200; i++) {
      rows[i][0] = rnd.nextGaussian();
      scaled[i][0] = rows[i][0] * 1000;
      y[i] = 1 + 2 * rows[i][0] + rnd.nextGaussian() * 0.1;
    }
    double[] a = LinearSgd.pass(Dataset.ofRows("Y", List.of("x"), rows, y), null, 0, 0.1, 3);
    double[] b = LinearSgd.pass(Dataset.ofRows("Y", List.of("x"), scaled, y), null, 0, 0.1, 3);
    assertThat(b[0]).isCloseTo(a[0], Offset.offset(1e-9));
    assertThat(b[1] * 1000).isCloseTo(a[1], Offset.offset(1e-9));
  }

  @Test
  @DisplayName("bad arguments are refused")
  void badArguments() {
    Dataset d = Dataset.ofRows("Y", List.of("x"), new double[][] {{1}, {2}}, new double[] {1, 2});
    assertThatThrownBy(() -> LinearSgd.pass(d, new double[] {1}, 0, 0.1, 1)).hasMessageContaining("expected 2");
    assertThatThrownBy(() -> LinearSgd.pass(d, null, -1, 0.1, 1)).hasMessageContaining("epoch");
    assertThatThrownBy(() -> LinearSgd.pass(d, null, 0, 0, 1)).hasMessageContaining("eta0");
  }
}
