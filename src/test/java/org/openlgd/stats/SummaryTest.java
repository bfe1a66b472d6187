package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Equivalent mutants PIT reports as surviving here, which no test can kill:
 * <ul>
 *   <li>{@code Moments.sd}: {@code n > 1} as {@code n >= 1} gives 0 / 0 = NaN for one value, as the original does.
 *   <li>{@code Grid.quantile}: {@code below + counts[b] >= target} as {@code >}, and {@code counts[b] > 0} as
 *       {@code >= 0}: a quantile on a bin's upper edge is then read as the next non-empty bin's lower edge, the same
 *       number.
 * </ul>
 */
@DisplayName("Summary: pooled moments, lattice grids and quantiles from binned counts")
class SummaryTest {
  @Test
  @DisplayName("consistency: moments pooled from parts equal the moments of all values (means far from 0 included)")
  void pooledMoments() {
    Random r = new Random(3);
    double[] all = new double[900];
    for (int i = 0; i < all.length; i++) {
      all[i] = 1e6 + r.nextGaussian() * (i < 300 ? 1 : 5);
    }
    Summary.Moments whole = Summary.Moments.of(all, null);
    Summary.Moments pooled = Summary.Moments.pooled(List.of(Summary.Moments.of(Arrays.copyOfRange(all, 0, 300), null),
        Summary.Moments.NONE, Summary.Moments.of(Arrays.copyOfRange(all, 300, 900), null)));
    assertThat(pooled.n()).isEqualTo(900);
    assertThat(pooled.mean()).isCloseTo(whole.mean(), offset(1e-9));
    assertThat(pooled.sd()).isCloseTo(whole.sd(), offset(1e-9 * whole.sd()));
    boolean[] missing = new boolean[] {false, true, false};
    Summary.Moments two = Summary.Moments.of(new double[] {1, Double.NaN, 3}, missing);
    assertThat(two.n()).isEqualTo(2);
    assertThat(two.mean()).isEqualTo(2);
    assertThat(two.sd()).isCloseTo(Math.sqrt(2), offset(1e-15));
    assertThat(Summary.Moments.of(new double[] {4}, null).sd()).isNaN();
  }

