package org.openlgd.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Fast number parsing")
class FastDoubleTest {

  private static double parse(String s) {
    return FastDouble.parse(s, 0, s.length());
  }

  @Test
  @DisplayName("gives exactly Double.parseDouble's value on plain numbers, and declines everything else")
  void exactOrDeclines() {
    String[] plain = {"0", "-0", "1", "-1", "0.5", "123.456", "1e3", "1E-3", "-2.5e+2", "0.000001", "3368421",
        "60323", "83.0", "-0.358191792925910e-01", "00012.50", ".5", "5.", "+7"};
    for (String s : plain) {
      assertThat(Double.doubleToRawLongBits(parse(s))).as(s).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
    }
    for (String s : new String[] {"", "-", ".", "e5", "1e", "1e1234", "abc", "1.2.3", "NaN", "Infinity", "0x10", "1d",
        "1 2", "1234567890123456789", "1e-30"}) {
      assertThat(parse(s)).as(s).isNaN();
    }
  }

  @Test
  @DisplayName("random decimals with up to 6 places round-trip exactly")
  void randomDecimals() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 200_000; i++) {
      String s = String.format(Locale.ROOT, "%." + r.nextInt(7) + "f", (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(8)));
      double v = parse(s);
      if (!Double.isNaN(v)) {
        assertThat(Double.doubleToRawLongBits(v)).as(s).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
      }
    }
  }
}
