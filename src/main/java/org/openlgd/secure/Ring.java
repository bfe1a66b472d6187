package org.openlgd.secure;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Fixed-point numbers in the ring of integers modulo 2^256, with 2^128 as the unit: the values secure aggregation adds.
 * Every double of magnitude below {@link #LIMIT} whose last bit is at least 2^-128, and every product of two such
 * doubles, is represented exactly (smaller bits are rounded to the nearest 2^-128); sums of up to 2^27 such values
 * neither wrap nor round, so the masked sum over the servers is exact. A value at or above the limit is refused, never
 * wrapped.
 */
public final class Ring {
  /** The fractional bits of the unit. */
  public static final int FRACTION_BITS = 128;
  /** The magnitude a single value must stay below: 2^100, leaving 27 bits of headroom for sums. */
  public static final double LIMIT = 0x1p100;
  private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger MASK = MODULUS.subtract(BigInteger.ONE);
  private static final BigInteger HALF = BigInteger.ONE.shiftLeft(255);
  private static final BigDecimal UNIT = new BigDecimal(BigInteger.ONE.shiftLeft(FRACTION_BITS));

  private Ring() {
  }

  /** A value refused because the ring cannot hold it. */
  public static final class OverflowException extends IllegalArgumentException {
    public OverflowException(String message) {
      super(message);
    }
  }

  /** {@code v} in the ring; {@code name} names it in the refusal of a value the ring cannot hold. */
  public static BigInteger encode(double v, String name) {
    check(v, name);
    return reduce(scaled(v));
  }

  /** The exact product {@code a * b} in the ring. */
  public static BigInteger product(double a, double b, String name) {
    check(a, name);
    check(b, name);
    if (Math.abs(a) * Math.abs(b) >= LIMIT) {
      throw overflow(name, a * b);
    }
    long ma = mantissa(a);
    long mb = mantissa(b);
    int shift = exponent(a) + exponent(b) + FRACTION_BITS;
    return reduce(shift(BigInteger.valueOf(ma).multiply(BigInteger.valueOf(mb)), shift));
  }

  /** x + y in the ring. */
  public static BigInteger add(BigInteger x, BigInteger y) {
    return x.add(y).and(MASK);
  }

  /** x - y in the ring. */
  public static BigInteger subtract(BigInteger x, BigInteger y) {
    return x.subtract(y).and(MASK);
  }

  /** The exact value an element stands for (elements at or above 2^255 are negative). */
  public static BigDecimal decodeExact(BigInteger x) {
    BigInteger signed = x.compareTo(HALF) >= 0 ? x.subtract(MODULUS) : x;
    return new BigDecimal(signed).divide(UNIT);
  }

  /** The double nearest to the value an element stands for. */
  public static double decode(BigInteger x) {
    return decodeExact(x).round(MathContext.DECIMAL128).doubleValue();
  }

  /** An element from 32 big-endian bytes (a mask, or an element on the wire). */
  public static BigInteger fromBytes(byte[] bytes, int offset) {
    byte[] b = new byte[33];
    System.arraycopy(bytes, offset, b, 1, 32);
    return new BigInteger(b);
  }

  /** The element as 32 big-endian bytes. */
  public static byte[] toBytes(BigInteger x) {
    byte[] raw = x.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, raw.length);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  private static void check(double v, String name) {
    if (!Double.isFinite(v) || Math.abs(v) >= LIMIT) {
      throw overflow(name, v);
    }
  }

  private static OverflowException overflow(String name, double v) {
    return new OverflowException("secure aggregation: " + name + " = " + v + " is outside the range the exact sum can "
        + "hold (|x| < 2^100, about 1.27e30)");
  }

  /** v * 2^128 as an integer, rounded half to even below the last bit. */
  private static BigInteger scaled(double v) {
    return v == 0 ? BigInteger.ZERO : shift(BigInteger.valueOf(mantissa(v)), exponent(v) + FRACTION_BITS);
  }

  private static BigInteger shift(BigInteger m, int shift) {
    if (shift >= 0) {
      return m.shiftLeft(shift);
    }
    return new BigDecimal(m).divide(new BigDecimal(BigInteger.ONE.shiftLeft(-shift)), 0, RoundingMode.HALF_EVEN).toBigInteger();
  }

  /** The signed integer m with v = m * 2^exponent(v). */
  private static long mantissa(double v) {
    long bits = Double.doubleToRawLongBits(v);
    int e = (int) ((bits >> 52) & 0x7ff);
    long m = bits & 0xfffffffffffffL;
    m = e == 0 ? m : m | (1L << 52);
    return v < 0 ? -m : m;
  }

  private static int exponent(double v) {
    int e = (int) ((Double.doubleToRawLongBits(v) >> 52) & 0x7ff);
    return (e == 0 ? 1 : e) - 1075;
  }

  private static BigInteger reduce(BigInteger x) {
    return x.and(MASK);
  }
}