  @Test
  @DisplayName("grids around the pooled moments have widths of 1, 2 or 5 times a power of ten and edges on their "
      + "multiples; other grids are on no lattice")
  void lattice() {
    assertThat(Summary.Grid.nice(0.0407)).isCloseTo(0.05, offset(1e-15));
    assertThat(Summary.Grid.nice(37.9)).isEqualTo(50);
    assertThat(Summary.Grid.nice(0.2)).isCloseTo(0.2, offset(1e-15));
    assertThat(Summary.Grid.nice(0.21)).isCloseTo(0.5, offset(1e-15));
    Summary.Grid g = Summary.Grid.around(new Summary.Moments(6000, 0.4648, 6000 * 0.166), 100);
    assertThat(g.lattice()).isCloseTo(0.05, offset(1e-15));
    assertThat(g.lo() / 0.05).isCloseTo(Math.rint(g.lo() / 0.05), offset(1e-9));
    assertThat(g.lo()).isLessThanOrEqualTo(0.4648 - 5 * Math.sqrt(0.166 * 6000 / 5999));
    assertThat(g.hi()).isGreaterThanOrEqualTo(0.4648 + 5 * Math.sqrt(0.166 * 6000 / 5999));
    assertThat(new Summary.Grid(0.3, 1.0, 5).lattice()).isNaN();
    assertThat(new Summary.Grid(0.01, 1.01, 100).lattice()).isCloseTo(0.01, offset(1e-15));
    assertThatThrownBy(() -> new Summary.Grid(1, 1, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("lattice counts: a value on an edge counts in the bin above it; cells under the minimum count nowhere "
      + "and are reported hidden; the open bins hold what is outside the grid")
  void latticeCounts() {
    Summary.Grid g = new Summary.Grid(0, 1, 10);
    double[] x = {-5, -4, -3, 0, 0, 0, 0.1, 0.55, 0.56, 0.57, 0.58, 1, 1, 1, 7};
    long[] hidden = new long[1];
    long[] c = g.latticeCounts(x, null, 3, hidden);
    // cells: -5, -4, -3 (1 each: hidden), [0, 0.1): 3, [0.1, 0.2): 1 (hidden), [0.5, 0.6): 4, [1, 1.1): 3, [7, 7.1): 1
    assertThat(c).containsExactly(0, 3, 0, 0, 0, 0, 4, 0, 0, 0, 0, 3);
    assertThat(hidden[0]).isEqualTo(5);
    long[] none = new long[1];
    assertThat(g.latticeCounts(x, null, 1, none)).containsExactly(3, 3, 1, 0, 0, 0, 4, 0, 0, 0, 0, 4);
    assertThat(none[0]).isZero();
  }

  @Test
  @DisplayName("quantiles interpolate linearly inside the bin that holds them, and are not given in an open bin")
  void quantiles() {
    Summary.Grid g = new Summary.Grid(0, 4, 4);
    long[] c = {0, 10, 20, 10, 0, 0}; // 40 values: [0,1) 10, [1,2) 20, [2,3) 10
    assertThat(g.quantile(c, 0.5)).isCloseTo(1.5, offset(1e-15)); // rank 20: half-way into [1,2)
    assertThat(g.quantile(c, 0.125)).isCloseTo(0.5, offset(1e-15));
    assertThat(g.quantile(c, 0.95)).isCloseTo(2.8, offset(1e-15));
    assertThat(g.quantile(new long[] {5, 0, 0, 0, 0, 5}, 0.25)).isNaN();
    assertThat(g.quantile(new long[6], 0.5)).isNaN();
    assertThat(Summary.add(List.of(new long[] {1, 2}, new long[] {3, 4}))).containsExactly(4, 6);
    assertThatThrownBy(() -> Summary.add(List.of(new long[] {1}, new long[] {1, 2}))).isInstanceOf(IllegalArgumentException.class);
    assertThat(Summary.shown(0, 3)).isTrue();
    assertThat(Summary.shown(2, 3)).isFalse();
    assertThat(Summary.shown(3, 3)).isTrue();
  }

  @Test
  @DisplayName("edges: one bin is a grid, none is not; widths already nice stay; a constant column gets a grid of "
      + "one unit each way; a grid of another width or off its multiples is on no lattice")
  void edges() {
    assertThat(new Summary.Grid(0, 1, 1).bins()).isEqualTo(1);
    assertThatThrownBy(() -> new Summary.Grid(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Summary.Grid(0, Double.POSITIVE_INFINITY, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Summary.Grid.nice(0.1)).isCloseTo(0.1, offset(1e-17));
    assertThat(Summary.Grid.nice(1)).isEqualTo(1);
    assertThat(Summary.Grid.nice(5)).isEqualTo(5);
    assertThat(Summary.Grid.nice(5.01)).isEqualTo(10);
    assertThat(Summary.Grid.nice(2e-7)).isCloseTo(2e-7, offset(1e-22));
    Summary.Grid constant = Summary.Grid.around(new Summary.Moments(40, 3, 0), 10);
    assertThat(constant.lo()).isLessThanOrEqualTo(2);
    assertThat(constant.hi()).isGreaterThanOrEqualTo(4);
    assertThat(constant.lattice()).isCloseTo(0.2, offset(1e-15));
    Summary.Grid big = Summary.Grid.around(new Summary.Moments(40, 1e9, 0), 10);
    assertThat(big.lo()).isLessThanOrEqualTo(1e9 - 1e3);
    assertThat(new Summary.Grid(0.005, 1.005, 100).lattice()).isNaN();
    assertThat(new Summary.Grid(-0.3, 0.7, 10).lattice()).isCloseTo(0.1, offset(1e-15));
    assertThat(new Summary.Grid(0, 1, 10).quantile(new long[] {0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6}, 0.5)).isNaN();
    assertThat(new Summary.Grid(0, 1, 10).quantile(new long[] {0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6}, 0.3))
        .isCloseTo(0.075, offset(1e-15));
    long[] hidden = new long[1];
    assertThat(new Summary.Grid(-1, 1, 2).latticeCounts(new double[] {-0.5, -0.5, -0.5, 0.5, 0.5, 0.5}, null, 3, hidden))
        .containsExactly(0, 3, 3, 0);
    assertThatThrownBy(() -> new Summary.Grid(0.3, 1, 5).latticeCounts(new double[] {0.5}, null, 1, hidden))
        .hasMessageContaining("not on a lattice");
    assertThat(new Summary.Moments(2, 0, 2).sd()).isEqualTo(Math.sqrt(2));
    assertThat(new Summary.Moments(1, 0, 0).sd()).isNaN();
  }
}
