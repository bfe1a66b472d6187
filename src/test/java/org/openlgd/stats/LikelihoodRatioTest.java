package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.Fixtures;

/**
 * Equivalent mutants PIT reports as surviving: {@code lr < 0} as {@code lr <= 0} sets an LR of 0 to 0, and the
 * rounding band's own edge ({@code >} as {@code >=}) is never met exactly by a difference of two log-likelihoods.
 */
@DisplayName("Likelihood-ratio test and the chi-squared upper tail, against scipy")
class LikelihoodRatioTest {
  @Test
  @DisplayName("P(chi2_df >= x) equals scipy's chi2.sf to 1e-10 relative, from x = 0 to far in the tail")
  void upperTail() {
    for (Object o : Fixtures.json("chi2.json").getJsonArray("rows")) {
      JsonObject r = (JsonObject) o;
      double p = r.getDouble("p");
      assertThat(LikelihoodRatio.upperTail(r.getDouble("x"), r.getInteger("df"))).as(r.encode())
          .isCloseTo(p, offset(1e-10 * p));
    }
  }

  @Test
  @DisplayName("LR = 2 (l_large - l_small) on the added parameters; a rounding-size negative LR is 0 (p = 1), a real "
      + "one has no p-value; a larger model without more parameters is refused")
  void test() {
    LikelihoodRatio lr = LikelihoodRatio.test(-120.5, 3, -118.0, 5);
    assertThat(lr.statistic()).isEqualTo(5.0);
    assertThat(lr.df()).isEqualTo(2);
    assertThat(lr.p()).isCloseTo(Math.exp(-2.5), offset(1e-15)); // chi2 on 2 df: P(>= x) = exp(-x / 2)
    LikelihoodRatio tiny = LikelihoodRatio.test(-1000.0, 3, -1000.0 - 1e-9, 4);
    assertThat(tiny.statistic()).isZero();
    assertThat(tiny.p()).isEqualTo(1.0);
    LikelihoodRatio worse = LikelihoodRatio.test(-1000.0, 3, -1001.0, 4);
    assertThat(worse.statistic()).isEqualTo(-2.0);
    assertThat(worse.p()).isNaN();
    assertThatThrownBy(() -> LikelihoodRatio.test(-1, 4, -1, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more parameters");
  }
}
