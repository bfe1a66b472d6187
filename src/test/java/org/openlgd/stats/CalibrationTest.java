package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Calibration by decile of the pooled prediction")
class CalibrationTest {
  private static Calibration of(double[][] loans) {
    Calibration c = Calibration.empty();
    for (double[] yp : loans) {
      c.add(yp[0], yp[1]);
    }
    return c;
  }

  @Test
  @DisplayName("hand-computed points: n, the predicted range, mean predicted, mean realised, difference and its 95 % "
      + "interval; a fine bucket goes to the decile of its middle loan")
  void points() {
    // 4 loans: the first three in the bucket (0.21, 0.25] and (0.27, 0.28], the fourth at 1
    Calibration c = of(new double[][] {{0.2, 0.25}, {0.4, 0.22}, {0.3, 0.28}, {1, 1}});
    List<Calibration.Point> p = c.points();
    assertThat(p).extracting(Calibration.Point::group).containsExactly(2, 4, 7, 9);
    Calibration.Point first = p.get(0);
    assertThat(first.n()).isEqualTo(1);
    assertThat(first.from()).isCloseTo(0.21, offset(1e-15));
    assertThat(first.to()).isCloseTo(0.22, offset(1e-15));
    assertThat(p.get(3).to()).isInfinite();
    assertThat(p.get(3).ciLow()).isNaN();
    Calibration three = of(new double[][] {{0.2, 0.25}, {0.4, 0.25}, {0.3, 0.25}});
    Calibration.Point b = three.points().get(0);
    assertThat(b.n()).isEqualTo(3);
    assertThat(b.meanPredicted()).isCloseTo(0.25, offset(1e-15));
    assertThat(b.meanRealised()).isCloseTo(0.3, offset(1e-15));
    double half = 1.959963984540054 * Math.sqrt(0.01 / 3);
    assertThat(b.ciLow()).isCloseTo(0.05 - half, offset(1e-12));
    assertThat(b.ciHigh()).isCloseTo(0.05 + half, offset(1e-12));
  }

  @Test
  @DisplayName("10,000 predictions spread over [0, 1]: ten groups of a tenth of the loans each, to one fine bucket, "
      + "their ranges in order and adjoining; the sums are kept")
  void deciles() {
    Random r = new Random(5);
    Calibration c = Calibration.empty();
    long[] perBucket = new long[Calibration.BUCKETS];
    for (int i = 0; i < 10_000; i++) {
      double p = Math.pow(r.nextDouble(), 2); // skewed towards 0: the deciles are not the tenths
      c.add(p, p);
      perBucket[Calibration.bucket(p)]++;
    }
    long widest = Arrays.stream(perBucket).max().orElseThrow();
    List<Calibration.Point> p = c.points();
    assertThat(p).extracting(Calibration.Point::group).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    for (int k = 0; k < p.size(); k++) {
      assertThat(p.get(k).n()).as("decile %d", k + 1).isBetween(1000 - widest, 1000 + widest);
      assertThat(p.get(k).difference()).isCloseTo(0, offset(1e-12));
      if (k > 0) {
        assertThat(p.get(k).from()).isCloseTo(p.get(k - 1).to(), offset(1e-15));
      }
    }
    assertThat(p.stream().mapToLong(Calibration.Point::n).sum()).isEqualTo(10_000);
    assertThat(p.get(1).to()).isLessThan(0.1); // the second decile of p = u^2 ends at 0.04
  }

  @Test
  @DisplayName("buckets under the minimum merge into their nearest non-empty neighbour; sums are kept")
  void merged() {
    Calibration c = of(new double[][] {{0.1, 0.05}, {0.2, 0.45}, {0.3, 0.46}, {0.5, 0.47}, {0.9, 0.95}, {0.8, 0.97}});
    Calibration m = c.merged(3);
    assertThat(Arrays.stream(m.n()).filter(n -> n > 0)).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(3));
    assertThat(Arrays.stream(m.n()).sum()).isEqualTo(6);
    assertThat(Arrays.stream(m.sumY()).sum()).isCloseTo(2.8, offset(1e-12));
    assertThat(Arrays.stream(c.merged(1).n()).filter(n -> n > 0).count()).isEqualTo(6);
  }

  @Test
  @DisplayName("fine buckets: at most 0, each hundredth (upper edge included), at least 1")
  void buckets() {
    assertThat(Calibration.bucket(-0.2)).isZero();
    assertThat(Calibration.bucket(0)).isZero();
    assertThat(Calibration.bucket(1e-9)).isEqualTo(1);
    assertThat(Calibration.bucket(0.5)).isEqualTo(50);
    assertThat(Calibration.bucket(0.505)).isEqualTo(51);
    assertThat(Calibration.bucket(0.9999)).isEqualTo(100);
    assertThat(Calibration.bucket(1)).isEqualTo(101);
    assertThat(Calibration.bucket(7)).isEqualTo(101);
  }

  @Test
  @DisplayName("a small bucket joins its nearest non-empty neighbour, the lower on a tie, from the edges too; all four "
      + "sums move with it; the sums of several calibrations add")
  void neighbours() {
    // one loan at 0.05 (bucket 5): neighbours at buckets 3 (2 away) and 8 (3 away)
    Calibration c = of(new double[][] {{0.1, 0.03}, {0.1, 0.03}, {0.1, 0.03}, {0.4, 0.05}, {0.2, 0.08}, {0.2, 0.08},
        {0.2, 0.08}});
    Calibration m = c.merged(3);
    assertThat(m.n()[3]).isEqualTo(4);
    assertThat(m.n()[5]).isZero();
    assertThat(m.sumP()[3]).isCloseTo(0.14, offset(1e-15));
    assertThat(m.sumY()[3]).isCloseTo(0.7, offset(1e-15));
    assertThat(m.sumY2()[3]).isCloseTo(0.19, offset(1e-15));
    assertThat(m.sumP()[5]).isZero();
    // a tie (2 away on both sides) goes down; a loan at the top edge goes to the nearest below
    Calibration tie = of(new double[][] {{0, 0.03}, {0, 0.03}, {0, 0.03}, {0.5, 0.05}, {1, 0.069}, {1, 0.069},
        {1, 0.069}, {1, 1}});
    Calibration t = tie.merged(3);
    assertThat(t.n()[3]).isEqualTo(4);
    assertThat(t.n()[7]).isEqualTo(4);
    assertThat(t.n()[101]).isZero();
    Calibration bottom = of(new double[][] {{0, -1}, {0.3, 0.02}, {0.3, 0.02}, {0.3, 0.02}});
    assertThat(bottom.merged(3).n()[2]).isEqualTo(4);
    Calibration toZero = of(new double[][] {{0, 0}, {0, -1}, {0, 0}, {0.1, 0.003}});
    assertThat(toZero.merged(3).n()[0]).isEqualTo(4); // bucket 0 is a neighbour too
    Calibration lonely = of(new double[][] {{0.2, 0.5}});
    assertThat(lonely.merged(3).n()[50]).isEqualTo(1); // no neighbour: stays
    Calibration sum = Calibration.add(List.of(c, tie));
    assertThat(sum.n()[3]).isEqualTo(6);
    assertThat(sum.sumY2()[101]).isEqualTo(1);
    double[] v = sum.toVector();
    assertThat(Calibration.fromVector(v, 0).toVector()).containsExactly(v);
    assertThat(v[4 * 3]).isEqualTo(6);
    assertThat(v[4 * 3 + 1]).isCloseTo(0.18, offset(1e-15));
  }
}
