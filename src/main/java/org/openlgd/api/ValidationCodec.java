package org.openlgd.api;

import static org.openlgd.api.JsonValues.finite;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.Arrays;
import org.openlgd.model.Share;
import org.openlgd.model.ValidationReply;
import org.openlgd.stats.Calibration;
import org.openlgd.stats.Validation;

/**
 * A server's reply to {@code /validate}: {@code {"id": .., "n": .., "validation": {"n", "sumY", "sumY2", "sumP",
 * "sumE", "sumE2", "sumAbsE", "table"}}}, the sums and the bucket table of {@link Validation.Sums}, and with weighted
 * rows {@code "weighted": [sumW, wSumY, wSumY2, wSumP, wSumE2, wSumAbsE]}.
 */
public final class ValidationCodec {
  /** The weighted sums ({@link Validation#WEIGHTED}), present with weighted rows. */
  static final String WEIGHTED = "weighted";
  /** Somers' D from the server's full bucket table (its reply's table has small cells suppressed). */
  static final String SOMERS_D = "somersD";
  /** The loans in the cells the server suppressed. */
  static final String SUPPRESSED = "suppressed";
  /** The calibration sums by predicted bucket: n, sum p, sum y, sum y^2 for each of the 12 (small buckets merged). */
  static final String CALIBRATION = "calibration";
  /** Loans by bucket of realised LGD (0 for a bucket under the disclosure minimum). */
  static final String HISTOGRAM = "histogram";

  private ValidationCodec() {
  }

  /**
   * A plain reply: the sums with the table shown ({@code s}), Somers' D from the server's full table and the loans in
   * suppressed cells.
   */
  public static JsonObject encode(int serverId, Validation.Sums s, double ownSomersD, long suppressed) {
    JsonObject out = encode(serverId, s);
    JsonObject v = out.getJsonObject("validation");
    if (Double.isFinite(ownSomersD)) {
      v.put(SOMERS_D, ownSomersD);
    }
    return out.put("validation", v.put(SUPPRESSED, suppressed));
  }

  public static JsonObject encode(int serverId, Validation.Sums s) {
    JsonArray table = new JsonArray();
    for (long[] row : s.table()) {
      table.add(JsonValues.counts(row));
    }
    JsonObject v = new JsonObject()
        .put("n", s.n()).put("sumY", s.sumY()).put("sumY2", s.sumY2()).put("sumP", s.sumP()).put("sumE", s.sumE())
        .put("sumE2", s.sumE2()).put("sumAbsE", s.sumAbsE()).put("table", table);
    if (s.weighted() != null) {
      v.put(WEIGHTED, JsonValues.vector(s.weighted()));
    }
    if (s.calibration() != null) {
      v.put(CALIBRATION, JsonValues.vector(s.calibration().toVector()));
    }
    if (s.histogram() != null) {
      v.put(HISTOGRAM, JsonValues.counts(s.histogram()));
    }
    return new JsonObject().put("id", serverId).put(Wire.N, s.n()).put("validation", v);
  }

  /** A secure round's reply: the masked share of the sums, and the sums themselves only if the server discloses them. */
  public static JsonObject encodeMasked(int serverId, Validation.Sums own, BigInteger[] masked, boolean disclose) {
    JsonObject out = disclose ? encode(serverId, own) : new JsonObject().put("id", serverId).put(Wire.N, own.n());
    return out.put(SecureCodec.MASKED, SecureCodec.share(masked));
  }

  /** Reads a validation reply (coordinator side): the sums, and the masked share of a secure round. */
  public static ValidationReply parse(JsonObject reply) {
    Share share = SecureCodec.share(reply);
    if (share != null && reply.getValue("validation") == null) {
      return new ValidationReply(null, share);
    }
    Validation.Sums sums = sums(reply);
    JsonObject v = reply.getJsonObject("validation");
    double d = v.getValue(SOMERS_D) instanceof Number x ? x.doubleValue() : Double.NaN;
    long hidden = JsonValues.isWhole(v.getValue(SUPPRESSED)) ? v.getLong(SUPPRESSED) : 0;
    if (!(d >= -1 && d <= 1) && !Double.isNaN(d) || hidden < 0) {
      throw new BadRequestException("'validation.somersD' must lie in [-1, 1] and 'validation.suppressed' be a count");
    }
    return new ValidationReply(sums, d, hidden, share);
  }

  private static Validation.Sums sums(JsonObject reply) {
    if (!(reply.getValue("validation") instanceof JsonObject v)) {
      throw new BadRequestException("reply lacks 'validation'");
    }
    if (!JsonValues.isWhole(v.getValue("n")) || v.getLong("n") < 0) {
      throw new BadRequestException("'validation.n' must be a count");
    }
    if (!(v.getValue("table") instanceof JsonArray rows) || rows.size() != Validation.BUCKETS) {
      throw new BadRequestException("'validation.table' must be " + Validation.BUCKETS + " rows");
    }
    long[][] table = new long[Validation.BUCKETS][Validation.BUCKETS];
    for (int i = 0; i < Validation.BUCKETS; i++) {
      if (!(rows.getValue(i) instanceof JsonArray row) || row.size() != Validation.BUCKETS) {
        throw new BadRequestException("'validation.table' row " + i + " must hold " + Validation.BUCKETS + " counts");
      }
      for (int j = 0; j < Validation.BUCKETS; j++) {
        if (!JsonValues.isWhole(row.getValue(j)) || row.getLong(j) < 0) {
          throw new BadRequestException("'validation.table' entries must be counts");
        }
        table[i][j] = row.getLong(j);
      }
    }
    double[] weighted = v.getValue(WEIGHTED) == null ? null
        : JsonValues.readVector(v.getValue(WEIGHTED), Validation.WEIGHTED.size(), "validation." + WEIGHTED);
    Calibration calibration = v.getValue(CALIBRATION) == null ? null
        : Calibration.fromVector(JsonValues.readVector(v.getValue(CALIBRATION), Calibration.SIZE,
            "validation." + CALIBRATION), 0);
    if (calibration != null && Arrays.stream(calibration.n()).anyMatch(c -> c < 0)) {
      throw new BadRequestException("'validation.calibration' counts must not be negative");
    }
    long[] histogram = null;
    if (v.getValue(HISTOGRAM) != null) {
      if (!(v.getValue(HISTOGRAM) instanceof JsonArray h) || h.size() != Validation.BUCKETS
          || !h.stream().allMatch(c -> JsonValues.isWhole(c) && ((Number) c).longValue() >= 0)) {
        throw new BadRequestException("'validation.histogram' must be " + Validation.BUCKETS + " counts");
      }
      histogram = h.stream().mapToLong(c -> ((Number) c).longValue()).toArray();
    }
    return new Validation.Sums(v.getLong("n"), finite(v.getValue("sumY"), "sumY"), finite(v.getValue("sumY2"), "sumY2"),
        finite(v.getValue("sumP"), "sumP"), finite(v.getValue("sumE"), "sumE"), finite(v.getValue("sumE2"), "sumE2"),
        finite(v.getValue("sumAbsE"), "sumAbsE"), table, weighted, calibration, histogram);
  }
}
