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
}
