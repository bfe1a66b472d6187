package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Calibration by bucket of predicted LGD")
class CalibrationTest {
  private static Calibration of(double[][] loans) {
    Calibration c = Calibration.empty();
    for (double[] yp : loans) {
      c.add(yp[0], yp[1]);
    }
    return c;
  }

  @Test
  @DisplayName("hand-computed points: n, mean predicted, mean realised, difference and its 95 % interval")
  void points() {
    Calibration c = of(new double[][] {{0.2, 0.25}, {0.4, 0.22}, {0.3, 0.28}, {1, 1}});
    List<Calibration.Point> p = c.points();
    assertThat(p).hasSize(2);
    Calibration.Point b3 = p.get(0);
    assertThat(b3.bucket()).isEqualTo(3);
    assertThat(b3.n()).isEqualTo(3);
    assertThat(b3.meanPredicted()).isCloseTo(0.25, offset(1e-15));
    assertThat(b3.meanRealised()).isCloseTo(0.3, offset(1e-15));
    double half = 1.959963984540054 * Math.sqrt(0.01 / 3);
    assertThat(b3.ciLow()).isCloseTo(0.05 - half, offset(1e-12));
    assertThat(b3.ciHigh()).isCloseTo(0.05 + half, offset(1e-12));
    assertThat(p.get(1).bucket()).isEqualTo(11);
    assertThat(p.get(1).ciLow()).isNaN();
  }

  @Test
  @DisplayName("buckets under the minimum merge into their nearest non-empty neighbour; sums are kept")
  void merged() {
    Calibration c = of(new double[][] {{0.1, 0.05}, {0.2, 0.45}, {0.3, 0.46}, {0.5, 0.47}, {0.9, 0.95}, {0.8, 0.97}});
    Calibration m = c.merged(3);
    assertThat(m.points()).allSatisfy(p -> assertThat(p.n()).isGreaterThanOrEqualTo(3));
    assertThat(Arrays.stream(m.n()).sum()).isEqualTo(6);
    assertThat(Arrays.stream(m.sumY()).sum()).isCloseTo(2.8, offset(1e-12));
    assertThat(c.merged(1).points()).hasSize(3);
  }
}
