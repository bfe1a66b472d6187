package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Weighted average")
class WeightedAverageTest {

  @Test
  @DisplayName("weights by row count: (100*(1,2) + 300*(5,6)) / 400 = (4,5)")
  void closedForm() {
    double[] avg = WeightedAverage.of(List.of(new double[] {1, 2}, new double[] {5, 6}), List.of(100L, 300L));
    assertThat(avg).containsExactly(4.0, 5.0);
  }

  @Test
  @DisplayName("mismatched lengths and non-positive weights are refused")
  void refusals() {
    assertThatThrownBy(() -> WeightedAverage.of(List.of(new double[] {1}, new double[] {1, 2}), List.of(1L, 1L)))
        .hasMessageContaining("expected 1");
    assertThatThrownBy(() -> WeightedAverage.of(List.of(new double[] {1}), List.of(0L))).hasMessageContaining("positive");
    assertThatThrownBy(() -> WeightedAverage.of(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a quorum of the servers that answered: the average is over them alone; one weight per vector; the "
      + "differences a fit stops on (max absolute, relative to max(1, |b|), Euclidean)")
  void quorumAndDifferences() {
    // 3 of 4 servers answered: their rows weigh, the missing one's do not
    double[] avg = WeightedAverage.of(List.of(new double[] {1, -1}, new double[] {2, 0}, new double[] {4, 8}),
        List.of(1L, 2L, 1L));
    assertThat(avg).containsExactly(2.25, 1.75);
    assertThatThrownBy(() -> WeightedAverage.of(List.of(new double[] {1}), List.of(1L, 2L))).hasMessageContaining("2 weights");
    assertThatThrownBy(() -> WeightedAverage.of(List.of(new double[] {1}), List.of(-3L))).hasMessageContaining("got -3");
    double[] a = {1, -2, 100};
    double[] b = {1.5, -2, 90};
    assertThat(WeightedAverage.maxAbsDiff(a, b)).isEqualTo(10);
    assertThat(WeightedAverage.maxAbsDiff(b, a)).isEqualTo(10);
    assertThat(WeightedAverage.maxRelativeChange(a, b)).isEqualTo(0.5 / 1.5); // 0.5 / max(1, 1.5) beats 10 / 90
    assertThat(WeightedAverage.maxRelativeChange(new double[] {0, 0}, new double[] {0.2, -400})).isEqualTo(1.0);
    assertThat(WeightedAverage.l2Diff(new double[] {0, 0}, new double[] {3, -4})).isEqualTo(5.0);
    assertThat(WeightedAverage.l2Diff(a, a)).isZero();
  }
}
