package org.openlgd.data;

/**
 * Parses plain decimal numbers ({@code -12.5}, {@code 3e-2}) straight from a line of text without allocating, with
 * exactly the result of {@link Double#parseDouble}: a mantissa of at most 18 significant digits below 2^53 and a
 * power of ten up to 22 give the double by one correctly rounded multiplication or division (Clinger's fast path).
 * Anything else returns NaN, meaning "use the general path".
 */
final class FastDouble {
  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private FastDouble() {
  }

  /** The value of {@code s[start, end)}, or NaN when the text is not a plain number the fast path can do exactly. */
  static double parse(CharSequence s, int start, int end) {
    int i = start;
    if (i >= end) {
      return Double.NaN;
    }
    boolean negative = false;
    char c = s.charAt(i);
    if (c == '-' || c == '+') {
      negative = c == '-';
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int digits = 0;
    int fractionDigits = 0;
    boolean seenPoint = false;
    for (; i < end; i++) {
      c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        if (seenPoint) {
          fractionDigits++;
        }
        if (mantissa == 0 && c == '0') {
          continue;
        }
        if (++significant > 18) {
          return Double.NaN;
        }
        mantissa = mantissa * 10 + (c - '0');
      } else if (c == '.' && !seenPoint) {
        seenPoint = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    int exponent = 0;
    if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < end && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        negativeExponent = s.charAt(i) == '-';
        i++;
      }
      int expDigits = 0;
      for (; i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
        if (++expDigits > 3) {
          return Double.NaN;
        }
        exponent = exponent * 10 + (s.charAt(i) - '0');
      }
      if (expDigits == 0) {
        return Double.NaN;
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    if (i != end) {
      return Double.NaN;
    }
    if (mantissa == 0) {
      return negative ? -0.0 : 0.0;
    }
    int decimalExponent = exponent - fractionDigits;
    if (mantissa >= (1L << 53) || decimalExponent > 22 || decimalExponent < -22) {
      return Double.NaN;
    }
    double v = decimalExponent >= 0 ? mantissa * POW10[decimalExponent] : mantissa / POW10[-decimalExponent];
    return negative ? -v : v;
  }
}
